package importer

import (
	"errors"
	"path/filepath"
	"testing"
)

// TestJournalHeldWhileOpen: two imports of one report (the window and the
// command line, say) would interleave their journal lines and each resume
// the other's files; the second is refused until the first lets go.
func TestJournalHeldWhileOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.journal.jsonl")
	first, err := OpenJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenJournal(path); !errors.Is(err, ErrJournalInUse) {
		t.Fatalf("second open: %v, want ErrJournalInUse", err)
	}
	if err := first.Append(JournalLine{File: "a.jpg", State: JournalStarted}); err != nil {
		t.Fatal(err)
	}
	first.Close()
	first.Close() // twice is harmless
	again, err := OpenJournal(path)
	if err != nil {
		t.Fatalf("after Close: %v", err)
	}
	defer again.Close()
	lines, err := ReadJournal(path)
	if err != nil || len(lines) != 1 || lines[0].File != "a.jpg" {
		t.Errorf("journal kept %+v, %v", lines, err)
	}
}
