package views

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
)

// TestExportFormAsAPersonUsesIt is issue 18's item 3: Start stays off
// without a folder; what the folder gets follows the size picked; a first
// page of results says it is only what was loaded; who, size and folder
// are remembered, and Save's folder is left alone.
func TestExportFormAsAPersonUsesIt(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	saveDir := t.TempDir()
	h.a.Preferences().SetString(app.PrefLastSaveDir, saveDir)

	test.Tap(h.m.tools.export)
	h.waitFor("the export form", func() bool { return h.overlayButton("Start") != nil })
	f := h.dialogs.exportSet
	f.folder.SetText("")
	if start := h.overlayButton("Start"); start == nil || !start.Disabled() {
		t.Error("Start is on with no folder")
	}
	if h.m.sidebar.morePages() && !strings.Contains(f.source.Options[0], "loaded so far") {
		t.Errorf("first choice %q does not say only a page is loaded", f.source.Options[0])
	}
	f.size.SetSelected(exportSizeAudit)
	if got := f.outcome.Text; !strings.Contains(got, "No photo files") {
		t.Errorf("audit outcome = %q", got)
	}
	f.size.SetSelected(exportSizeAll)
	if got := f.outcome.Text; !strings.Contains(got, "per person and stored size") {
		t.Errorf("all sizes outcome = %q", got)
	}
	f.size.SetSelected(exportSizeAudit)
	f.source.SetSelected(exportAllUsers)
	out := filepath.Join(t.TempDir(), "audit")
	f.folder.SetText(out)
	h.tapDialogButton("Start")
	h.waitFor("the export summary", h.exportFinished)
	h.dialogs.export.dialog.Hide()

	test.Tap(h.m.tools.export)
	h.waitFor("the export form", func() bool { return h.dialogs.exportSet != f && h.overlayButton("Start") != nil })
	g := h.dialogs.exportSet
	if g.size.Selected != exportSizeAudit || g.source.Selected != exportAllUsers || g.folder.Text != out {
		t.Errorf("the form reopened with %q, %q, %q; want the last export's choices", g.source.Selected, g.size.Selected, g.folder.Text)
	}
	if got := h.a.Preferences().String(app.PrefLastSaveDir); got != saveDir {
		t.Errorf("the export moved Save's folder to %q", got)
	}
}

// The export form's folder has its folder-picker button inside the entry,
// as Save's has (it was set after the entry first drew, and never shown).
func TestExportFormHasAFolderButton(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	test.Tap(h.m.tools.export)
	h.waitFor("the export form", func() bool { return h.overlayButton("Start") != nil })
	f := h.dialogs.exportSet
	if !slices.Contains(test.WidgetRenderer(f.folder).Objects(), fyne.CanvasObject(f.browse)) {
		t.Error("the folder entry draws no folder-picker button")
	}
}

// TestExportFolderTildeIsHome: "~/photos" typed in the Export form made a
// folder named "~" in whatever folder the window was started from (and a
// folder named "~" is one rm -rf ~ away from losing a home folder), as did
// any relative name. The form takes "~" for the home folder and a
// relative name from there, and remembers the folder in full.
func TestExportFolderTildeIsHome(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip("no home folder:", err)
	}
	f := newExportForm(h.m)
	for typed, want := range map[string]string{
		"~/photodesk-export-test": filepath.Join(home, "photodesk-export-test"),
		"photodesk-export-test":   filepath.Join(home, "photodesk-export-test"),
		" ~ ":                     home,
	} {
		f.folder.SetText(typed)
		opts, err := f.options()
		if err != nil {
			t.Errorf("%q: %v", typed, err)
			continue
		}
		if opts.Dir != want {
			t.Errorf("%q exports into %q, want %q", typed, opts.Dir, want)
		}
	}
	f.folder.SetText("~/photodesk-export-test")
	f.remember()
	if got := h.a.Preferences().String(app.PrefLastExportDir); got != filepath.Join(home, "photodesk-export-test") {
		t.Errorf("remembered folder %q, want it in full", got)
	}
}
