package widgets

import (
	"hash/fnv"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// InitialsBadge is a coloured disc with a person's initials: the stand-in
// for a photo in the results list and in the "No photo" placeholder.
type InitialsBadge struct {
	widget.BaseWidget
	disc    *canvas.Circle
	text    *canvas.Text
	side    float32
	key     string
	pending bool
}

// NewInitialsBadge is a badge side units across, grey until Set.
func NewInitialsBadge(side float32) *InitialsBadge {
	b := &InitialsBadge{side: side}
	b.disc = canvas.NewCircle(theme.Color(theme.ColorNameDisabled))
	b.text = canvas.NewText("", color.White)
	b.text.Alignment = fyne.TextAlignCenter
	b.text.TextStyle = fyne.TextStyle{Bold: true}
	b.text.TextSize = side * 0.38
	b.ExtendBaseWidget(b)
	return b
}

// Set shows initials on a colour derived from key, so one person keeps the
// same colour in the list and in the viewer.
func (b *InitialsBadge) Set(initials, key string) {
	b.text.Text, b.key = initials, key
	b.paint()
}

// SetPending greys the badge out and hides the initials while whether the
// person has a photo is not known yet.
func (b *InitialsBadge) SetPending(pending bool) {
	if b.pending == pending {
		return
	}
	b.pending = pending
	b.paint()
}

// Pending reports whether the badge is greyed out, waiting.
func (b *InitialsBadge) Pending() bool { return b.pending }

func (b *InitialsBadge) paint() {
	if b.pending {
		b.disc.FillColor = theme.Color(theme.ColorNameDisabled)
		b.text.Hide()
	} else {
		b.disc.FillColor = BadgeColor(b.key)
		b.text.Show()
	}
	b.Refresh()
}

// Initials are the initials shown.
func (b *InitialsBadge) Initials() string { return b.text.Text }

// MinSize is the badge's side.
func (b *InitialsBadge) MinSize() fyne.Size { return fyne.NewSquareSize(b.side) }

// CreateRenderer implements fyne.Widget.
func (b *InitialsBadge) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(b.disc, container.NewCenter(b.text)))
}

// BadgeColor picks a mid-tone colour from a small palette that keeps white
// text readable in light and dark themes. These are not theme colours on
// purpose: a person's colour is part of how helpdesk staff recognise them,
// so it must stay the same whatever the theme.
func BadgeColor(key string) color.Color {
	palette := []color.NRGBA{
		{0x1f, 0x6f, 0xb2, 0xff},
		{0x2e, 0x8b, 0x57, 0xff},
		{0xb2, 0x4a, 0x1f, 0xff},
		{0x7b, 0x3f, 0xa0, 0xff},
		{0x9c, 0x27, 0x5a, 0xff},
		{0x00, 0x7c, 0x89, 0xff},
		{0x8a, 0x6d, 0x00, 0xff},
		{0x55, 0x5f, 0x9e, 0xff},
	}
	h := fnv.New32a()
	_, _ = h.Write([]byte(key))
	return palette[h.Sum32()%uint32(len(palette))]
}
