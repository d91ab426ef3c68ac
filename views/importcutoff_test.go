package views

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/internal/testkit"
)

// An account picked while an import's uploads are on their way (one
// $batch, which Graph takes before its answer comes back) leaves them in
// doubt: the summary says those photos may have changed, never
// "Cancelled." as it used to (rows of errors, as if nothing had changed).
// Undo this import, which would run as the ended account, is not offered;
// the summary says how to undo instead, and previewing the folder again
// with the account offers Undo the earlier import… — though no file
// counts as sent — which takes the photos off again.
func TestImportCutOffByAnAccountPickMayHaveChangedPhotos(t *testing.T) {
	h := newImportHarness(t)
	parent := h.m.ctx
	ctx, end := context.WithCancelCause(parent)
	t.Cleanup(func() { end(nil) })
	h.m.ctx = ctx
	names := h.filesForPeopleWithoutPhoto(3)
	dir := testkit.PhotoFolder(t, names...)
	dlg := h.preview(dir)
	dlg.batchSize = len(names) // one $batch: every upload is on its way as the account is picked
	var once sync.Once
	h.tenant.Handler().Observe(func(s sandbox.Seen) {
		if s.Method == "PUT" { // Graph has taken it; its answer is not back yet
			h.mu.Lock()
			h.writes[s.Method+" "+s.Path]++
			h.mu.Unlock()
			once.Do(func() { end(session.ErrAccountSwitched) })
		}
	})
	test.Tap(dlg.start)
	h.waitFor("the import to stop", func() bool { return dlg.run != nil && !dlg.run.running })
	r := dlg.run
	text := r.text.Text
	if !strings.Contains(text, "3 uploads were on their way when the import stopped, and no answer came: those photos may have changed.") ||
		!strings.Contains(text, "To undo the import, preview this folder again with that account and choose Undo the earlier import…") ||
		strings.Contains(text, "Cancelled") {
		t.Errorf("the summary reads %q; want the uploads in doubt and how to undo them, no \"Cancelled\"", text)
	}
	if r.undo.Visible() {
		t.Error("Undo this import is offered in the window of the account whose work ended")
	}
	report, err := os.ReadFile(dlg.report)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(report), "Cancelled") || strings.Count(string(report), "may have changed") != len(names) {
		t.Errorf("the report reads %q; want every row saying the photo may have changed", report)
	}
	if total, _ := h.writeCount(); total == 0 {
		t.Fatal("no upload reached the sandbox; the test proves nothing")
	}

	h.m.ctx = parent // the account picked again
	dlg.d.Hide()
	again := h.preview(dir)
	if !again.undoEarlier.Visible() || again.resume.Visible() {
		t.Fatalf("preview after the cut-off import: Undo the earlier import offered %v, resume %v; want undo alone", again.undoEarlier.Visible(), again.resume.Visible())
	}
	test.Tap(again.undoEarlier)
	h.tapDialogButton("Yes")
	h.waitFor("the undo", func() bool {
		return again.run != nil && !again.run.running && strings.HasPrefix(again.run.text.Text, "Undone")
	})
	for _, u := range h.tenant.Dir.Users() {
		for _, name := range names {
			if name != u.UserPrincipalName+".jpg" {
				continue
			}
			if _, err := h.m.eng.Client().PhotoMeta(t.Context(), graphapi.User(u.ID), graphapi.SizeLargest); !graphapi.IsNoPhoto(err) {
				t.Errorf("%s has a photo after the undo (%v): %q", u.UserPrincipalName, err, again.run.text.Text)
			}
		}
	}
}
