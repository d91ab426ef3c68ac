package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A picture deleted after the picker listed it fails in the picker's own
// open: it is refused naming the file, in words, as any picture that
// cannot be used — not a bare "Error" box with the system call's words.
func TestPickedPictureGoneBeforeItOpensIsNamed(t *testing.T) {
	h, f, _ := newChangeHarness(t)
	path := filepath.Join(t.TempDir(), "gone.jpg")
	_, err := os.Open(path) // what Fyne's picker hands back for a file gone since it was listed
	if err == nil {
		t.Fatal("opened a file that is not there")
	}
	h.m.imageFileChosen(f.people[0], nil, err)
	var text string
	h.waitFor("the refusal, naming the file", func() bool {
		text = h.overlayText()
		return strings.Contains(text, "gone.jpg cannot be used")
	})
	if strings.Contains(text, "open "+path) {
		t.Errorf("refusal = %q, want it in words, not the system call's", text)
	}
	if h.dialogs.editor != nil {
		t.Error("an editor opened on a file that is not there")
	}
}
