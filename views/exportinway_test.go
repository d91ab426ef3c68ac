package views

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
)

// TestExportAsksOnlyAboutItsOwnFiles: exporting the people loaded so far
// at all sizes into a folder that holds an earlier every-user export
// asked "Replace 1365 existing files?", counting every photo there. The
// people listed are known, so only the files this export writes again for
// them are counted; for every user, whose people only the run finds, the
// folder's photos are called what they are, from earlier exports.
func TestExportAsksOnlyAboutItsOwnFiles(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	out := t.TempDir()
	write := func(name string) {
		if err := os.WriteFile(filepath.Join(out, name), []byte("earlier"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	listed := h.m.sidebar.results[0]
	write(app.PhotoFileName(listed, "jpeg", 48, 48))
	write(app.PhotoFileName(listed, "jpeg", 648, 648))
	for i := range 30 { // people of the earlier export who are not listed
		write(fmt.Sprintf("someone-%d@elsewhere.example_240x240.jpg", i))
	}

	ask := func(who string) string {
		t.Helper()
		h.m.tools.export.OnTapped()
		h.waitFor("the export form", func() bool { return h.overlayButton("Start") != nil })
		f := h.dialogs.exportSet
		for label, w := range f.whos {
			if w == who {
				f.source.SetSelected(label)
			}
		}
		f.size.SetSelected(exportSizeAll)
		f.folder.SetText(out)
		h.tapDialogButton("Start")
		h.waitFor("the question", func() bool { return h.overlayButton("Keep them") != nil })
		text := h.overlayText()
		h.tapDialogButton("Cancel")
		return text
	}
	if text := ask(exportWhoListed); !strings.Contains(text, "Replace 2 existing files?") ||
		!strings.Contains(text, "2 photo files this export writes again") {
		t.Errorf("the people listed: the question reads %q, want the 2 files of the person listed", text)
	}
	if text := ask(exportWhoAll); !strings.Contains(text, "This folder holds 32 photos from earlier exports") ||
		strings.Contains(text, "Replace 32") {
		t.Errorf("every user: the question reads %q, want the folder's 32 photos called earlier exports'", text)
	}
	if names := dirNames(t, out); len(names) != 32 {
		t.Errorf("the folder holds %d files after Cancel, want the 32 as they were", len(names))
	}
}
