package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// EscapeRadio is a vertical radio group in a dialog that hands Escape to
// OnEscape. Fyne's RadioGroup gives the keyboard focus to items it keeps
// unexported, which swallow every key but Space, so a dialog whose choice
// had been reached with Tab could not be cancelled with Escape; this group
// draws its own items, which Tab reaches one by one and Space picks, as
// Fyne's do.
type EscapeRadio struct {
	widget.BaseWidget
	// Options are the choices, top to bottom.
	Options []string
	// Selected is the option picked, "" for none.
	Selected string
	// OnChanged, when set, hears the option picked.
	OnChanged func(string)
	// OnEscape, when set, runs when Escape is pressed on one of the items.
	OnEscape func()
}

// NewEscapeRadio is a radio group of options that passes Escape on.
func NewEscapeRadio(options []string, changed func(string)) *EscapeRadio {
	r := &EscapeRadio{Options: options, OnChanged: changed}
	r.ExtendBaseWidget(r)
	return r
}

// SetSelected picks option and tells OnChanged, if it was not picked.
func (r *EscapeRadio) SetSelected(option string) {
	if r.Selected == option {
		return
	}
	r.Selected = option
	r.Refresh()
	if r.OnChanged != nil {
		r.OnChanged(option)
	}
}

// PassEscape sets OnEscape.
func (r *EscapeRadio) PassEscape(esc func()) { r.OnEscape = esc }

// CreateRenderer makes one item per option.
func (r *EscapeRadio) CreateRenderer() fyne.WidgetRenderer {
	box := container.NewVBox()
	rr := &escapeRadioRenderer{group: r, box: box}
	rr.Refresh()
	return rr
}

type escapeRadioRenderer struct {
	group *EscapeRadio
	box   *fyne.Container
	items []*escapeRadioItem
}

func (rr *escapeRadioRenderer) Layout(size fyne.Size) { rr.box.Resize(size) }

func (rr *escapeRadioRenderer) MinSize() fyne.Size { return rr.box.MinSize() }

func (rr *escapeRadioRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{rr.box}
}

func (rr *escapeRadioRenderer) Destroy() {}

// Refresh keeps one item per option, reusing those there are so the
// focused one keeps the focus.
func (rr *escapeRadioRenderer) Refresh() {
	for len(rr.items) < len(rr.group.Options) {
		rr.items = append(rr.items, newEscapeRadioItem(rr.group))
	}
	rr.items = rr.items[:len(rr.group.Options)]
	objs := make([]fyne.CanvasObject, len(rr.items))
	for i, it := range rr.items {
		it.option = rr.group.Options[i]
		it.Refresh()
		objs[i] = it
	}
	rr.box.Objects = objs
	rr.box.Refresh()
}

// escapeRadioItem is one option: its radio icon and label, a background
// that shows focus and hover as Fyne's items do.
type escapeRadioItem struct {
	widget.BaseWidget
	group   *EscapeRadio
	option  string
	focused bool
	hovered bool
}

var (
	_ fyne.Focusable      = (*escapeRadioItem)(nil)
	_ fyne.Tappable       = (*escapeRadioItem)(nil)
	_ desktop.Hoverable   = (*escapeRadioItem)(nil)
	_ fyne.WidgetRenderer = (*escapeRadioItemRenderer)(nil)
)

func newEscapeRadioItem(group *EscapeRadio) *escapeRadioItem {
	it := &escapeRadioItem{group: group}
	it.ExtendBaseWidget(it)
	return it
}

func (it *escapeRadioItem) pick() { it.group.SetSelected(it.option) }

func (it *escapeRadioItem) Tapped(*fyne.PointEvent) {
	it.pick()
	if c := fyne.CurrentApp().Driver().CanvasForObject(it); c != nil && !fyne.CurrentDevice().IsMobile() {
		c.Focus(it) // as Fyne's items take the focus on a click
	}
}

func (it *escapeRadioItem) FocusGained() { it.focused = true; it.Refresh() }

func (it *escapeRadioItem) FocusLost() { it.focused = false; it.Refresh() }

// TypedRune picks the option on Space, as Fyne's items do.
func (it *escapeRadioItem) TypedRune(r rune) {
	if r == ' ' {
		it.pick()
	}
}

// TypedKey hands Escape to the group's OnEscape; the item has no other
// keys.
func (it *escapeRadioItem) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && it.group.OnEscape != nil {
		it.group.OnEscape()
	}
}

func (it *escapeRadioItem) MouseIn(*desktop.MouseEvent) { it.hovered = true; it.Refresh() }

func (it *escapeRadioItem) MouseMoved(*desktop.MouseEvent) {}

func (it *escapeRadioItem) MouseOut() { it.hovered = false; it.Refresh() }

func (it *escapeRadioItem) CreateRenderer() fyne.WidgetRenderer {
	r := &escapeRadioItemRenderer{
		item:  it,
		focus: canvas.NewCircle(theme.Color(theme.ColorNameFocus)),
		icon:  canvas.NewImageFromResource(theme.RadioButtonIcon()),
		label: widget.NewLabel(""),
	}
	r.Refresh()
	return r
}

type escapeRadioItemRenderer struct {
	item  *escapeRadioItem
	focus *canvas.Circle
	icon  *canvas.Image
	label *widget.Label
}

func (r *escapeRadioItemRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.focus, r.icon, r.label}
}

func (r *escapeRadioItemRenderer) Destroy() {}

// Layout puts the icon, with its focus circle, where Fyne's radio items
// put theirs, and the label after it.
func (r *escapeRadioItemRenderer) Layout(size fyne.Size) {
	th := r.item.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	iconSize := th.Size(theme.SizeNameInlineIcon)
	focusSize := iconSize + pad
	r.focus.Resize(fyne.NewSquareSize(focusSize))
	r.focus.Move(fyne.NewPos(pad/2, (size.Height-focusSize)/2))
	r.icon.Resize(fyne.NewSquareSize(iconSize))
	r.icon.Move(fyne.NewPos(pad, (size.Height-iconSize)/2))
	labelX := pad + iconSize
	r.label.Resize(fyne.NewSize(size.Width-labelX, size.Height))
	r.label.Move(fyne.NewPos(labelX, 0))
}

func (r *escapeRadioItemRenderer) MinSize() fyne.Size {
	th := r.item.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	l := r.label.MinSize()
	return fyne.NewSize(pad+th.Size(theme.SizeNameInlineIcon)+l.Width, l.Height)
}

func (r *escapeRadioItemRenderer) Refresh() {
	th := r.item.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.label.SetText(r.item.option)
	res := theme.RadioButtonIcon()
	if r.item.group.Selected == r.item.option {
		res = theme.NewPrimaryThemedResource(theme.RadioButtonCheckedIcon())
	}
	r.icon.Resource = res
	r.icon.Refresh()
	switch {
	case r.item.focused:
		r.focus.FillColor = th.Color(theme.ColorNameFocus, v)
	case r.item.hovered:
		r.focus.FillColor = th.Color(theme.ColorNameHover, v)
	default:
		r.focus.FillColor = nil
	}
	r.focus.Refresh()
}
