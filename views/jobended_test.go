package views

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

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
	gate := newFirstGate()
	dlg.progressHook = func(importer.Progress) { gate.hold() }
	test.Tap(dlg.start)
	h.waitFor("the first file", gate.wasReached)
	end(session.ErrAccountSwitched)
	gate.release()
	h.waitFor("the import to stop", func() bool { return !dlg.run.running })
	if text := dlg.run.text.Text; !strings.Contains(text, "The import stopped because you chose another account") || strings.Contains(text, "account changed") {
		t.Errorf("the import's summary reads %q, want it stopped because another account was chosen", text)
	}
}

// A photo change cut off as the person picks another account says that,
// not that the account changed.
func TestInterruptedChangeSaysWhy(t *testing.T) {
	h := newHarness(t)
	ctx, end := context.WithCancelCause(context.Background())
	end(session.ErrAccountSwitched)
	h.m.ctx = ctx
	h.m.changed(app.Person{DisplayName: "Adele Vance"}, "Changed the photo of Adele Vance.", change.Entry{}, nil)
	text := h.overlayText()
	if !strings.Contains(text, "Adele Vance was interrupted because you chose another account. It went through.") {
		t.Errorf("the dialog reads %q, want the change interrupted because another account was chosen", text)
	}
}
