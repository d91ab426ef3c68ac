package importer

import (
	"errors"
	"io/fs"
	"os"
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

// TestJournalWritesThroughTheHeldFile: lines go to the file the journal
// holds under its lock, at its end — not to whatever is at the path now,
// reopened for each line — so a journal continued by resume keeps its
// earlier lines and the lock covers every line written.
func TestJournalWritesThroughTheHeldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.journal.jsonl")
	first := openJournal(t, path)
	if err := first.Append(JournalLine{File: "a.jpg", State: JournalStarted}); err != nil {
		t.Fatal(err)
	}
	first.Close()
	if err := first.Append(JournalLine{File: "late.jpg", State: JournalStarted}); err == nil {
		t.Error("a closed journal took a line")
	}

	j := openJournal(t, path) // resume: lines go after the earlier ones
	defer j.Close()
	moved := filepath.Join(dir, "moved.jsonl")
	if err := os.Rename(path, moved); err != nil {
		t.Skipf("an open file cannot be renamed here: %v", err)
	}
	if err := j.Append(JournalLine{File: "b.jpg", State: JournalUploaded}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a line was written to a new file at the path (%v), not the one held", err)
	}
	lines, err := ReadJournal(moved)
	if err != nil || len(lines) != 2 || lines[0].File != "a.jpg" || lines[1].File != "b.jpg" || lines[1].State != JournalUploaded {
		t.Errorf("the held file has %+v, %v; want a.jpg then b.jpg", lines, err)
	}
}

// Journal lines written before accounts were told apart by ids (the
// account by sign-in name, the tenant as configured or the Graph URL)
// are still the account's own; a line with ids never matches by name.
func TestLegacyJournalLinesMatchBySignInName(t *testing.T) {
	me := Owner{Account: "o-1", Tenant: "3f2a0000-0000-4000-8000-000000000001", Name: "helpdesk@contoso.com"}
	for _, l := range []JournalLine{
		{Account: "Helpdesk@contoso.com", Tenant: "contoso.onmicrosoft.com"},
		{Account: "helpdesk@contoso.com", Tenant: "https://graph.microsoft.com/v1.0"},
	} {
		if !me.owns(l) {
			t.Errorf("%+v is not the account's own", l)
		}
		if (Owner{Account: "o-2", Tenant: me.Tenant, Name: "frontdesk@contoso.com"}).owns(l) {
			t.Errorf("another account owns %+v", l)
		}
	}
	if me.owns(JournalLine{Account: "o-9", Tenant: "3f2a0000-0000-4000-8000-000000000009"}) || me.owns(JournalLine{Tenant: "x"}) {
		t.Error("a line with ids, or with no account, matched")
	}
}

// Only another account's changes that stand count as foreign: a run of
// theirs whose uploads were all refused changed nothing, and an upload
// they undid since is nothing left to undo. A sent file counts once, not
// once for each of its three lines.
func TestForeignCountCountsOnlyChangesThatStand(t *testing.T) {
	me := Owner{Account: "o-1", Tenant: "t-1"}
	other := func(change, state string) JournalLine {
		return JournalLine{File: change + ".jpg", User: "u-" + change, Change: change, State: state, Account: "o-2", Tenant: "t-1"}
	}
	refused := []JournalLine{
		{File: "a.jpg", State: JournalStarted, Account: "o-2", Tenant: "t-1"},
		other("a", JournalSending), other("a", JournalFailed),
		{File: "b.jpg", State: JournalStarted, Account: "o-2", Tenant: "t-1"},
		other("b", JournalSending), other("b", JournalFailed),
	}
	if n := ForeignCount(refused, me); n != 0 {
		t.Errorf("a run whose uploads were all refused: %d foreign, want 0", n)
	}
	sent := append(refused,
		JournalLine{File: "c.jpg", State: JournalStarted, Account: "o-2", Tenant: "t-1"},
		other("c", JournalSending), other("c", JournalUploaded),
		other("d", JournalSending), other("d", JournalReplaced), other("d", JournalUndone),
		other("e", JournalSending), // a crash before the answer: it may have landed
		JournalLine{File: "f.jpg", Change: "f", State: JournalUploaded, Account: "o-1", Tenant: "t-1"},
	)
	if n := ForeignCount(sent, me); n != 2 {
		t.Errorf("one upload and one perhaps sent of another account's: %d foreign, want 2", n)
	}
}
