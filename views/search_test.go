package views

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
)

func TestSearchFindsUserAndEnterSearchesAtOnce(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	megan := h.tenant.Dir.Examples().UpTo240
	h.search("Megan")
	h.waitFor("Megan in the results", func() bool { return h.resultIndex(megan.UserPrincipalName) >= 0 })
	for _, p := range h.m.sidebar.results {
		if !strings.Contains(strings.ToLower(p.DisplayName+" "+p.UPN), "megan") {
			t.Errorf("result %q does not match the query", p.DisplayName)
		}
	}
}

func TestSearchDebouncesTyping(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	adele := h.tenant.Dir.Examples().FullHD
	test.Type(h.m.sidebar.query, "Adele") // no Enter: the debounce must search by itself
	h.waitFor("a search started by the debounce", func() bool {
		return h.m.sidebar.lastQuery == "Adele" && !h.m.sidebar.loading && h.resultIndex(adele.UserPrincipalName) >= 0
	})
}

func TestSearchWithNoMatchSaysSo(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.search("Zzyzx")
	h.waitFor("the empty state", func() bool { return h.m.sidebar.note.Visible() && !h.m.sidebar.loading })
	if len(h.m.sidebar.results) != 0 {
		t.Fatalf("results = %d, want none", len(h.m.sidebar.results))
	}
	if !strings.Contains(h.m.sidebar.note.Text, "No one matches “Zzyzx”") {
		t.Errorf("note = %q", h.m.sidebar.note.Text)
	}
}

func TestExactGuestUPNJumpsToThePerson(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	guest := h.tenant.Dir.Examples().Guest
	h.search(guest.UserPrincipalName)
	h.waitShown(guest.DisplayName)
	if h.m.person == nil || h.m.person.UPN != guest.UserPrincipalName {
		t.Fatalf("opened %v, want %s", h.m.person, guest.UserPrincipalName)
	}
	if got := len(h.m.sidebar.results); got != 1 || h.m.sidebar.selected != 0 {
		t.Errorf("results = %d, selected = %d; want the one person, selected", got, h.m.sidebar.selected)
	}
	if !h.m.viewer.photo.Visible() {
		t.Errorf("viewer = %s, want the guest's photo", h.m.viewer.describe())
	}
}

// TestGuestUPNCopiedFromAURLJumpsToThePerson: a guest's UPN copied out
// of a URL, its '#'s escaped ("jane_fabrikam.com%23EXT%23@…"), opens the
// guest as the UPN itself does; it used to say no one matches.
func TestGuestUPNCopiedFromAURLJumpsToThePerson(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	guest := h.tenant.Dir.Examples().Guest
	h.search(strings.ReplaceAll(guest.UserPrincipalName, "#", "%23"))
	h.waitShown(guest.DisplayName)
	if h.m.person == nil || h.m.person.UPN != guest.UserPrincipalName {
		t.Fatalf("opened %v, want %s", h.m.person, guest.UserPrincipalName)
	}
}

func TestMoreResultsLoadAsTheListScrolls(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	first := len(h.m.sidebar.results)
	if first != app.SearchPageSize {
		t.Fatalf("first page = %d people, want %d", first, app.SearchPageSize)
	}
	h.m.sidebar.list.ScrollToBottom()
	h.waitFor("a second page", func() bool { return len(h.m.sidebar.results) > first })
}

func TestUpDownWalkTheResults(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitShown(h.m.sidebar.results[0].DisplayName)
	h.m.sidebar.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // from the search field
	second := h.m.sidebar.results[1]
	h.waitShown(second.DisplayName)
	h.m.w.Canvas().Unfocus()
	typeOnCanvas(h, fyne.KeyDown)
	h.waitShown(h.m.sidebar.results[2].DisplayName)
	typeOnCanvas(h, fyne.KeyUp)
	h.waitShown(second.DisplayName)
	if h.m.sidebar.selected != 1 {
		t.Errorf("selected = %d, want 1", h.m.sidebar.selected)
	}
}

// typeOnCanvas presses a key with nothing focused.
func typeOnCanvas(h *harness, key fyne.KeyName) {
	h.m.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: key})
}

func TestGroupsAreSearchable(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	sales := h.tenant.Dir.Examples().Sales
	h.m.sidebar.kind.SetSelected(kindGroups)
	h.search(sales.DisplayName)
	h.openListed(sales.ID, sales.DisplayName)
	if h.m.person.Kind != app.KindGroup || !h.m.viewer.photo.Visible() {
		t.Errorf("person kind %v, viewer %s; want the group's photo", h.m.person.Kind, h.m.viewer.describe())
	}
}

func TestContactsHaveFoldersAndOneSize(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	ex := h.tenant.Dir.Examples()
	h.m.sidebar.kind.SetSelected(kindContacts)
	h.waitFor("contact folders", func() bool { return len(h.m.sidebar.folder.Options) > 1 })
	if !h.m.sidebar.folder.Visible() {
		t.Error("the folder picker is hidden for contacts")
	}
	h.m.sidebar.folder.SetSelected(ex.Folder.DisplayName)
	h.openListed(ex.FolderContact.ID, ex.FolderContact.DisplayName)
	if !h.m.viewer.photo.Visible() {
		t.Errorf("viewer = %s, want the contact's photo", h.m.viewer.describe())
	}
	if !h.m.viewer.sizes.sel.Disabled() || h.m.viewer.sizes.sel.Selected != onlySizeLabel {
		t.Errorf("the size picker for a contact, which has one size: disabled %v, saying %q",
			h.m.viewer.sizes.sel.Disabled(), h.m.viewer.sizes.sel.Selected)
	}
}

func TestMeButtonOpensTheSignedInUser(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.search("Adele")
	h.waitFor("Adele", func() bool { return len(h.m.sidebar.results) > 0 })
	test.Tap(h.m.sidebar.me)
	helpdesk := h.tenant.Dir.Examples().Helpdesk
	h.waitShown(helpdesk.DisplayName)
	if h.m.person.UPN != helpdesk.UserPrincipalName {
		t.Errorf("Me opened %s", h.m.person.UPN)
	}
}

// A guest's mail is not their UPN ("jane_fabrikam.com#EXT#@…"): typed in,
// it is not found as a UPN, and the search of mail finds them instead of
// "Not found".
func TestGuestFoundByMail(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	guest := h.tenant.Dir.Examples().Guest
	if guest.Mail == "" || strings.EqualFold(guest.Mail, guest.UserPrincipalName) {
		t.Fatalf("the sandbox's guest has mail %q and UPN %q: want them different", guest.Mail, guest.UserPrincipalName)
	}
	h.search(guest.Mail)
	h.waitFor("the guest found by mail", func() bool {
		for _, p := range h.m.sidebar.results {
			if p.UPN == guest.UserPrincipalName {
				return true
			}
		}
		return false
	})
}

// A list shown from an export's findings (or a dropped file) empties the
// search field, which no longer says what is listed, and gives way to the
// kind picked next, like a search's results.
func TestAShownListGivesWayToTheKindPicked(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.search("megan")
	h.waitFor("Megan found", func() bool { return h.m.sidebar.lastQuery == "megan" && len(h.m.sidebar.results) > 0 })
	people := slices.Clone(h.m.sidebar.results)
	h.m.sidebar.showList(people, "1 person with a small photo, from the export.")
	if got := h.m.sidebar.query.Text; got != "" {
		t.Errorf("the search field says %q over a list shown", got)
	}
	h.m.sidebar.kind.SetSelected(kindGroups)
	h.waitFor("groups listed", func() bool {
		r := h.m.sidebar.results
		return len(r) > 0 && r[0].Kind == app.KindGroup
	})
}

// Nothing found is said in the kind's words, and a user's address searched
// among groups points to Users.
func TestNoMatchSaysWhatWasSearched(t *testing.T) {
	for _, c := range []struct {
		kind        app.Kind
		query, want string
	}{
		{app.KindUser, "Zzyzx", "No one matches “Zzyzx”. Search matches the start of names and addresses."},
		{app.KindGroup, "adele.vance@contoso.onmicrosoft.com", "No group matches “adele.vance@contoso.onmicrosoft.com”. Search matches the start of names and addresses. To find a user by UPN or id, pick Users."},
		{app.KindContact, "Zzyzx", "No contact matches “Zzyzx”. Search matches the start of names and addresses."},
	} {
		if got := noMatchText(c.kind, c.query); got != c.want {
			t.Errorf("%v %q: %q, want %q", c.kind, c.query, got, c.want)
		}
	}
}

// A query pasted by mistake — a paragraph of 400 characters — is quoted by
// its start and "…": quoted whole it filled about ten lines of the sidebar.
// A query up to maxQuoted characters is still quoted whole.
func TestNoMatchQuotesALongQueryShortened(t *testing.T) {
	long := strings.Repeat("Zzyzx road ", 37)[:400]
	got := noMatchText(app.KindUser, long)
	want := "No one matches “" + strings.TrimRight(long[:maxQuoted-1], " ") + "…”. Search matches the start of names and addresses."
	if got != want {
		t.Errorf("a 400-character query: %q, want %q", got, want)
	}
	exact := strings.Repeat("é", maxQuoted)
	if got := noMatchText(app.KindContact, exact); !strings.Contains(got, "“"+exact+"”") {
		t.Errorf("a %d-character query is not quoted whole: %q", maxQuoted, got)
	}
}
