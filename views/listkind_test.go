package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// A list of people opened while Groups (or contacts) are picked — a list
// file, or an export's "List them" — lists them as Users: the sidebar
// used to stay on Groups, so the field asked for a group's name, Me was
// off, and a name typed next searched the groups instead of the people.
func TestListOfPeopleShownAsUsers(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.m.sidebar.kind.SetSelected(kindGroups)
	h.waitFor("the groups", func() bool { return strings.HasSuffix(h.m.sidebar.note.Text, " groups") })
	h.waitIdle()
	ex := h.tenant.Dir.Examples()
	list := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(list, []byte("userPrincipalName\n"+ex.FullHD.UserPrincipalName+"\n"+ex.NoPhoto.UserPrincipalName+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := storage.Reader(storage.NewFileURI(list))
	if err != nil {
		t.Fatal(err)
	}
	h.m.onListChosen(r, nil)
	h.waitFor("the list", func() bool { return len(h.m.sidebar.results) == 2 })
	h.waitIdle()
	s := h.m.sidebar
	if s.kind.Selected != kindUsers || s.query.PlaceHolder != searchHints[app.KindUser] || s.me.Disabled() {
		t.Errorf("a list of people shown under kind %q, field asking %q, Me disabled %v", s.kind.Selected, s.query.PlaceHolder, s.me.Disabled())
	}
	h.search(strings.Fields(ex.UpTo240.DisplayName)[0])
	h.waitFor("the person searched", func() bool {
		return len(s.results) > 0 && s.results[0].ID == ex.UpTo240.ID && !s.loading
	})
}

// An export's "List them" of groups (their own photos) lists them under
// Groups: under Users the field asked for a person's name, Me was on, and
// a name typed next searched the users.
func TestListOfGroupsShownAsGroups(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	ex := h.tenant.Dir.Examples()
	s := h.m.sidebar
	s.showList([]app.Person{
		app.PersonFromGroup(graphapi.GroupInfo{ID: ex.Sales.ID, DisplayName: ex.Sales.DisplayName}),
		app.PersonFromGroup(graphapi.GroupInfo{ID: ex.NewHires.ID, DisplayName: ex.NewHires.DisplayName}),
	}, "2 groups with a small or non-square photo, from the export.")
	h.waitIdle()
	if s.kind.Selected != kindGroups || s.query.PlaceHolder != searchHints[app.KindGroup] || !s.me.Disabled() {
		t.Errorf("a list of groups shown under kind %q, field asking %q, Me disabled %v", s.kind.Selected, s.query.PlaceHolder, s.me.Disabled())
	}
	h.search(ex.Sales.DisplayName)
	h.waitFor("the group searched", func() bool {
		return len(s.results) > 0 && s.results[0].ID == ex.Sales.ID && !s.loading
	})
}
