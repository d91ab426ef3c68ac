package views

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
)

// openForSave shows a photo and points the remembered save folder at dir.
func openForSave(t *testing.T, dir string) (*harness, *app.PhotoResult) {
	t.Helper()
	h := newHarness(t)
	h.waitResults()
	h.a.Preferences().SetString(app.PrefLastSaveDir, dir)
	h.openUser(h.tenant.Dir.Examples().FullHD)
	h.waitIdle()
	return h, h.m.current
}

// A save that fails after the user agreed to replace a file leaves the old
// file exactly as it was: the form hands over a path, not an opened
// (emptied) file, and nothing writes to that path but the save itself.
func TestFailedSaveKeepsTheOldFile(t *testing.T) {
	dir := t.TempDir()
	h, r := openForSave(t, dir)
	path := filepath.Join(dir, r.SuggestedFileName())
	old := []byte("the photo saved last week")
	if err := os.WriteFile(path, old, 0o600); err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		tries []bool // the overwrite flag of each save
	)
	saveAtomic = func(p string, _ []byte, overwrite bool) error {
		mu.Lock()
		defer mu.Unlock()
		tries = append(tries, overwrite)
		if !overwrite {
			return app.SaveAtomic(p, nil, false) // the real check: the file is there
		}
		return &os.PathError{Op: "write", Path: p + ".tmp", Err: syscall.ENOSPC}
	}
	t.Cleanup(func() { saveAtomic = app.SaveAtomic })

	test.Tap(h.m.tools.save)
	h.tapDialogButton("Save")
	h.tapDialogButton("Yes") // replace it
	h.tapDialogButton("OK")  // the error
	h.waitIdle()
	if got := readFile(t, path); !bytes.Equal(got, old) {
		t.Fatalf("after a failed save the file holds %q, want the old %q", got, old)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(tries) != 2 || tries[0] || !tries[1] {
		t.Errorf("saves tried with overwrite %v, want [false true]: replace only after Yes", tries)
	}
	if got := h.a.Preferences().String(app.PrefLastSaveDir); got != dir {
		t.Errorf("remembered folder %q changed by a failed save", got)
	}
}

// The form saves under the name and into the folder typed, and remembers
// that folder for next time.
func TestSaveFormNameAndFolder(t *testing.T) {
	h, r := openForSave(t, t.TempDir())
	other := t.TempDir()
	test.Tap(h.m.tools.save)
	f := h.dialogs.save
	if f == nil || f.name.Text != r.SuggestedFileName() {
		t.Fatalf("save form file name = %v, want %q", f, r.SuggestedFileName())
	}
	f.folder.SetText(other)
	f.name.SetText("ticket-4711.jpg")
	h.tapDialogButton("Save")
	h.waitIdle()
	if got := readFile(t, filepath.Join(other, "ticket-4711.jpg")); !bytes.Equal(got, r.Bytes) {
		t.Fatalf("saved %d bytes, want the photo's %d", len(got), len(r.Bytes))
	}
	if got := h.a.Preferences().String(app.PrefLastSaveDir); got != other {
		t.Errorf("remembered folder = %q, want %q", got, other)
	}
}

func TestSaveFormRefusesBadInput(t *testing.T) {
	h, _ := openForSave(t, t.TempDir())
	if err := os.WriteFile(filepath.Join(h.m.saveDir(), "a file"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	test.Tap(h.m.tools.save)
	f := h.dialogs.save
	save := h.overlayButton("Save")
	if save == nil || save.Disabled() {
		t.Fatal("Save is not offered for the suggested name")
	}
	for _, tt := range []struct{ folder, name string }{
		{f.folder.Text, ""},
		{f.folder.Text, "../escape.jpg"},
		{filepath.Join(f.folder.Text, "a file", "under it"), "x.jpg"},
	} {
		f.folder.SetText(tt.folder)
		f.name.SetText(tt.name)
		if !save.Disabled() {
			t.Errorf("Save enabled for folder %q, name %q", tt.folder, tt.name)
		}
	}
	if !errors.Is(validFileName("a/b"), app.ErrFileNameIsPath) || validFileName("ok.png") != nil {
		t.Error("file name validation")
	}
	// A name Windows refuses keeps Save disabled and says why: the folder
	// may be a share, and a ':' would have written to a hidden stream.
	f.folder.SetText(t.TempDir())
	f.name.SetText("ticket:4711.jpg")
	if err := f.name.Validate(); !save.Disabled() || !errors.Is(err, app.ErrFileNameChars) {
		t.Errorf("ticket:4711.jpg: Save enabled %v, validation %v", !save.Disabled(), err)
	}
}

// "~/photos" typed into Save's folder is the home folder's photos, as it is
// in Export's, not a folder named "~" made wherever the window was started.
func TestSaveFolderTildeIsHome(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(900, 600))
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip("no home folder:", err)
	}
	dir, err := os.MkdirTemp(home, "photodesk-save-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	chosen := ""
	f := newSaveForm(w, "~/"+filepath.Base(dir), "x.jpg", "", func(d, _ string) { chosen = d })
	f.show(w)
	if err := f.folder.Validate(); err != nil {
		t.Fatalf("~/%s refused: %v", filepath.Base(dir), err)
	}
	f.dialog.Submit()
	if chosen != dir {
		t.Errorf("Save chose %q, want %q", chosen, dir)
	}
}

// TestFolderUnderAFileSaysWhichIsAFile: a folder typed under a file
// ("…/a48.jpg/photos", a file picked where a folder was meant) is refused
// naming that file, not with "choose an existing folder", which beside
// "Created if missing" (Export) or "a new one is created after asking"
// (Save) read as if new folders were not made at all.
func TestFolderUnderAFileSaysWhichIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a48.jpg")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{file, filepath.Join(file, "photos"), filepath.Join(file, "photos", "2026")} {
		err := validSaveFolder(dir)
		if err == nil || !strings.Contains(err.Error(), "a48.jpg is a file") {
			t.Errorf("%s: %v, want it to say a48.jpg is a file", dir, err)
		}
	}
}
