package views

import (
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/views/widgets"
)

// quitMenuItem is File > Quit in the shell's menu bar.
func (h *shellHarness) quitMenuItem() *fyne.MenuItem {
	h.t.Helper()
	file := h.sh.w.MainMenu().Items[0]
	if it := file.Items[len(file.Items)-1]; it.IsQuit && it.Action != nil {
		return it
	}
	h.t.Fatal("the File menu ends in no Quit of the window's")
	return nil
}

// quitQuestions counts the questions before quitting open in the window.
func (h *shellHarness) quitQuestions() int {
	n := 0
	for _, o := range h.sh.w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			if b, ok := asButton(obj); ok && b.Text == "Stop and quit" && b.Visible() {
				n++
			}
		}
	}
	return n
}

// With nothing running, the close button and File > Quit close the
// window at once, without a question.
func TestCloseWithNothingRunningClosesAtOnce(t *testing.T) {
	for _, how := range []string{"close button", "File > Quit"} {
		t.Run(how, func(t *testing.T) {
			a := countingApp{test.NewTempApp(t)}
			h := newShellHarnessIn(t, a, nil, sandbox.Options{})
			h.waitMain(demoStatus)
			w := h.sh.w.(*countedWindow)
			if how == "close button" {
				w.closeRequest()
			} else {
				h.quitMenuItem().Action()
			}
			if w.open(a) {
				t.Errorf("the window is still open, asking %q", h.dialogText())
			}
			if h.sh.main != nil {
				t.Error("the closed window's main window is still held")
			}
		})
	}
}

// Closing the window while an export runs asks first, naming the export
// and how far it has come, with the focus on Keep working. A second close
// request (File > Quit) while it asks shows no second question. Keep
// working, and Escape, keep the window and the export going; Stop and
// quit stops the export as its Cancel does and closes the window.
func TestCloseDuringAnExportAsksFirst(t *testing.T) {
	a := countingApp{test.NewTempApp(t)}
	h := newShellHarnessIn(t, a, nil, sandbox.Options{})
	m := h.waitMain(demoStatus)
	w := h.sh.w.(*countedWindow)
	log := &requestLog{}
	r := h.startSlowExport(m, identity.DemoUPN, log)
	h.waitFor("the export's first progress", func() bool { return r.progress.get().Done > 0 })

	w.closeRequest()
	question := regexp.MustCompile(`An export is running \((\d+ of \d+ people|\d+ people so far)\)\. Quit and stop it\? ` +
		`The files written so far stay, and a stopped export can be resumed`)
	if text := h.dialogText(); !question.MatchString(text) {
		t.Fatalf("asked %q on close, want %s", text, question)
	}
	if b, ok := h.sh.w.Canvas().Focused().(*widgets.KeyButton); !ok || b.Text != "Keep working" {
		t.Errorf("the focus is on %#v, want Keep working", h.sh.w.Canvas().Focused())
	}
	h.quitMenuItem().Action()
	w.closeRequest()
	if n := h.quitQuestions(); n != 1 {
		t.Errorf("%d questions open after three close requests, want 1", n)
	}

	h.tapDialogButton("Keep working")
	if !w.open(a) || h.sh.main != m || h.quitQuestions() != 0 {
		t.Fatalf("Keep working: window open %v, main window kept %v, %d questions", w.open(a), h.sh.main == m, h.quitQuestions())
	}
	sent := log.count(identity.DemoUPN, exportPart)
	h.waitFor("the export to go on", func() bool { return log.count(identity.DemoUPN, exportPart) > sent })
	if r.button.Disabled() || r.finished {
		t.Errorf("Keep working stopped the export: %q", r.text.Text)
	}

	w.closeRequest() // it asks again; Escape keeps working too
	if h.quitQuestions() != 1 {
		t.Fatal("a close request after Keep working did not ask")
	}
	h.sh.w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !w.open(a) || h.quitQuestions() != 0 || r.button.Disabled() {
		t.Fatalf("Escape: window open %v, %d questions, export stopping %v", w.open(a), h.quitQuestions(), r.button.Disabled())
	}

	w.closeRequest()
	h.tapDialogButton("Stop and quit")
	if w.open(a) || h.sh.main != nil {
		t.Error("Stop and quit left the window open")
	}
	if text := h.waitStopped(m, r); !strings.HasPrefix(text, "Stopped early") {
		t.Errorf("the export ended with %q, want it stopped as Cancel stops it", text)
	}
}

// The question names every job, in one sentence, and says what becomes
// of each kind stopped once.
func TestQuitQuestionNamesEachJob(t *testing.T) {
	change := "A change cut off on its way may still go through."
	got := quitQuestion([]runningJob{
		{what: "an import", progress: "3 of 40 photos", after: "A stopped import can be resumed."},
		{what: "Save all sizes for Adele Vance"},
		{what: "the upload of a new photo of Lee Gu", after: change},
		{what: "the removal of the photo of Nestor Wilke", after: change},
	})
	want := "An import (3 of 40 photos), Save all sizes for Adele Vance, the upload of a new photo of Lee Gu and " +
		"the removal of the photo of Nestor Wilke are running. Quit and stop them? A stopped import can be resumed. " + change
	if got != want {
		t.Errorf("question =\n%q, want\n%q", got, want)
	}
}

// Quitting during the undo of an import says what a stopped undo leaves
// and how to finish it, as it does for the import itself ("A stopped
// import can be resumed: preview its folder again."): it asked only "The
// undo of an import is running (38 of 54 changes). Quit and stop it?".
func TestQuitQuestionSaysHowToFinishAStoppedImportUndo(t *testing.T) {
	r := &importRun{undoing: true}
	r.undone.value = [2]int{38, 54}
	j := r.job()
	if j.what != "the undo of an import" || j.progress != "38 of 54 changes" ||
		!strings.Contains(j.after, "preview the folder again and choose Undo the earlier import…") {
		t.Errorf("job %q (%s), after %q; want what is left said, and how to undo it", j.what, j.progress, j.after)
	}
}
