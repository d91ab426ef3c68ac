package views

import (
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/importer"
)

// An undo stopped part-way (its account signed out or switched) says how
// many changes it did not reach and offers to undo again; it used to read
// as a whole undo. A whole one offers nothing more.
func TestImportUndoStoppedPartWaySaysWhatIsLeft(t *testing.T) {
	text, again := undoneText(&importer.UndoSummary{Restored: 1, Removed: 2, Left: 3})
	if !again || !strings.HasPrefix(text, "Undone in part: ") || !strings.Contains(text, "stopped before 3 changes") {
		t.Errorf("stopped part-way: %q, undo again offered %v; want it said, and offered", text, again)
	}
	text, again = undoneText(&importer.UndoSummary{Restored: 1, Removed: 2})
	if again || !strings.HasPrefix(text, "Undone: 1 photo put back") || strings.Contains(text, "stopped") {
		t.Errorf("whole: %q, undo again offered %v; want neither", text, again)
	}
	text, again = undoneText(&importer.UndoSummary{Failed: []importer.UndoFailure{{File: "ann.jpg", Err: "refused"}}})
	if !again || !strings.Contains(text, "1 could not be undone") {
		t.Errorf("a failure: %q, undo again offered %v; want it said, and offered", text, again)
	}
}

// A Cancel that came once the last uploads were on their way is said in
// the summary, which reads "Done": they finished and nothing was left.
func TestImportCancelAfterTheLastUploadsIsSaid(t *testing.T) {
	if note := lateCancelNote(&importer.Summary{StopCameLate: true}); !strings.Contains(note, "Cancel came after the last uploads were sent") {
		t.Errorf("late Cancel: note %q, want it said", note)
	}
	if note := lateCancelNote(&importer.Summary{}); note != "" {
		t.Errorf("no Cancel: note %q, want none", note)
	}
}
