package views

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

func (h *harness) drop(paths ...string) {
	var uris []fyne.URI
	for _, p := range paths {
		uris = append(uris, storage.NewFileURI(p))
	}
	h.m.onDropped(fyne.NewPos(10, 10), uris)
}

func TestDropFolderSavesThePhotoAndAsksBeforeReplacing(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().FullHD)
	h.waitIdle()
	dir := t.TempDir()
	r := h.m.current
	path := filepath.Join(dir, r.SuggestedFileName())

	h.drop(dir)
	h.waitIdle()
	if got := readFile(t, path); !bytes.Equal(got, r.Bytes) {
		t.Fatal("the dropped folder did not receive the photo")
	}

	old := []byte("keep me")
	if err := os.WriteFile(path, old, 0o600); err != nil {
		t.Fatal(err)
	}
	h.drop(dir)
	h.tapDialogButton("No")
	h.waitIdle()
	if got := readFile(t, path); !bytes.Equal(got, old) {
		t.Fatal("a dropped folder overwrote a file without asking")
	}
	h.drop(dir)
	h.tapDialogButton("Yes")
	h.waitIdle()
	if got := readFile(t, path); !bytes.Equal(got, r.Bytes) {
		t.Fatal("the file was not replaced after Yes")
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("folder holds %v, want only the photo", names)
	}
}

func TestDropFolderSavesAllSizesWhenSet(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.a.Preferences().SetBool(app.PrefDropSavesAllSizes, true)
	h.openUser(h.tenant.Dir.Examples().UpTo240)
	h.waitIdle()
	dir := t.TempDir()
	h.drop(dir)
	h.waitIdle()
	names := dirNames(t, dir)
	if len(names) != 5 { // 48, 64, 96, 120 and 240
		t.Errorf("saved %v, want the five sizes up to 240x240", names)
	}
	if !strings.Contains(h.m.status.activity.Text, "Saved 5 photos") {
		t.Errorf("status = %q", h.m.status.activity.Text)
	}
}

func TestDropCSVOpensAResultList(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	ex := h.tenant.Dir.Examples()
	list := filepath.Join(t.TempDir(), "new-starters.csv")
	csv := "userPrincipalName,note\n" +
		ex.UpTo504.UserPrincipalName + ",first\n" +
		"nobody@contoso.onmicrosoft.com,missing\n" +
		ex.Guest.UserPrincipalName + ",guest\n" +
		ex.Guest.Mail + ",the guest by her own mail, as the search box takes it\n"
	if err := os.WriteFile(list, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	h.drop(list)
	h.waitFor("the list's people", func() bool {
		return strings.Contains(h.m.sidebar.note.Text, "new-starters.csv")
	})
	got := h.m.sidebar.results
	if len(got) != 3 || got[0].UPN != ex.UpTo504.UserPrincipalName || got[1].UPN != ex.Guest.UserPrincipalName || got[2].UPN != ex.Guest.UserPrincipalName {
		t.Fatalf("results = %v, want Diego then the guest twice (by UPN, by mail), in file order", got)
	}
	if note := h.m.sidebar.note.Text; !strings.Contains(note, "1 not found: nobody@contoso.onmicrosoft.com") {
		t.Errorf("note = %q, want the missing UPN named", note)
	}
}

// A search begun while a dropped list is still being looked up wins: the
// list's late answer does not replace its results.
func TestSearchAfterADroppedListWins(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	ex := h.tenant.Dir.Examples()
	list := filepath.Join(t.TempDir(), "list.txt")
	if err := os.WriteFile(list, []byte(ex.UpTo504.UserPrincipalName+"\n"+ex.Guest.UserPrincipalName+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.drop(list)
	h.search(ex.FullHD.UserPrincipalName)
	h.waitIdle()
	if got := h.m.sidebar.results; len(got) != 1 || got[0].UPN != ex.FullHD.UserPrincipalName || strings.Contains(h.m.sidebar.note.Text, "list.txt") {
		t.Errorf("results %v, note %q; want the search's person, not the dropped list", got, h.m.sidebar.note.Text)
	}
}

func TestDropWithNothingUsefulSaysWhatWorks(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	other := filepath.Join(t.TempDir(), "notes.pdf")
	if err := os.WriteFile(other, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.drop(other)
	if !strings.Contains(h.m.status.activity.Text, "Drop a folder") {
		t.Errorf("status = %q", h.m.status.activity.Text)
	}
}

// A list looked up while Graph throttles names the people it could not
// look up, and why, apart from those who are no one: they were all "not
// found" before, and left out of the list in silence.
func TestListLookupFailuresAreNotNotFound(t *testing.T) {
	f := newFakeEngine(3)
	throttled := &graphapi.Error{Status: 429, Code: "TooManyRequests"}
	f.lookupErr = map[string]error{"busy@contoso.com": throttled, "busy2@contoso.com": throttled}
	h := newFakeHarness(t, f)
	h.waitIdle()
	list := filepath.Join(t.TempDir(), "starters.txt")
	lines := f.people[0].UPN + "\nbusy@contoso.com\nnobody@contoso.com\nbusy2@contoso.com\n"
	if err := os.WriteFile(list, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	h.drop(list)
	h.waitFor("the list's note", func() bool { return strings.Contains(h.m.sidebar.note.Text, "starters.txt") })
	note := h.m.sidebar.note.Text
	for _, want := range []string{
		"1 person from starters.txt.",
		"1 not found: nobody@contoso.com",
		"2 could not be looked up (Microsoft Graph is throttling; open the list again to retry): busy@contoso.com, busy2@contoso.com",
	} {
		if !strings.Contains(note, want) {
			t.Errorf("note = %q, want %q in it", note, want)
		}
	}
}

// Several things dropped at once — a folder selected with all it holds —
// are refused, and nothing is done: each used to be acted on, saving into
// the folder, opening the editor and replacing the list in one gesture.
func TestDropOfSeveralThingsIsRefused(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().FullHD)
	dir := t.TempDir()
	folder := filepath.Join(dir, "out")
	list := filepath.Join(dir, "people.txt")
	picture := writePicture(t, 96, 96)
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(list, []byte(h.tenant.Dir.Examples().NoPhoto.UserPrincipalName+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := len(h.m.sidebar.results)
	h.drop(folder, list, picture)
	h.waitIdle()
	if got := h.m.status.activity.Text; !strings.HasPrefix(got, "3 items were dropped; drop one at a time") {
		t.Errorf("status = %q, want the drop refused", got)
	}
	if n := len(dirNames(t, folder)); n != 0 {
		t.Errorf("%d files saved into the dropped folder", n)
	}
	if n := len(h.m.w.Canvas().Overlays().List()); n != 0 {
		t.Errorf("%d dialogs opened (the editor?)", n)
	}
	if len(h.m.sidebar.results) != before || strings.Contains(h.m.sidebar.note.Text, "people.txt") {
		t.Error("the dropped list replaced the results")
	}
}
