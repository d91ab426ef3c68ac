package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// The list's focus outline. widget.List shows focus only by giving the
// row under its focus marker the hover colour, and the selected row's
// colour is drawn instead of it; the result list keeps its marker on the
// selected row, so with the focus there nothing showed it. While the list
// has the focus it is outlined in the primary colour, as a focused entry
// is, and the outline goes when the focus does.

// FocusGained outlines the list, as well as what widget.List does.
func (l *ResultList) FocusGained() {
	l.List.FocusGained()
	l.hasFocus = true
	l.styleOutline()
}

// FocusLost takes the outline away, as well as what widget.List does.
func (l *ResultList) FocusLost() {
	l.List.FocusLost()
	l.hasFocus = false
	l.styleOutline()
}

// CreateRenderer is widget.List's renderer with its scroller watched
// (see Scrolled) and the outline drawn over the rows.
func (l *ResultList) CreateRenderer() fyne.WidgetRenderer {
	l.ExtendBaseWidget(l)
	list := l.List.CreateRenderer()
	l.watchScroller(list)
	l.outline = canvas.NewRectangle(color.Transparent)
	l.styleOutline()
	objects := append(append([]fyne.CanvasObject{}, list.Objects()...), l.outline)
	return &resultListRenderer{WidgetRenderer: list, list: l, objects: objects}
}

// styleOutline shows the outline while the list has the focus, in the
// current theme's colour and sizes.
func (l *ResultList) styleOutline() {
	o := l.outline
	if o == nil {
		return // not drawn yet
	}
	th := l.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	o.StrokeColor = th.Color(theme.ColorNamePrimary, v)
	// Twice an entry's border: one pixel round a whole list was easy to
	// miss (WCAG's focus appearance asks for two).
	o.StrokeWidth = 2 * th.Size(theme.SizeNameInputBorder)
	o.CornerRadius = th.Size(theme.SizeNameInputRadius)
	if l.hasFocus {
		o.Show()
	} else {
		o.Hide()
	}
	o.Refresh()
}

type resultListRenderer struct {
	fyne.WidgetRenderer // widget.List's
	list                *ResultList
	objects             []fyne.CanvasObject // the list's, then the outline
}

func (r *resultListRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.list.outline.Resize(size)
}

func (r *resultListRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *resultListRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.list.styleOutline() // a theme change
}
