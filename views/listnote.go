package views

import (
	"fmt"
	"strings"

	"github.com/photodesk/photodesk/app"
)

// progressNote says how far a list's lookup is, above the rows shown so
// far. It does not name the file: the finished list's note does, so "the
// note names the file" means the list is whole.
func progressNote(t app.ListTally) string {
	return fmt.Sprintf("%s so far; looking up the list: %d of %s…",
		plural(t.Found, "person", "people"), t.Done, plural(t.Listed, "entry", "entries"))
}

// listNote sums up the list file name above its results once every entry
// is looked up.
func listNote(name string, t app.ListTally) string {
	note := fmt.Sprintf("%s from %s.", plural(t.Found, "person", "people"), name)
	if len(t.Missing) > 0 {
		note += fmt.Sprintf(" %d not found: %s", len(t.Missing), firstFew(t.Missing))
	}
	if len(t.Failed) > 0 {
		note += fmt.Sprintf(" %d could not be looked up (%s; open the list again to retry): %s",
			len(t.Failed), app.LookupTrouble(t.Why), firstFew(t.Failed))
	}
	return note
}

// firstFew is the first five of ids, and "…" for more.
func firstFew(ids []string) string {
	s := strings.Join(ids[:min(len(ids), 5)], ", ")
	if len(ids) > 5 {
		s += ", …"
	}
	return s
}
