package views

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// exportFinished reports whether the export dialog shows its summary.
func (h *harness) exportFinished() bool {
	r := h.dialogs.export
	return r != nil && r.button.Text == "Close"
}

func TestExportTheListedPeople(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	ex := h.tenant.Dir.Examples()
	list := filepath.Join(t.TempDir(), "people.txt")
	upns := []string{ex.FullHD.UserPrincipalName, ex.NoPhoto.UserPrincipalName, ex.Guest.UserPrincipalName}
	if err := os.WriteFile(list, []byte(strings.Join(upns, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	h.drop(list)
	h.waitFor("the dropped list", func() bool { return len(h.m.sidebar.results) == 3 })

	out := filepath.Join(t.TempDir(), "out")
	test.Tap(h.m.tools.export)
	h.waitFor("the export form", func() bool { return h.overlayButton("Start") != nil })
	form := h.dialogs.exportSet
	if form.source.Selected != "The 3 people listed" {
		t.Errorf("default source = %q, want the listed people", form.source.Selected)
	}
	form.folder.SetText(out)
	h.tapDialogButton("Start")
	h.waitFor("the export summary", h.exportFinished)

	summary := h.dialogs.export.text.Text
	if !strings.HasPrefix(summary, "Done: 3 people — 2 with a photo, 1 without, 0 errors.") {
		t.Errorf("summary = %q", summary)
	}
	rows := readReport(t, h.dialogs.export.report)
	if len(rows) != 4 { // header + one row a person
		t.Fatalf("report has %d lines, want 4: %v", len(rows), rows)
	}
	photos := 0
	for _, name := range dirNames(t, out) {
		if !strings.HasSuffix(name, ".csv") {
			photos++
		}
	}
	if photos != 2 {
		t.Errorf("%d photo files, want 2", photos)
	}
}

func TestExportCancel(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	h.tenant.SetFaults(sandbox.Faults{Latency: 100 * time.Millisecond})
	form := newExportForm(h.m)
	form.source.SetSelected(exportAllUsers)
	form.size.SetSelected(exportSizeAudit)
	opts, err := form.options()
	if err != nil {
		t.Fatal(err)
	}
	opts.Dir = t.TempDir()
	h.m.startExport(opts)
	h.waitFor("some progress", func() bool { return strings.Contains(h.dialogs.export.text.Text, "people") })
	test.Tap(h.dialogs.export.button)
	h.waitFor("the export to stop", h.exportFinished)
	if text := h.dialogs.export.text.Text; !strings.HasPrefix(text, "Stopped early") {
		t.Errorf("summary = %q, want it to say the export stopped early", text)
	}
}

func readReport(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
