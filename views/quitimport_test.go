package views

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/importer"
	"github.com/photodesk/photodesk/app/photoedit"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/internal/testkit"
)

// Quitting while an import's uploads are on their way stops the import
// from starting more at once, but lets the uploads already sent get their
// answers before the account's work ends (and, here, its sandbox stops):
// the journal records them as sent, not as perhaps gone through, so Undo
// this import takes them back from their backups. Quitting used to end
// the account's work at once and cut them off. So too when the import's
// own Cancel came first, and quitting then stops nothing more.
func TestQuitDuringAnImportLetsTheUploadsOnTheirWayBeAnswered(t *testing.T) {
	for _, how := range []string{"Stop and quit", "Cancel, then quit"} {
		t.Run(how, func(t *testing.T) {
			a, h, m := newQuitHarness(t)
			dlg, names, held, release := previewHeldImport(t, h, m, 3)
			dlg.batchSize = len(names) // one $batch: every upload is on its way at once
			test.Tap(dlg.start)
			h.waitFor("an upload on its way", func() bool { return closedChan(held) })
			if how == "Cancel, then quit" {
				test.Tap(dlg.run.cancel)
			}

			stopAndQuit(t, h, a, m, release, "an upload of the import")
			select {
			case <-dlg.run.stop: // no upload started once Stop and quit was pressed
			default:
				t.Error("quitting did not stop the import")
			}

			lines, err := importer.ReadJournal(importer.JournalPath(dlg.report))
			if err != nil {
				t.Fatal(err)
			}
			last := map[string]importer.JournalLine{}
			for _, l := range lines {
				last[l.File] = l
			}
			if report, err := os.ReadFile(dlg.report); err != nil || strings.Contains(string(report), "may have changed") {
				t.Errorf("the report (%v) reads %q; want every upload answered", err, report)
			}
			for _, name := range names {
				if l := last[name]; l.State != importer.JournalUploaded || l.Unanswered {
					t.Errorf("%s journalled %q (unanswered %v, %q); want uploaded, its answer heard", name, l.State, l.Unanswered, l.Error)
				}
			}
		})
	}
}

// stopAndQuit closes the window with Stop and quit while what (the
// requests release holds) is on its way, and goes the process's way out
// (quitWork): the account's work must not end before the way out waits
// for the answers; then release lets them be answered, and everything
// must have ended by the limit.
func stopAndQuit(t *testing.T, h *shellHarness, a countingApp, m *mainWindow, release func(), what string) {
	t.Helper()
	w := h.sh.w.(*countedWindow)
	w.closeRequest()
	h.tapDialogButton("Stop and quit")
	if w.open(a) {
		t.Fatal("Stop and quit left the window open")
	}
	answering := make(chan struct{})
	h.sh.answering = func() { close(answering) }
	settled := make(chan bool, 1)
	go func() { settled <- h.sh.quitWork(waitLimit) }()
	select {
	case <-answering:
	case <-m.ctx.Done():
		t.Errorf("the account's work ended (%v) while %s was on its way", context.Cause(m.ctx), what)
	}
	release()
	if !<-settled {
		t.Fatalf("%s had not ended by the limit", what)
	}
}

// previewHeldImport previews, in m's Import dialog, a folder of pictures
// named after the first n people without a photo, with the sandbox's
// uploads held (holdUploads).
func previewHeldImport(t *testing.T, h *shellHarness, m *mainWindow, n int) (dlg *importDialog, names []string, held <-chan struct{}, release func()) {
	t.Helper()
	srv := h.env().Sandbox
	names = filesWithoutPhoto(srv.Directory(), n)
	held, release = holdUploads(t, srv.Handler())
	m.onImport()
	dlg = m.importDlg
	dlg.folder.SetText(testkit.PhotoFolder(t, names...))
	test.Tap(dlg.preview)
	h.waitFor("the preview", func() bool { return dlg.table != nil })
	return dlg, names, held, release
}

// holdUploads holds every photo upload the sandbox serves, its answer
// unsent, until release; held hears the first. The test's end releases
// them too.
func holdUploads(t *testing.T, g *sandbox.Handler) (held <-chan struct{}, release func()) {
	t.Helper()
	first, gate := make(chan struct{}, 1), make(chan struct{})
	g.Observe(func(s sandbox.Seen) {
		if s.Method == "PUT" {
			select {
			case first <- struct{}{}:
			default:
			}
			<-gate
		}
	})
	var once sync.Once
	release = func() { once.Do(func() { close(gate) }) }
	t.Cleanup(func() { release(); g.Observe(nil) })
	return first, release
}

// A single photo's upload on its way when the window quits gets its
// answer too before the account's work ends: the change log says the
// photo changed, with its backup, where cutting it off logged a change
// that perhaps went through (Undo then had to find out).
func TestQuitDuringAPhotoUploadLetsItBeAnswered(t *testing.T) {
	a, h, m := newQuitHarness(t)
	srv := h.env().Sandbox
	var p app.Person
	for _, u := range srv.Directory().Users() {
		if u.Photo == sandbox.PhotoNone {
			p = app.Person{Kind: app.KindUser, Subject: graphapi.User(u.ID), ID: u.ID, DisplayName: u.DisplayName, UPN: u.UserPrincipalName}
			break
		}
	}
	picture, err := os.ReadFile(filepath.Join(testkit.PhotoFolder(t, "new.jpg"), "new.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := photoedit.Load(picture)
	if err != nil {
		t.Fatal(err)
	}
	held, release := holdUploads(t, srv.Handler())

	m.upload(p, src, photoedit.Edit{}, func(bool) bool { return true })
	h.waitFor("the upload on its way", func() bool {
		select {
		case <-held:
			return true
		default:
			return false
		}
	})
	stopAndQuit(t, h, a, m, release, "the upload")

	entries, err := change.ReadLog(m.backups)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(entries); n == 0 || entries[n-1].Status != change.StatusDone {
		t.Fatalf("change log %+v; want the upload logged as made, its answer heard", entries)
	}
}

// newQuitHarness is the shell on the sandbox with its main window shown,
// its first work done and its backups in a folder of the test's, for a
// test that quits while a change is on its way.
func newQuitHarness(t *testing.T) (countingApp, *shellHarness, *mainWindow) {
	t.Helper()
	a := countingApp{test.NewTempApp(t)}
	h := newShellHarnessIn(t, a, nil, sandbox.Options{})
	m := h.waitMain(demoStatus)
	h.waitForBackground(m)
	m.backups = filepath.Join(t.TempDir(), "backups")
	return a, h, m
}
