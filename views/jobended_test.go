package views

import (
	"context"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/importer"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/internal/testkit"
)

// An import stopped as the person picks another account says that, not
// that the account changed: the switch may yet fail (the account was
// signed out elsewhere), and the window goes on with the same account.
func TestImportStoppedByAnAccountPickSaysWhy(t *testing.T) {
	h := newImportHarness(t)
	ctx, end := context.WithCancelCause(h.m.ctx)
	t.Cleanup(func() { end(nil) })
	h.m.ctx = ctx // the window's work ends as a Conn's does, with a cause
	dlg := h.preview(testkit.PhotoFolder(t, h.filesForPeopleWithoutPhoto(4)...))
	dlg.batchSize = 2
	gate := h.startHeldAtFirstFile(dlg)
	end(session.ErrAccountSwitched)
	gate.release()
	h.waitFor("the import to stop", func() bool { return !dlg.run.running })
	if text := dlg.run.text.Text; !strings.Contains(text, "The import stopped because you chose another account") || strings.Contains(text, "account changed") {
		t.Errorf("the import's summary reads %q, want it stopped because another account was chosen", text)
	}
}

// The summary of an import its account pick stopped part-way says how
// many files it did not reach and how to send them, and offers no Resume:
// its window is the ended account's, where a Resume could not run. (The
// run itself is not used: with two batches at once, what the second
// became — sent, refused as cut off, not reached — depends on timing.)
func TestImportStoppedByAnAccountPickSaysWhatIsLeft(t *testing.T) {
	h := newImportHarness(t)
	ctx, end := context.WithCancelCause(h.m.ctx)
	h.m.ctx = ctx
	dlg := h.preview(testkit.PhotoFolder(t, h.filesForPeopleWithoutPhoto(4)...))
	end(session.ErrAccountSwitched)
	r := dlg.newRunView()
	sum := &importer.Summary{Progress: importer.Progress{Done: 1, Total: 4, Uploaded: 1, Skipped: 3}, Results: make([]importer.Result, len(dlg.plan.Items)), Stopped: true}
	r.finish(sum, context.Canceled)
	if text := r.text.Text; !strings.Contains(text, "Stopped before the end: 1 uploaded") ||
		!strings.Contains(text, "3 files were not reached. To send the files not sent, open Import photos… with the account it started under") ||
		r.resume.Visible() {
		t.Errorf("the import's summary reads %q, Resume shown %v; want the files not reached and how to send them, without Resume", text, r.resume.Visible())
	}
}

// An import whose account pick came as its last uploads were on their way
// says it stopped, and that nothing was left: it read "Done", and that
// "Cancel came after the last uploads were sent", though nobody tapped
// Cancel.
func TestImportStoppedByAnAccountPickAfterItsLastUploadsSaysSo(t *testing.T) {
	h := newImportHarness(t)
	ctx, end := context.WithCancelCause(h.m.ctx)
	t.Cleanup(func() { end(nil) })
	h.m.ctx = ctx
	dlg := h.preview(testkit.PhotoFolder(t, h.filesForPeopleWithoutPhoto(2)...))
	dlg.batchSize = 2 // one $batch: both uploads are on their way as the first is counted
	gate := h.startHeldAtFirstFile(dlg)
	end(session.ErrAccountSwitched)
	gate.release()
	h.waitFor("the import to stop", func() bool { return !dlg.run.running })
	text := dlg.run.text.Text
	if strings.Contains(text, "Done") || strings.Contains(text, "Cancel") ||
		!strings.Contains(text, "The import stopped because you chose another account") ||
		!strings.Contains(text, "Stopped after the last files went out: 2 uploaded") ||
		!strings.Contains(text, "Every file had gone out when it stopped") {
		t.Errorf("the import's summary reads %q, want it stopped by the account pick with both files sent, no Done, no Cancel", text)
	}
}

// A photo change cut off as the person picks another account says that,
// not that the account changed.
func TestInterruptedChangeSaysWhy(t *testing.T) {
	h := newHarness(t)
	ctx, end := context.WithCancelCause(context.Background())
	end(session.ErrAccountSwitched)
	h.m.ctx = ctx
	h.m.changed(app.Person{DisplayName: "Adele Vance"}, change.ActionSet, "Changed the photo of Adele Vance.", change.Entry{}, nil)
	text := h.overlayText()
	if !strings.Contains(text, "Adele Vance was interrupted because you chose another account. It went through.") {
		t.Errorf("the dialog reads %q, want the change interrupted because another account was chosen", text)
	}
}

// A job's work ended without a cause (a context merely cancelled) says
// it stopped, not "because context canceled": Go's words, not a reason.
func TestJobEndedWithoutACauseSaysNoGoWords(t *testing.T) {
	t.Run("import", func(t *testing.T) {
		h := newImportHarness(t)
		ctx, end := context.WithCancel(h.m.ctx)
		t.Cleanup(end)
		h.m.ctx = ctx
		dlg := h.preview(testkit.PhotoFolder(t, h.filesForPeopleWithoutPhoto(4)...))
		dlg.batchSize = 2
		gate := h.startHeldAtFirstFile(dlg)
		end()
		gate.release()
		h.waitFor("the import to stop", func() bool { return !dlg.run.running })
		if text := dlg.run.text.Text; !strings.Contains(text, "The import stopped; it belonged to the account it started under.") || strings.Contains(text, "context canceled") {
			t.Errorf("the import's summary reads %q", text)
		}
	})
	t.Run("photo change", func(t *testing.T) {
		h := newHarness(t)
		ctx, end := context.WithCancel(context.Background())
		end()
		h.m.ctx = ctx
		h.m.changed(app.Person{DisplayName: "Adele Vance"}, change.ActionSet, "Changed the photo of Adele Vance.", change.Entry{}, nil)
		if text := h.overlayText(); !strings.Contains(text, "Adele Vance was interrupted. It went through.") || strings.Contains(text, "context canceled") {
			t.Errorf("the dialog reads %q", text)
		}
	})
}

// The export's summary words its stop the same way (its ended cause).
func TestBecauseLeavesOutAPlainCancel(t *testing.T) {
	for cause, want := range map[error]string{
		nil:                        "",
		context.Canceled:           "",
		session.ErrAccountSwitched: " because you chose another account",
	} {
		if got := because(cause); got != want {
			t.Errorf("because(%v) = %q, want %q", cause, got, want)
		}
	}
}
