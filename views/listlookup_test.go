package views

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
)

// writeList writes the UPNs of people, one a line, into a list file name.
func writeList(t *testing.T, name string, people []app.Person) string {
	t.Helper()
	var lines []string
	for _, p := range people {
		lines = append(lines, p.UPN)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// ids are the object ids of people, in order.
func ids(people []app.Person) []string {
	out := make([]string, len(people))
	for i, p := range people {
		out[i] = p.ID
	}
	return out
}

// The rows of a list show as their lookups come back, in the file's order,
// and their avatars are asked for at once: a list of hundreds showed
// nothing until every entry had been looked up. Export offers the whole
// file meanwhile, and the people listed once the lookup ends.
func TestListRowsShowWhileTheLastIsLookedUp(t *testing.T) {
	f := newFakeEngine(25)
	h := newFakeHarness(t, f)
	h.waitResults()
	h.waitIdle()
	f.forgetAvatarCalls()
	last := f.people[len(f.people)-1]
	f.holdLookup(last.UPN)
	h.drop(writeList(t, "starters.txt", f.people))

	s := h.m.sidebar
	h.waitFor("the rows before the last, and their first avatars", func() bool {
		return len(s.results) == len(f.people)-1 && len(f.avatarCalls()) > 0
	})
	if got, want := ids(s.results), ids(f.people[:len(f.people)-1]); !slices.Equal(got, want) {
		t.Errorf("rows %v, want the file's order %v", got, want)
	}
	if first := f.avatarCalls()[0]; len(first) == 0 || first[0] != f.people[0].ID {
		t.Errorf("first avatar call %v, want it to start with the first row", first)
	}
	if note := s.note.Text; !strings.Contains(note, "24 of 25 entries") || strings.Contains(note, "starters.txt") {
		t.Errorf("note = %q, want the lookup's progress, not the finished list's note", note)
	}
	if got := h.m.status.activity.Text; got != "Looking up the people in starters.txt…" {
		t.Errorf("status = %q mid-lookup", got)
	}
	// Export meanwhile: the whole file, looked up by the export, not the
	// rows shown so far passing for the list.
	form := newExportForm(h.m)
	if got := form.source.Options[0]; got != "The people in starters.txt (25 entries, still being looked up)" {
		t.Errorf("export offers %q mid-lookup", got)
	}
	if got := form.sources[form.source.Options[0]].People; len(got) != len(f.people) || got[len(got)-1] != last.UPN {
		t.Errorf("export's source mid-lookup = %v, want the file's 25 entries", got)
	}

	f.releaseLookup(last.UPN)
	h.waitFor("the whole list", func() bool { return strings.HasPrefix(s.note.Text, "25 people from starters.txt.") })
	h.waitIdle()
	if got := ids(s.results); !slices.Equal(got, ids(f.people)) {
		t.Errorf("rows %v, want all 25 in the file's order", got)
	}
	for i, known := range s.avatarKnown {
		if !known {
			t.Errorf("row %d has no avatar", i)
		}
	}
	// Each row's avatar asked for once, in row order: none lost between
	// the asks made as rows arrived, none asked twice.
	if got := slices.Concat(f.avatarCalls()...); !slices.Equal(got, ids(f.people)) {
		t.Errorf("avatars asked for %v, want each row's once, in order", got)
	}
	if got := h.m.status.activity.Text; got != "" {
		t.Errorf("status = %q once the list is looked up", got)
	}
	form = newExportForm(h.m)
	if got := form.source.Options[0]; got != "The 25 people listed" {
		t.Errorf("export offers %q once the list is looked up", got)
	}
	if got := form.sources[form.source.Options[0]].People; !slices.Equal(got, ids(f.people)) {
		t.Errorf("export's source = %v, want the 25 people's ids", got)
	}
}

// A list opened while another is still being looked up shows none of the
// first list's people, even when their lookups answer afterwards, and the
// first list's entries not yet asked for are never asked.
func TestSecondListMidLookupShowsNoneOfTheFirst(t *testing.T) {
	f := newFakeEngine(16)
	h := newFakeHarness(t, f)
	h.waitResults()
	h.waitIdle()
	first, second := f.people[:10], f.people[10:]
	held := first[2:6] // as many as the list lookup's workers (app, four): every worker waits
	for _, p := range held {
		f.holdLookup(p.UPN)
	}
	f.forgetAvatarCalls()
	h.drop(writeList(t, "first.txt", first))
	s := h.m.sidebar
	h.waitFor("the first list's first rows and avatars, with its workers held", func() bool {
		asked := f.lookedUp()
		return len(s.results) == 2 && s.avatarKnown[1] &&
			!slices.ContainsFunc(held, func(p app.Person) bool { return !slices.Contains(asked, p.UPN) })
	})

	f.forgetAvatarCalls()
	h.drop(writeList(t, "second.txt", second))
	h.waitFor("the second list", func() bool { return strings.HasPrefix(s.note.Text, "6 people from second.txt.") })
	f.releaseAll() // the first list's held answers arrive late
	h.waitIdle()

	if got := ids(s.results); !slices.Equal(got, ids(second)) {
		t.Errorf("rows %v, want only the second list's %v", got, ids(second))
	}
	if note := s.note.Text; !strings.HasPrefix(note, "6 people from second.txt.") {
		t.Errorf("note = %q, want the second list's", note)
	}
	asked := f.lookedUp()
	for _, p := range first[6:] {
		if slices.Contains(asked, p.UPN) {
			t.Errorf("%s of the first list was looked up after the second was opened", p.UPN)
		}
	}
	for _, call := range f.avatarCalls() {
		for _, id := range call {
			if slices.Contains(ids(first), id) {
				t.Errorf("avatar of %s (first list) asked for after the second list was opened", id)
			}
		}
	}
}
