package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// ResultList is the sidebar's list of people. A plain widget.List with
// keyboard focus moves only its focus marker on Up and Down, and Space
// opens; helpdesk staff expect Up and Down to open the next person, as
// they do from the search field. So Up, Down and F5 go to onKey first, and
// the focus marker is moved along with the selection, so the two never
// point at different people. A click on a row gives the list keyboard
// focus (Fyne's own attempt looks up the window with the embedded List,
// which no window knows), and what is typed there goes to OnRune. While it
// has the focus it is outlined, since the selected row hid Fyne's marker.
type ResultList struct {
	widget.List
	// OnKey hears Up, Down, F5 and Escape first and reports whether it used
	// them.
	OnKey func(*fyne.KeyEvent) bool
	// OnRune hears what is typed while the list has focus, which the list
	// itself has no use for: every character but Space.
	OnRune func(rune)
	// OnSelected and OnUnselected hear selection changes, whoever made them.
	OnSelected   func(widget.ListItemID)
	OnUnselected func(widget.ListItemID)

	selected     widget.ListItemID // -1 when none
	cursor       widget.ListItemID // where the list's focus marker is (it keeps it unexported)
	programmatic bool              // inside Select, not a tap or Space
	hasFocus     bool              // drawn with the outline (resultlistfocus.go)
	outline      *canvas.Rectangle // nil until the list is first drawn
	scrolled     bool              // rows are being drawn because the person scrolled
}

// NewResultList is a list of length() rows made by create and filled by update.
func NewResultList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *ResultList {
	l := &ResultList{selected: -1}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.List.OnSelected = l.selectedEvent
	l.List.OnUnselected = l.unselectedEvent
	l.ExtendBaseWidget(l)
	return l
}

// watchScroller watches the scroller of r, Fyne's list renderer, so that
// rows drawn because the person scrolled (the wheel, the scroll bar, a
// drag) can be told from rows redrawn for any other reason: see Scrolled.
// CreateRenderer (resultlistfocus.go) calls it.
func (l *ResultList) watchScroller(r fyne.WidgetRenderer) {
	for _, o := range r.Objects() {
		sc, ok := o.(*container.Scroll)
		if !ok || sc.OnScrolled == nil {
			continue
		}
		moved := sc.OnScrolled // the list drawing the rows now in view
		sc.OnScrolled = func(p fyne.Position) {
			l.scrolled = true
			defer func() { l.scrolled = false }()
			moved(p)
		}
	}
}

// Scrolled reports, to the list's UpdateItem, that the row is being drawn
// because the person scrolled it into view — not because the list was
// refreshed (an avatar arriving) or moved by code — so something that
// must wait for the person to act (loading a page again after it failed)
// can tell the two apart.
func (l *ResultList) Scrolled() bool { return l.scrolled }

// Select selects id from code (a key press, a lookup); Fyne's own taps and
// Space reach the list directly and move the focus marker themselves.
func (l *ResultList) Select(id widget.ListItemID) {
	l.programmatic = true
	defer func() { l.programmatic = false }()
	l.List.Select(id)
}

// Cursor is where the list's focus marker is (widget.List keeps it
// unexported).
func (l *ResultList) Cursor() widget.ListItemID { return l.cursor }

func (l *ResultList) selectedEvent(id widget.ListItemID) {
	l.selected = id
	if !l.programmatic {
		l.cursor = id // a tap or Space: Fyne put its focus marker here
		l.focus()
	}
	if l.OnSelected != nil {
		l.OnSelected(id)
	}
}

// focus gives the list keyboard focus after a tap, as Fyne means to:
// its row asks for the window of the embedded List, which the real
// driver cannot find (only the ResultList is in the window's tree), so
// without this the search field kept focus and what was typed after a
// click went on the end of the old query. After Space it already has it.
func (l *ResultList) focus() {
	if fyne.CurrentDevice().IsMobile() {
		return // Fyne gives a list no focus on a tap there either
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(l)
	if c != nil && c.Focused() != fyne.Focusable(l) {
		c.Focus(l)
	}
}

// TypedRune hands what is typed to OnRune; the list takes no text. Space
// is the list's own: it opens the row under the marker as a key, and the
// character that follows it is no name typed (handed on, it started a new
// search with " ", wiping the one whose results were being walked).
func (l *ResultList) TypedRune(r rune) {
	if r != ' ' && l.OnRune != nil {
		l.OnRune(r)
	}
}

func (l *ResultList) unselectedEvent(id widget.ListItemID) {
	if l.selected == id {
		l.selected = -1
	}
	if l.OnUnselected != nil {
		l.OnUnselected(id)
	}
}

// TypedKey lets onKey handle Up, Down and F5, then keeps the focus marker
// on the selected row.
func (l *ResultList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyF5, fyne.KeyEscape:
		if l.OnKey != nil && l.OnKey(ev) {
			l.moveCursorTo(l.selected)
			return
		}
	}
	l.step(ev.Name)
}

// moveCursorTo walks the focus marker to id, one step at a time, since
// the list offers no way to place it.
func (l *ResultList) moveCursorTo(id widget.ListItemID) {
	if id < 0 {
		return
	}
	for l.cursor < id && l.cursor < l.Length()-1 {
		l.step(fyne.KeyDown)
	}
	for l.cursor > id && l.cursor > 0 {
		l.step(fyne.KeyUp)
	}
}

// step passes a key to the list, tracking its focus marker the way the
// list moves it.
func (l *ResultList) step(key fyne.KeyName) {
	switch {
	case key == fyne.KeyDown && l.cursor < l.Length()-1:
		l.cursor++
	case key == fyne.KeyUp && l.cursor > 0:
		l.cursor--
	}
	l.List.TypedKey(&fyne.KeyEvent{Name: key})
}
