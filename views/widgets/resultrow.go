package widgets

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
)

// AvatarSide is the size of a result's avatar: Graph's smallest photo size.
const AvatarSide = 48

// ResultRow is one line of the results list: a 48x48 avatar (initials until
// the photo arrives), the name, the UPN or mail and the job title.
type ResultRow struct {
	widget.BaseWidget
	badge  *InitialsBadge
	avatar *canvas.Image
	// AvatarDrag lies over the avatar: dragging it drags that person's
	// photo out of the window.
	AvatarDrag *DragHandle
	name       *FitLabel
	secondary  *FitLabel // UPN or mail
	jobTitle   *FitLabel // after the UPN, while there is room
	second     *fyne.Container
	shown      rowText // what the labels hold, so a refresh that changes nothing costs nothing
}

// rowText is what a row's labels and badge say.
type rowText struct{ id, initials, name, secondary, jobTitle string }

// NewResultRow is an empty row.
func NewResultRow() *ResultRow {
	r := &ResultRow{
		badge:      NewInitialsBadge(AvatarSide),
		AvatarDrag: NewDragHandle(),
		avatar:     canvas.NewImageFromImage(nil),
		name:       NewFitLabel("", fyne.TextStyle{Bold: true}),
		secondary:  NewFitLabel("", fyne.TextStyle{}),
		jobTitle:   NewFitLabel("", fyne.TextStyle{}),
	}
	r.second = container.New(&secondLineLayout{}, r.secondary, r.jobTitle)
	r.avatar.FillMode = canvas.ImageFillContain
	r.avatar.SetMinSize(fyne.NewSquareSize(AvatarSide))
	for _, l := range []*FitLabel{r.secondary, r.jobTitle} {
		l.SizeName = theme.SizeNameCaptionText
	}
	r.ExtendBaseWidget(r)
	return r
}

// GuestMark follows a guest's name, in the results and the viewer.
const GuestMark = " (guest)"

// Set fills the row for p; img is its avatar, nil while unknown or absent.
// The labels are set only when their text changes: the list refreshes
// every shown row whenever avatars arrive, and measuring a truncated
// label's text again is what a refresh costs most.
func (r *ResultRow) Set(p app.Person, img image.Image) {
	text := rowText{id: p.ID, initials: p.Initials(), name: p.Name(), secondary: p.Address()}
	if p.IsGuest() {
		text.name += GuestMark
	}
	if p.JobTitle != "" {
		text.jobTitle = "· " + p.JobTitle
	}
	if text != r.shown {
		r.shown = text
		r.badge.Set(text.initials, text.id)
		r.name.SetText(text.name)
		r.secondary.SetText(text.secondary)
		r.jobTitle.SetText(text.jobTitle)
		r.second.Refresh() // the UPN's room depends on its text
	}
	if r.avatar.Image == img && r.avatar.Visible() == (img != nil) {
		return
	}
	r.avatar.Image = img
	if img == nil {
		r.avatar.Hide()
		r.badge.Show()
	} else {
		r.badge.Hide()
		r.avatar.Show()
	}
	r.avatar.Refresh()
}

// SetPending shows a grey disc while the row's avatar is not known yet,
// instead of the initials of someone without a photo, which a slow
// network made every row look like.
func (r *ResultRow) SetPending(pending bool) { r.badge.SetPending(pending) }

// Pending reports whether the row waits for its avatar.
func (r *ResultRow) Pending() bool { return r.badge.Pending() }

// Name is the name shown.
func (r *ResultRow) Name() string { return r.name.Text }

// Address is the row's second line as shown.
func (r *ResultRow) Address() string { return r.secondary.Text }

// CreateRenderer implements fyne.Widget.
func (r *ResultRow) CreateRenderer() fyne.WidgetRenderer {
	pic := container.NewCenter(container.NewStack(r.badge, r.avatar, r.AvatarDrag))
	text := container.New(layout.NewCustomPaddedVBoxLayout(0), r.name, r.second)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, pic, nil, text))
}

// secondLineLayout puts the UPN (objects[0]) and the job title (objects[1])
// on one line, giving the UPN all the room it needs first: in a narrow
// sidebar the job title is cut short, or left out, before the UPN is.
type secondLineLayout struct{}

// minTitleWidth is the least room worth showing a job title in.
const minTitleWidth = 48

// Layout places the UPN at its natural width and the title in what is left.
func (secondLineLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	upn, title := objects[0], objects[1]
	upnWidth := min(naturalWidth(upn), size.Width)
	upn.Move(fyne.NewPos(0, 0))
	upn.Resize(fyne.NewSize(upnWidth, size.Height))
	// The labels' paddings meet between them: a space's width is enough.
	x := upnWidth - theme.InnerPadding() - theme.Padding()
	if room := size.Width - x; room >= minTitleWidth && title.(*FitLabel).Text != "" {
		title.Move(fyne.NewPos(x, 0))
		title.Resize(fyne.NewSize(room, size.Height))
		title.Show()
	} else {
		title.Hide()
	}
}

// MinSize is one line high; both labels may shrink to an ellipsis.
func (secondLineLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return objects[0].MinSize()
}

// naturalWidth is a label's width without truncation.
func naturalWidth(o fyne.CanvasObject) float32 { return o.(*FitLabel).NaturalWidth() }
