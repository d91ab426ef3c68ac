package views

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/internal/testkit"
)

// The Graph client's own Retry-After waits inside an import were shown
// only in the status bar, which the modal Import photos dialog covers: on
// a throttled or struggling Graph the run read "Starting…" for as long as
// Graph asked, as if hung. The dialog says it is waiting, and what Cancel
// does meanwhile, as the export's does (TestExportDialogShowsClientWaits).
func TestImportDialogShowsClientWaits(t *testing.T) {
	throttle := NewThrottle()
	h := &importHarness{harness: newHarnessWith(t, harnessOptions{
		scopes:   []string{"User.ReadBasic.All", "ProfilePhoto.ReadWrite.All"},
		throttle: throttle,
		retry:    graphapi.RetryPolicy{MaxAttempts: 1000, MaxWait: time.Hour, Sleep: throttle.Sleep},
	}), writes: map[string]int{}}
	h.m.backups = t.TempDir()
	h.m.askWrite = func(_ string, then func(bool)) { then(true) }
	h.waitResults()
	h.waitIdle()
	dlg := h.preview(testkit.PhotoFolder(t, h.filesForPeopleWithoutPhoto(2)...))
	if dlg.wait.Visible() {
		t.Fatalf("a wait is shown before the run: %q", dlg.wait.Text)
	}

	h.tenant.SetFaults(sandbox.Faults{ThrottleRate: 1, RetryAfter: "0.5"})
	test.Tap(dlg.start)
	h.waitFor("the wait in the import dialog", func() bool {
		return dlg.wait.Visible() && strings.HasPrefix(dlg.wait.Text, "throttled — waiting 1 s (Cancel stops the import")
	})
	test.Tap(dlg.run.cancel)
	h.tenant.SetFaults(sandbox.Faults{})
	h.waitFor("the import to stop", func() bool { return !dlg.run.running })
	if dlg.wait.Visible() {
		t.Errorf("the wait stays after the run: %q", dlg.wait.Text)
	}
}
