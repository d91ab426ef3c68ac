package views

import (
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/photodesk/photodesk/app"
)

// countWrites counts preference changes from now on.
func countWrites(h *harness) *atomic.Int64 {
	var n atomic.Int64
	h.a.Preferences().AddChangeListener(func() { n.Add(1) })
	return &n
}

// A start and close without touching the window write no preferences:
// each write is a save of Fyne's preferences file, and needless saves
// race Fyne's watcher of it.
func TestUntouchedWindowWritesNoPreferences(t *testing.T) {
	h := newHarness(t)
	writes := countWrites(h)
	h.waitResults()
	h.waitIdle()
	h.m.saveGeometry() // what closing the window does
	if n := writes.Load(); n != 0 {
		t.Errorf("%d preference writes, want none", n)
	}
	if w := h.a.Preferences().Float(app.PrefWindowWidth); w != 0 {
		t.Errorf("window width %v written without a resize", w)
	}
}

// Dragging a divider writes that divider, once it has stopped, without
// waiting for the window to close (SIGTERM does not close it).
func TestDraggedDividerIsWrittenWhenItStops(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	writes := countWrites(h)
	h.m.geometry.delay = time.Millisecond
	h.m.split.SetOffset(0.42) // lays the panes out again, as a drag does
	h.waitFor("the divider to be written", func() bool {
		return h.a.Preferences().Float(app.PrefSplitSidebar) == 0.42
	})
	if n := writes.Load(); n != 1 {
		t.Errorf("%d preference writes for one divider, want 1", n)
	}
	if w := h.a.Preferences().Float(app.PrefWindowWidth); w != 0 {
		t.Errorf("window width %v written though only a divider moved", w)
	}

	h.m.w.Resize(fyne.NewSize(1000, 640))
	h.waitFor("the size to be written", func() bool {
		return h.a.Preferences().Float(app.PrefWindowWidth) == 1000 && h.a.Preferences().Float(app.PrefWindowHeight) == 640
	})
}
