package importer

import (
	"strings"
	"testing"
)

// A file name holding a line break (or any control character) is one
// no-match row saying why, not a 400 that stops the whole preview: Graph
// (and the sandbox) refuse such a character in a $filter string. Names
// with the characters a filter must escape (', &, #, %, +, parentheses)
// are looked up like any other.
func TestOddFileNamesDoNotStopTheLookup(t *testing.T) {
	x := newTenant(t)
	ex := x.Dir.Examples()
	dir := t.TempDir()
	picture(t, dir, "new\nline.jpg", 300, 300)
	picture(t, dir, "tab\there.jpg", 300, 300)
	picture(t, dir, "bad\xffutf8.jpg", 300, 300)
	picture(t, dir, "o'brien&co#1%+(x).jpg", 300, 300)
	picture(t, dir, "O'Neil, Pat (Sales).jpg", 300, 300)
	picture(t, dir, ex.NoPhoto.UserPrincipalName+".jpg", 300, 300)
	picture(t, dir, "Diaz, Lucas.jpg", 300, 300)
	p := x.plan(t, dir)
	for name, why := range map[string]string{
		"new\nline.jpg":   "line break (U+000A)",
		"tab\there.jpg":   "tab (U+0009)",
		"bad\xffutf8.jpg": "not valid text",
	} {
		it := item(t, p, name)
		if it.Status != StatusNoMatch || !strings.Contains(it.Note, why) || !strings.Contains(it.Note, "rename the file") {
			t.Errorf("%q: %s %q, want no match saying %q", name, it.Status, it.Note, why)
		}
	}
	for _, name := range []string{"o'brien&co#1%+(x).jpg", "O'Neil, Pat (Sales).jpg"} {
		if it := item(t, p, name); it.Status != StatusNoMatch || !strings.HasPrefix(it.Note, "nobody matches") {
			t.Errorf("%q: %s %q, want a plain no match", name, it.Status, it.Note)
		}
	}
	for _, name := range []string{ex.NoPhoto.UserPrincipalName + ".jpg", "Diaz, Lucas.jpg"} {
		if it := item(t, p, name); it.Status != StatusUpload {
			t.Errorf("%s: %s %q, want will upload", name, it.Status, it.Note)
		}
	}
}

// A query Graph refuses (400) is asked again a value at a time: only the
// file whose name was refused is a no-match row, with Graph's reason;
// the names that shared its filter still match, and a later rule is not
// asked in the refused one's place.
func TestARefusedLookupFailsOnlyItsFile(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"ann.lee@contoso.com.jpg", "odd@contoso.com.jpg", "carla@contoso.com.jpg", "Bob Stone.jpg"} {
		picture(t, dir, n, 300, 300)
	}
	files, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	d := &fakeDirectory{
		users:  []User{ann, bob1, carla, {ID: "66666666-6666-6666-6666-666666666666", DisplayName: "Odd One", UPN: "x@contoso.com", Mail: "odd@contoso.com"}},
		refuse: func(v string) bool { return strings.HasPrefix(v, "odd@") },
	}
	p, err := BuildPlan(t.Context(), d, dir, files, nil)
	if err != nil {
		t.Fatalf("one refused name stopped the plan: %v", err)
	}
	odd := item(t, p, "odd@contoso.com.jpg")
	if odd.Status != StatusNoMatch || odd.User != nil || !strings.Contains(odd.Note, "by upn (400 Request_UnsupportedQuery)") {
		t.Errorf("refused file: %s %v %q", odd.Status, odd.User, odd.Note)
	}
	for name, want := range map[string]User{"ann.lee@contoso.com.jpg": ann, "carla@contoso.com.jpg": carla, "Bob Stone.jpg": bob1} {
		if it := item(t, p, name); it.User == nil || it.User.ID != want.ID {
			t.Errorf("%s: %s %v %q, want %s", name, it.Status, it.User, it.Note, want.UPN)
		}
	}
}
