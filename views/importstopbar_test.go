package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/internal/testkit"
)

// An import stopped before the end leaves its bar where it stopped: it
// used to fill to 100% beside "Stopped before the end", as if every file
// had gone.
func TestStoppedImportBarShowsHowFarItGot(t *testing.T) {
	h := newImportHarness(t)
	dlg := h.preview(testkit.PhotoFolder(t, h.filesForPeopleWithoutPhoto(10)...))
	h.cancelAtFirstFile(dlg)
	r := dlg.run
	if !strings.HasPrefix(r.text.Text, "Stopped") {
		t.Fatalf("after Cancel: %q", r.text.Text)
	}
	if r.bar.Value >= r.bar.Max || r.bar.Max != 10 || r.bar.Value != float64(r.sum.Done) {
		t.Errorf("the bar reads %v of %v after %d of 10 files", r.bar.Value, r.bar.Max, r.sum.Done)
	}

	dlg.progressHook = nil
	test.Tap(r.resume)
	h.waitFor("the resumed import", func() bool { return !dlg.run.running })
	if r := dlg.run; r.bar.Value != r.bar.Max {
		t.Errorf("a finished import's bar reads %v of %v", r.bar.Value, r.bar.Max)
	}
}
