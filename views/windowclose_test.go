package views

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// countedWindow counts the close handlers and intercepts set on a window:
// Fyne keeps one of each, and each set replaces the one before. It keeps
// the intercept, which is what the window manager's close button calls:
// Fyne's test window never calls it, so tests do (closeRequest).
type countedWindow struct {
	fyne.Window
	closeHandlers   int
	closeIntercepts int
	intercept       func()
}

func (w *countedWindow) SetOnClosed(closed func()) {
	w.closeHandlers++
	w.Window.SetOnClosed(closed)
}

func (w *countedWindow) SetCloseIntercept(intercept func()) {
	w.closeIntercepts++
	w.intercept = intercept
	w.Window.SetCloseIntercept(intercept)
}

// closeRequest is the window manager's close button pressed.
func (w *countedWindow) closeRequest() { w.intercept() }

// open reports whether the window is still open.
func (w *countedWindow) open(a fyne.App) bool {
	return slices.Contains(a.Driver().AllWindows(), w.Window)
}

// countingApp is a test app whose windows are countedWindows.
type countingApp struct{ fyne.App }

func (a countingApp) NewWindow(title string) fyne.Window {
	return &countedWindow{Window: a.App.NewWindow(title)}
}

// Closing the window with the main window in it runs one close path, the
// shell's, and each of its cleanups once: the main window's geometry is
// saved, its photo load stopped and the main window let go, and what the
// package keeps of the canvas (its dialogs, its menu) forgotten. The main
// window set a close handler of its own, which replaced the shell's, so
// the shell's never ran and both called forgetWindow to cover for each
// other. Another window, with Settings open in it, is untouched.
func TestClosingTheWindowRunsEachCleanupOnce(t *testing.T) {
	a := countingApp{test.NewTempApp(t)}
	h := newShellHarnessIn(t, a, nil, sandbox.Options{})
	m := h.waitMain(demoStatus)
	w := h.sh.w.(*countedWindow)
	c := w.Canvas()

	other := a.NewWindow("Other")
	other.Resize(fyne.NewSize(900, 700))
	t.Cleanup(func() { closeWindow(a, other) })
	showSettingsDialog(newSettingsForm(a.Preferences()), other, nil)
	oc := other.Canvas()

	h.sh.onSettings() // a dialog open as the window closes, for the canvas to let go of
	if !dialogOpen(c) || len(menuWaits[c]) == 0 {
		t.Fatal("nothing is kept of the window's canvas before it closes")
	}
	saves := 0
	current := m.geometry.current
	m.geometry.current = func() geometry { saves++; return current() }
	loading, _ := m.photos.Start(context.Background())

	w.Close()
	if w.closeHandlers != 1 || w.closeIntercepts != 1 {
		t.Errorf("%d close handlers and %d close intercepts were set on the window, want the shell's one of each", w.closeHandlers, w.closeIntercepts)
	}
	if saves != 1 {
		t.Errorf("the main window's geometry was saved %d times on close, want once", saves)
	}
	if loading.Err() == nil {
		t.Error("the main window's photo load runs on after the window closed")
	}
	if h.sh.main != nil {
		t.Error("the closed window's main window is still held")
	}
	if _, kept := menuWaits[c]; kept {
		t.Error("the closed window's menu items are still kept")
	}
	if _, kept := escapable[c]; kept {
		t.Error("the closed window's open dialog is still kept")
	}

	if !dialogOpen(oc) {
		t.Fatal("closing the main window let go of the other window's Settings")
	}
	if !escapeTopDialog(oc) || len(oc.Overlays().List()) != 0 {
		t.Errorf("Escape in the other window left %d dialogs open", len(oc.Overlays().List()))
	}
}
