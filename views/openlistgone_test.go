package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A list deleted after the picker listed it fails in the picker's own
// open: it goes the way of every list file that cannot be read, naming
// the file in words — not a bare "Error" box with the system call's
// "open /path: no such file or directory".
func TestPickedListGoneBeforeItOpensIsNamed(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	path := filepath.Join(t.TempDir(), "starters.csv")
	_, err := os.Open(path) // what Fyne's picker hands back for a file gone since it was listed
	if err == nil {
		t.Fatal("opened a file that is not there")
	}
	h.m.onListChosen(nil, err)
	var text string
	h.waitFor("the refusal, naming the file", func() bool {
		text = h.overlayText()
		return strings.Contains(text, "starters.csv")
	})
	if strings.Contains(text, "open /") {
		t.Errorf("the refusal reads %q; want it in words", text)
	}
}
