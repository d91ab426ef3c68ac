package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Ctrl+Q (⌘Q) is the window's close request, under the modal Import
// dialog too: the dialog covers the menu bar, so mid-run File > Quit
// could not be opened, and Ctrl+Q did nothing at all (File > Quit carried
// no shortcut), which left no polite way to quit without a window
// manager. Typed on the canvas while an import runs, it asks the quit
// question the close button asks; File > Quit shows the key.
func TestQuitShortcutAsksUnderTheImportDialog(t *testing.T) {
	_, h, m := newQuitHarness(t)
	if it := h.quitMenuItem(); it.Shortcut == nil || it.Shortcut.ShortcutName() != shortcutQuit.ShortcutName() {
		t.Errorf("File > Quit carries the shortcut %v, want %s", it.Shortcut, shortcutQuit.ShortcutName())
	}
	dlg, _, held, release := previewHeldImport(t, h, m, 2)
	test.Tap(dlg.start)
	h.waitFor("an upload on its way", func() bool { return closedChan(held) })
	if !dialogOpen(h.sh.w.Canvas()) {
		t.Fatal("the import dialog is not shown")
	}

	h.sh.w.Canvas().(fyne.Shortcutable).TypedShortcut(shortcutQuit)
	if n := h.quitQuestions(); n != 1 {
		t.Fatalf("%d quit questions after Ctrl+Q under the import dialog, want 1", n)
	}
	if text := h.dialogText(); !strings.Contains(text, "An import is running") || !strings.Contains(text, "Quit and stop it?") {
		t.Errorf("Ctrl+Q asked %q, want the close button's question", text)
	}
	h.tapDialogButton("Keep working")
	release()
	h.waitFor("the import to end", func() bool { return !dlg.run.running })
}
