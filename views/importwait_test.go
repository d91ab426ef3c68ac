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
	h := newThrottledImportHarness(t)
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

// The preview's lookups wait out Graph's Retry-After too, and the dialog
// covered the status bar that said so: a throttled preview read "Looking
// up the people in …" as if hung. The dialog says it waits while the
// preview looks people up, and drops the line when the preview is shown
// or when closing the dialog stops it.
func TestImportDialogShowsClientWaitsDuringThePreview(t *testing.T) {
	h := newThrottledImportHarness(t)
	h.waitResults()
	h.waitIdle()
	dir := testkit.PhotoFolder(t, h.filesForPeopleWithoutPhoto(2)...)
	h.m.onImport()
	dlg := h.m.importDlg
	dlg.folder.SetText(dir)
	waiting := func() bool {
		return dlg.wait.Visible() && dlg.wait.Text == "throttled — waiting 1 s (Close stops the preview)"
	}

	h.tenant.SetFaults(sandbox.Faults{ThrottleRate: 1, RetryAfter: "0.5"})
	test.Tap(dlg.preview)
	h.waitFor("the wait in the import dialog during the preview", waiting)
	h.tenant.SetFaults(sandbox.Faults{})
	h.waitFor("the preview", func() bool { return dlg.table != nil })
	if dlg.wait.Visible() {
		t.Errorf("the wait stays after the preview is shown: %q", dlg.wait.Text)
	}

	// Closing the dialog stops a preview still waiting, and its wait line.
	h.tenant.SetFaults(sandbox.Faults{ThrottleRate: 1, RetryAfter: "0.5"})
	test.Tap(dlg.preview)
	h.waitFor("the wait in the import dialog during a second preview", waiting)
	test.Tap(dlg.close)
	if dlg.wait.Visible() {
		t.Errorf("the wait stays after Close stopped the preview: %q", dlg.wait.Text)
	}
	h.tenant.SetFaults(sandbox.Faults{})
	if h.m.importDlg != nil {
		t.Errorf("the dialog is still open after Close")
	}
}

// The preview's "Now" column waits for the people's current photos, and
// while Graph throttled them the wait showed only in the status bar the
// dialog covers: the cells stayed blank with no word why. The dialog says
// the wait, as it does for a preview and a run, and drops it once the
// photos are in.
func TestImportDialogShowsClientWaitsForTheCurrentPhotos(t *testing.T) {
	h := newThrottledImportHarness(t)
	h.waitResults()
	h.waitIdle()
	h.m.onImport()
	dlg := h.m.importDlg
	// Throttled from the moment the table asks for the current photos:
	// the preview's own lookups went through.
	dlg.beforeCurrent = func() { h.tenant.SetFaults(sandbox.Faults{ThrottleRate: 1, RetryAfter: "0.5"}) }
	dlg.folder.SetText(testkit.PhotoFolder(t, h.filesForPeopleNotListed(2)...))
	test.Tap(dlg.preview)
	h.waitFor("the wait in the import dialog for the current photos", func() bool {
		return dlg.table != nil && dlg.wait.Visible() &&
			dlg.wait.Text == "throttled — waiting 1 s (for the current photos in the table: Import need not wait for them)"
	})
	h.tenant.SetFaults(sandbox.Faults{})
	h.waitFor("the current photos", func() bool { return !dlg.fetchingCurrent() })
	if dlg.wait.Visible() {
		t.Errorf("the wait stays after the current photos came: %q", dlg.wait.Text)
	}
}

// filesForPeopleNotListed names a picture after each of the first n
// people of the tenant the sidebar does not list: the engine has not
// fetched their photos for the list, so the preview must ask Graph.
func (h *importHarness) filesForPeopleNotListed(n int) []string {
	listed := map[string]bool{}
	for _, p := range h.m.sidebar.results {
		listed[p.ID] = true
	}
	var names []string
	for _, u := range h.tenant.Dir.Users() {
		if !listed[u.ID] && len(names) < n {
			names = append(names, u.UserPrincipalName+".jpg")
		}
	}
	if len(names) < n {
		h.t.Fatalf("the sidebar lists all but %d of the tenant's people, want %d more", len(names), n)
	}
	return names
}

// newThrottledImportHarness is an import harness whose Graph client waits
// out every Retry-After the sandbox asks for through the window's
// Throttle, which reports each wait while it lasts: the dialog's wait line.
func newThrottledImportHarness(t *testing.T) *importHarness {
	t.Helper()
	throttle := NewThrottle()
	return &importHarness{harness: newHarnessWith(t, harnessOptions{
		scopes:   []string{"User.ReadBasic.All", "ProfilePhoto.ReadWrite.All"},
		throttle: throttle,
		retry:    graphapi.RetryPolicy{MaxAttempts: 1000, MaxWait: time.Hour, Sleep: throttle.Sleep},
	}), writes: map[string]int{}}
}
