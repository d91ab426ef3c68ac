package views

import (
	"strings"
	"testing"

	"github.com/photodesk/photodesk/internal/testkit"
)

// A Cancel says how many files the import did not reach, apart from the
// files left out: a Cancel before the first upload of a folder with
// unmatched files read "Stopped before the end: 0 uploaded, 0 replaced,
// 65 skipped", the 54 files Resume would send counted with the 11 that
// were never to go.
func TestImportCancelSaysWhatItDidNotReach(t *testing.T) {
	h := newImportHarness(t)
	names := append(h.filesForPeopleWithoutPhoto(10), "Nobody Known.jpg")
	dlg := h.preview(testkit.PhotoFolder(t, names...))
	h.cancelAtFirstFile(dlg)
	sum := dlg.run.sum
	if !sum.Stopped || sum.NotReached == 0 || sum.Uploaded+sum.NotReached != 10 || sum.Skipped != 1 {
		t.Fatalf("stopped %v: %d uploaded, %d not reached, %d skipped; want the 10 split between uploaded and not reached, 1 skipped",
			sum.Stopped, sum.Uploaded, sum.NotReached, sum.Skipped)
	}
	text := dlg.run.text.Text
	if want := ", 1 skipped, " + plural(sum.NotReached, "not reached", "not reached") + " (not sent: Resume sends them), 0 errors"; !strings.Contains(text, want) {
		t.Errorf("summary %q; want %q", text, want)
	}
}
