package views

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/internal/testkit"
)

// An import whose every upload Graph refused (here: a token without the
// write permission, as an account without the role meets a 403) says why
// in the summary — it used to send the person to the report for every
// reason — and does not talk of other apps showing "the new ones".
func TestImportThatSentNothingSaysWhyInTheSummary(t *testing.T) {
	h := &importHarness{harness: newHarnessWith(t, harnessOptions{scopes: []string{"User.ReadBasic.All"}}), writes: map[string]int{}}
	h.m.backups = filepath.Join(t.TempDir(), "backups")
	h.m.askWrite = func(_ string, then func(bool)) { then(true) }
	h.waitResults()
	h.waitIdle()
	names := h.filesForPeopleWithoutPhoto(2)
	dlg := h.preview(testkit.PhotoFolder(t, names...))
	test.Tap(dlg.start)
	h.waitFor("the import to finish", func() bool { return dlg.run != nil && !dlg.run.running })
	text := dlg.run.text.Text
	if !strings.Contains(text, "2 errors") {
		t.Fatalf("summary %q, want the two refusals", text)
	}
	if !strings.Contains(text, "e.g. "+names[0]+": ") && !strings.Contains(text, "e.g. "+names[1]+": ") {
		t.Errorf("the summary names no error: %q", text)
	}
	if strings.Contains(text, "show the new ones") {
		t.Errorf("the summary speaks of new photos when none was sent: %q", text)
	}
}
