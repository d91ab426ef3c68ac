package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/internal/testkit"
)

// Undo the earlier import, once done, says that an undo ran and ended —
// not "Importing from …" over an empty progress bar, as it did — and
// offers it no more (nothing is left of that import to undo).
func TestUndoTheEarlierImportSaysItEnded(t *testing.T) {
	h := newImportHarness(t)
	dir := testkit.PhotoFolder(t, h.filesForPeopleWithoutPhoto(2)...)
	dlg := h.preview(dir)
	test.Tap(dlg.start)
	h.waitFor("the import to finish", func() bool { return dlg.run != nil && !dlg.run.running })
	dlg.d.Hide()

	again := h.preview(dir)
	test.Tap(again.undoEarlier)
	h.tapDialogButton("Yes")
	h.waitFor("the undo", func() bool {
		return again.run != nil && !again.run.running && strings.HasPrefix(again.run.text.Text, "Undone")
	})
	if st := again.status.Text; strings.HasPrefix(st, "Importing") || !strings.Contains(st, "undo") {
		t.Errorf("the line above the summary reads %q after the undo", st)
	}
	if again.run.bar.Visible() && again.run.bar.Value < again.run.bar.Max {
		t.Errorf("a progress bar at %v of %v beside %q", again.run.bar.Value, again.run.bar.Max, again.run.text.Text)
	}
	if again.undoEarlier.Visible() && !again.undoEarlier.Disabled() {
		t.Error("Undo the earlier import is still offered after it was undone")
	}
}

// Undoing an import shows its progress and can be cancelled: the undos on
// their way finish, no more start, and Undo this import again does the
// rest. It used to run without either, Close and Escape held off, however
// many photos it had to put back.
func TestUndoOfAnImportShowsProgressAndCancels(t *testing.T) {
	h := newImportHarness(t)
	dlg := h.preview(testkit.PhotoFolder(t, h.filesForPeopleWithoutPhoto(8)...))
	test.Tap(dlg.start)
	h.waitFor("the import to finish", func() bool { return dlg.run != nil && !dlg.run.running })

	gate := newFirstGate()
	dlg.undoHook = func(int, int) { gate.hold() }
	test.Tap(dlg.run.undo)
	h.tapDialogButton("Yes")
	h.waitFor("the first undo", gate.wasReached)
	r := dlg.run
	if !r.cancel.Visible() || r.cancel.Disabled() {
		t.Fatal("no Cancel while the import is undone")
	}
	test.Tap(r.cancel)
	gate.release()
	h.waitFor("the undo to stop", func() bool { return !r.running })
	if !strings.HasPrefix(r.text.Text, "Undone in part") || !r.undo.Visible() || r.undo.Disabled() {
		t.Fatalf("after Cancel: %q, Undo this import again offered %v", r.text.Text, r.undo.Visible() && !r.undo.Disabled())
	}
	if r.cancel.Visible() {
		t.Error("Cancel is still shown after the undo stopped")
	}
	// The bar ends where the undo did, not at the last count heard before
	// Cancel: the undos on their way finished after it.
	if undone := float64(countDeletes(h)); r.bar.Max != 8 || r.bar.Value != undone {
		t.Errorf("the stopped undo's bar reads %v of %v after %v of 8 undone", r.bar.Value, r.bar.Max, undone)
	}

	dlg.undoHook = nil
	test.Tap(r.undo)
	h.tapDialogButton("Yes")
	h.waitFor("the rest of the undo", func() bool { return !r.running && strings.HasPrefix(r.text.Text, "Undone") })
	if !strings.HasPrefix(r.text.Text, "Undone:") {
		t.Errorf("the second undo: %q", r.text.Text)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	deletes := 0
	for k, n := range h.writes {
		if strings.HasPrefix(k, "DELETE ") {
			deletes++
			if n != 1 {
				t.Errorf("%s %d times", k, n)
			}
		}
	}
	if deletes != 8 {
		t.Errorf("%d photos removed, want the 8 the import added", deletes)
	}
}

// countDeletes counts the photos removed so far.
func countDeletes(h *importHarness) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for k := range h.writes {
		if strings.HasPrefix(k, "DELETE ") {
			n++
		}
	}
	return n
}
