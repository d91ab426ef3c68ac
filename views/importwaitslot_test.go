package views

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/photodesk/photodesk/internal/testkit"
)

// The run's buttons stay put while the wait line ("throttled — waiting
// 4 s") comes and goes, several times a second under throttling: Cancel
// jumped ~35 px each time, and a click aimed at it landed on text. When
// the run ends, the button in Cancel's place is Open report, not the red
// Undo this import.
func TestImportRunButtonsStayPutAsTheWaitLineComesAndGoes(t *testing.T) {
	h := newImportHarness(t)
	dlg := h.preview(testkit.PhotoFolder(t, h.filesForPeopleWithoutPhoto(2)...))
	gate := h.startHeldAtFirstFile(dlg)
	r := dlg.run
	d := fyne.CurrentApp().Driver()
	// Laid out again as the window's driver does once a minimum size has
	// changed (the test canvas does not by itself).
	relayout := func() {
		dlg.d.Resize(importDialogSize.SubtractWidthHeight(1, 1))
		dlg.d.Resize(importDialogSize)
	}
	relayout()
	cancelAt := d.AbsolutePositionForObject(r.cancel)
	for _, wait := range []string{"throttled — waiting 4 s", "", "throttled — waiting 3 s", ""} {
		dlg.showClientWait(wait)
		relayout()
		if got := d.AbsolutePositionForObject(r.cancel); got != cancelAt {
			t.Errorf("with the wait line %q, Cancel moved from %v to %v", wait, cancelAt, got)
		}
	}
	cancelSize := r.cancel.Size()

	gate.release()
	h.waitFor("the import to finish", func() bool { return !r.running })
	relayout()
	if !r.undo.Visible() {
		t.Fatal("no Undo this import after the run")
	}
	// The summary above the row is longer than the progress line, so the
	// row moves down; across it, Cancel's place is Open report's now.
	if at := d.AbsolutePositionForObject(r.openReport); at.X != cancelAt.X {
		t.Errorf("Open report at x %v, want Cancel's place, x %v", at.X, cancelAt.X)
	}
	if x := d.AbsolutePositionForObject(r.undo).X; x < cancelAt.X+cancelSize.Width {
		t.Errorf("Undo this import at x %v, in Cancel's place (x %v to %v)", x, cancelAt.X, cancelAt.X+cancelSize.Width)
	}
}
