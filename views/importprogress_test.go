package views

import (
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/app/importer"
	"github.com/photodesk/photodesk/internal/testkit"
)

// On a slow Graph the import's first batch is out a while before any of
// it is answered, and the dialog read "Starting…" with the bar at 0%,
// then jumped by twenty. It says the batch is on its way, and the bar
// still counts only files answered. The run is held at its first answer
// until the dialog has said so.
func TestImportDialogSaysWhatIsOnItsWay(t *testing.T) {
	h := newImportHarness(t)
	h.waitResults()
	h.waitIdle()
	dlg := h.preview(testkit.PhotoFolder(t, h.filesForPeopleWithoutPhoto(2)...))
	shown := make(chan struct{})
	var hold sync.Once
	dlg.progressHook = func(p importer.Progress) {
		if p.Done == 1 {
			hold.Do(func() {
				select {
				case <-shown:
				case <-time.After(waitLimit):
				}
			})
		}
	}
	test.Tap(dlg.start)
	h.waitFor("the batch on its way in the import dialog", func() bool {
		return dlg.run != nil && dlg.run.text.Text == "0 of 2 photos: 0 uploaded, 0 replaced, 0 errors · 2 on their way"
	})
	if v, limit := dlg.run.bar.Value, dlg.run.bar.Max; v != 0 || limit != 2 {
		t.Errorf("bar at %v of %v while nothing is answered; want 0 of 2", v, limit)
	}
	close(shown)
	h.waitFor("the import to finish", func() bool { return !dlg.run.running })
	if !strings.HasPrefix(dlg.run.text.Text, "Done: 2 uploaded") {
		t.Errorf("summary %q, want both uploaded", dlg.run.text.Text)
	}
}

// The export's line says what is on its way beside what is done, as the
// import's does: an envelope's answers come together.
func TestExportDialogSaysWhatIsOnItsWay(t *testing.T) {
	test.NewTempApp(t)
	r := &exportRun{bar: widget.NewProgressBar(), text: widget.NewLabel("")}
	r.render(export.Progress{Total: 40, TotalKnown: true, InFlight: 20})
	if want := "0 of 40 people: 0 with a photo, 0 without, 0 errors · 20 requests on their way"; r.text.Text != want {
		t.Errorf("line %q, want %q", r.text.Text, want)
	}
	if r.bar.Value != 0 || r.bar.Max != 40 {
		t.Errorf("bar at %v of %v; want 0 of 40: only answers count", r.bar.Value, r.bar.Max)
	}
}

// The import's line says what is sent apart from what is still read and
// decoded, which Cancel does not send: "on their way" counted both.
func TestImportDialogSaysWhatIsBeingPrepared(t *testing.T) {
	test.NewTempApp(t)
	r := &importRun{bar: widget.NewProgressBar(), text: widget.NewLabel("")}
	for _, c := range []struct {
		p    importer.Progress
		want string
	}{
		{importer.Progress{Total: 40, InFlight: 20, Preparing: 20}, "0 of 40 photos: 0 uploaded, 0 replaced, 0 errors · 20 on their way, 20 being prepared"},
		{importer.Progress{Total: 40, Preparing: 20}, "0 of 40 photos: 0 uploaded, 0 replaced, 0 errors · 20 being prepared"},
	} {
		r.render(c.p)
		if r.text.Text != c.want {
			t.Errorf("line %q, want %q", r.text.Text, c.want)
		}
	}
}

// One request or upload out is "on its way" in the window, as on the
// command line (export.OnItsWay words both).
func TestDialogsSayOneIsOnItsWay(t *testing.T) {
	test.NewTempApp(t)
	er := &exportRun{bar: widget.NewProgressBar(), text: widget.NewLabel("")}
	er.render(export.Progress{Total: 40, TotalKnown: true, InFlight: 1})
	if want := "0 of 40 people: 0 with a photo, 0 without, 0 errors · 1 request on its way"; er.text.Text != want {
		t.Errorf("export line %q, want %q", er.text.Text, want)
	}
	ir := &importRun{bar: widget.NewProgressBar(), text: widget.NewLabel("")}
	ir.render(importer.Progress{Total: 40, InFlight: 1, Preparing: 2})
	if want := "0 of 40 photos: 0 uploaded, 0 replaced, 0 errors · 1 on its way, 2 being prepared"; ir.text.Text != want {
		t.Errorf("import line %q, want %q", ir.text.Text, want)
	}
}
