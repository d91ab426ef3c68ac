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
