package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/views/widgets"
)

// activityLayout places the status bar's activity and its Details link.
// Details shows when there is more to read than the bar shows: a detail
// given apart (an error's whole story), or an activity that the bar's
// width cuts short — which depends on the window's width, not on the text
// alone: in a narrow window a copy's "… (432x432 not uploaded)" ended in
// "…" with nothing to read it by.
type activityLayout struct {
	activity *widgets.FitLabel
	more     *widget.Hyperlink
	detailed func() bool // a detail apart from the activity is set
}

// wantsMore reports whether Details belongs beside the activity in width.
// Before the bar is first laid out (width 0) nothing is cut.
func (l *activityLayout) wantsMore(width float32) bool {
	if l.detailed() {
		return true
	}
	return width > 0 && l.activity.Text != "" && l.activity.NaturalWidth() > width
}

// Layout gives the activity the row, less the link's width when Details shows.
func (l *activityLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	textWidth := size.Width
	if l.wantsMore(size.Width) {
		link := l.more.MinSize().Width
		textWidth = max(0, size.Width-link)
		l.more.Move(fyne.NewPos(textWidth, 0))
		l.more.Resize(fyne.NewSize(link, size.Height))
		l.more.Show()
	} else {
		l.more.Hide()
	}
	l.activity.Move(fyne.NewPos(0, 0))
	l.activity.Resize(fyne.NewSize(textWidth, size.Height))
}

// MinSize keeps room for the link whether it shows or not, so that the
// bar's minimum does not change with the text (and the window with it).
func (l *activityLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	a, m := l.activity.MinSize(), l.more.MinSize()
	return fyne.NewSize(a.Width+m.Width, max(a.Height, m.Height))
}
