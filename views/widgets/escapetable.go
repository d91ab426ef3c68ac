package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// EscapeTable is a table in a dialog that hands Escape to OnEscape: a
// focused widget.Table takes the arrows and Space and swallows the rest,
// so a dialog whose table had been reached with Tab could not be
// cancelled with Escape.
type EscapeTable struct {
	widget.Table
	// OnEscape, when set, runs when Escape is pressed on the table.
	OnEscape func()
}

// NewEscapeTableWithHeaders is widget.NewTableWithHeaders that passes
// Escape on.
func NewEscapeTableWithHeaders(length func() (rows, cols int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *EscapeTable {
	t := &EscapeTable{}
	t.Length, t.CreateCell, t.UpdateCell = length, create, update
	t.ShowHeaderRow, t.ShowHeaderColumn = true, true
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey gives Escape to OnEscape and everything else to the table.
func (t *EscapeTable) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && t.OnEscape != nil {
		t.OnEscape()
		return
	}
	t.Table.TypedKey(ev)
}

// PassEscape sets OnEscape.
func (t *EscapeTable) PassEscape(esc func()) { t.OnEscape = esc }
