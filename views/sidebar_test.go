package views

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/views/widgets"
)

// tapRow clicks the list row showing results[i], as a mouse would: that
// also gives the list keyboard focus.
func (h *harness) tapRow(i int) {
	h.t.Helper()
	for _, o := range test.LaidOutObjects(h.m.sidebar.list) {
		tappable, ok := o.(fyne.Tappable)
		if !ok || fmt.Sprintf("%T", o) != "*widget.listItem" {
			continue
		}
		for _, inner := range test.LaidOutObjects(o) {
			if row, ok := inner.(*widgets.ResultRow); ok && row.Name() == h.m.sidebar.results[i].DisplayName {
				test.Tap(tappable)
				return
			}
		}
	}
	h.t.Fatalf("no row on screen for result %d", i)
}

// pressKey sends a key to whatever has focus, as the driver does.
func (h *harness) pressKey(key fyne.KeyName) {
	h.t.Helper()
	focused := h.m.w.Canvas().Focused()
	if focused == nil {
		h.t.Fatal("nothing has focus")
	}
	focused.TypedKey(&fyne.KeyEvent{Name: key})
}

func TestUpDownWalkTheResultsWhenTheListHasFocus(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	list := h.m.sidebar.list
	h.tapRow(2)
	h.waitShown(h.m.sidebar.results[2].DisplayName)
	if h.m.w.Canvas().Focused() != list {
		t.Fatalf("focus on %T after a click on a row, want the list", h.m.w.Canvas().Focused())
	}
	h.pressKey(fyne.KeyDown)
	h.waitShown(h.m.sidebar.results[3].DisplayName)
	h.pressKey(fyne.KeyUp)
	h.pressKey(fyne.KeyUp)
	h.waitShown(h.m.sidebar.results[1].DisplayName)
	if h.m.sidebar.selected != 1 || list.Cursor() != 1 {
		t.Errorf("selected %d, focus marker %d; want both on 1", h.m.sidebar.selected, list.Cursor())
	}

	// Selected from the search field, then focused with Tab: the marker
	// follows the selection rather than staying where the list last had it.
	h.m.onFind()
	h.pressKey(fyne.KeyDown)
	h.pressKey(fyne.KeyDown)
	h.waitShown(h.m.sidebar.results[3].DisplayName)
	h.m.w.Canvas().Focus(list)
	h.pressKey(fyne.KeyDown)
	h.waitShown(h.m.sidebar.results[4].DisplayName)
	if list.Cursor() != 4 {
		t.Errorf("focus marker on %d, want it on the selected row 4", list.Cursor())
	}
}

func TestGroupObjectIDJumpsToTheGroup(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	sales := h.tenant.Dir.Examples().Sales
	h.m.sidebar.kind.SetSelected(kindGroups)
	h.search(strings.ToUpper(sales.ID))
	h.waitShown(sales.DisplayName)
	if got := h.m.sidebar.results; len(got) != 1 || got[0].ID != sales.ID {
		t.Fatalf("results = %v, want just the Sales group", got)
	}
	if h.m.person.Kind != app.KindGroup || h.m.sidebar.selected != 0 {
		t.Errorf("opened a %v, selected %d; want the group, selected", h.m.person.Kind, h.m.sidebar.selected)
	}
	h.search("00000000-0000-0000-0000-000000000000")
	h.waitFor("a not-found note", func() bool { return h.m.sidebar.note.Visible() && strings.Contains(h.m.sidebar.note.Text, "Not found") })
}
