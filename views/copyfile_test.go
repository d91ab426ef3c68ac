package views

import (
	"bytes"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/photodesk/photodesk/internal/dragout"
)

// menuAction is the action of the item labelled label in menu.
func menuAction(t *testing.T, menu *fyne.Menu, label string) func() {
	t.Helper()
	for _, it := range menu.Items {
		if it.Label == label {
			if it.Disabled {
				t.Fatalf("%q > %s is disabled", menu.Label, label)
			}
			return it.Action
		}
	}
	t.Fatalf("no %s in the %q menu", label, menu.Label)
	return nil
}

// Copy file (Copy as > File, right-click and Edit > Copy file) puts on the
// platform's clipboard the very file Save writes, named as Save names it,
// and the picture as PNG; the status bar says which photo went as which
// file.
func TestCopyFilePutsWhatSaveWritesOnTheClipboard(t *testing.T) {
	h, f, src := newDragHarness(t)
	r := h.m.current
	for i, act := range []func(){
		menuAction(t, h.m.copyMenu(), "File"),
		menuAction(t, h.m.contextMenu(), "Copy file"),
		menuAction(t, h.m.mainMenu().Items[1], "Copy file"),
	} {
		h.m.status.setActivity("")
		act()
		h.waitIdle()
		if len(src.copies) != i+1 {
			t.Fatalf("%d copies on the clipboard after %d Copy file, want one each", len(src.copies), i+1)
		}
	}
	item := src.copies[len(src.copies)-1]
	path, err := item.File()
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != r.SuggestedFileName() {
		t.Errorf("file name = %q, want Save's %q", filepath.Base(path), r.SuggestedFileName())
	}
	if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, r.Bytes) {
		t.Errorf("the copied file's bytes are not the photo's (%v)", err)
	}
	pngBytes, err := item.PNG()
	if err != nil {
		t.Fatal(err)
	}
	if img, err := png.Decode(bytes.NewReader(pngBytes)); err != nil || img.Bounds().Dx() != r.Width {
		t.Errorf("PNG copied: %v", err)
	}
	want := "Copied the " + r.ServedSizeName() + " photo of " + f.people[0].DisplayName + " as the file " + r.SuggestedFileName()
	if got := h.m.status.activity.Text; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
}

// Where the platform has no file clipboard (macOS, no X display) Copy file
// says so in the status bar, as a drag does, and opens nothing; a
// clipboard that fails says why.
func TestCopyFileWhereUnavailableSaysSo(t *testing.T) {
	h, _, src := newDragHarness(t)
	h.m.newDragSource = func() (dragout.Source, error) { return nil, dragout.ErrUnsupported }
	h.m.onCopyFile()
	h.waitIdle()
	if got := h.m.status.activity.Text; got != copyFileUnavailable {
		t.Errorf("status %q, want %q", got, copyFileUnavailable)
	}
	if got := h.overlayText(); got != "" {
		t.Errorf("Copy file where unavailable opened %q", got)
	}

	h.m.newDragSource = func() (dragout.Source, error) { return src, nil }
	src.copyErr = errors.New("another program kept the clipboard")
	h.m.onCopyFile()
	h.waitIdle()
	if got := h.overlayText(); !strings.Contains(got, "nother program kept the clipboard") {
		t.Errorf("a failed copy showed %q, want its reason", got)
	}
}
