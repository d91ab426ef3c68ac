package views

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

// avatarSide is the size of a result's avatar: Graph's smallest photo size.
const avatarSide = 48

// resultRow is one line of the results list: a 48x48 avatar (initials until
// the photo arrives), the name, the UPN or mail and the job title.
type resultRow struct {
	widget.BaseWidget
	badge     *initialsBadge
	avatar    *canvas.Image
	name      *widget.Label
	secondary *widget.Label // UPN or mail, then the job title
}

func newResultRow() *resultRow {
	r := &resultRow{
		badge:     newInitialsBadge(avatarSide),
		avatar:    canvas.NewImageFromImage(nil),
		name:      widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		secondary: widget.NewLabel(""),
	}
	r.avatar.FillMode = canvas.ImageFillContain
	r.avatar.SetMinSize(fyne.NewSquareSize(avatarSide))
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.secondary.Truncation = fyne.TextTruncateEllipsis
	r.secondary.SizeName = theme.SizeNameCaptionText
	r.ExtendBaseWidget(r)
	return r
}

// set fills the row for p; img is its avatar, nil while unknown or absent.
func (r *resultRow) set(p app.Person, img image.Image) {
	r.badge.set(p.Initials(), p.ID)
	r.name.SetText(p.DisplayName)
	second := p.Secondary()
	if p.JobTitle != "" {
		second += " · " + p.JobTitle
	}
	r.secondary.SetText(second)
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

func (r *resultRow) CreateRenderer() fyne.WidgetRenderer {
	pic := container.NewCenter(container.NewStack(r.badge, r.avatar))
	text := container.New(layout.NewCustomPaddedVBoxLayout(0), r.name, r.secondary)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, pic, nil, text))
}
