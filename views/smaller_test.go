package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// Switching Users → Groups starts afresh: the UPN typed is cleared, the
// field says what Groups takes, and Me (a person) is not offered.
func TestSwitchingKindClearsTheSearch(t *testing.T) {
	f := newFakeEngine(3)
	h := newFakeHarness(t, f)
	h.waitResults()
	h.waitIdle()
	s := h.m.sidebar
	test.Type(s.query, "person01@contoso.com")
	s.kind.SetSelected(kindGroups)
	h.waitIdle()
	if s.query.Text != "" || s.query.PlaceHolder != searchHints[app.KindGroup] || !s.me.Disabled() {
		t.Errorf("after switching to Groups: query %q, placeholder %q, Me disabled %v", s.query.Text, s.query.PlaceHolder, s.me.Disabled())
	}
	s.kind.SetSelected(kindUsers)
	h.waitIdle()
	if s.query.PlaceHolder != searchHints[app.KindUser] || s.me.Disabled() {
		t.Errorf("back on Users: placeholder %q, Me disabled %v", s.query.PlaceHolder, s.me.Disabled())
	}
}

// A kind picked with the mouse keeps the focus on the drop-down: what is
// typed next goes to the search field (whose contacts, for Someone's
// contacts with nobody named), not nowhere.
func TestTypingAfterPickingAKindSearches(t *testing.T) {
	h := newFakeHarness(t, newFakeEngine(3))
	h.waitResults()
	h.waitIdle()
	s := h.m.sidebar
	c := h.m.w.Canvas()
	c.Focus(s.kind)
	s.kind.SetSelected(kindGroups)
	test.Type(s.kind, "sal")
	if s.query.Text != "sal" || c.Focused() != s.query {
		t.Errorf("typed after picking Groups: query %q, focus on %T; want \"sal\" in the search field", s.query.Text, c.Focused())
	}
	c.Focus(s.kind)
	s.kind.SetSelected(kindOthersContacts)
	test.Type(s.kind, "adele")
	if s.owner.Text != "adele" || c.Focused() != s.owner {
		t.Errorf("typed after picking Someone's contacts: owner %q, focus on %T; want \"adele\" in whose contacts", s.owner.Text, c.Focused())
	}
	h.waitIdle()
}

// My contacts lists the default folder first, so its folder picker names it
// rather than "(Select one)".
func TestContactFolderPickerStartsOnTheDefaultFolder(t *testing.T) {
	h := newFakeHarness(t, newFakeEngine(2))
	if got := h.m.sidebar.folder.Selected; got != defaultContacts {
		t.Errorf("folder picker shows %q, want %q", got, defaultContacts)
	}
	r := &app.PhotoResult{Person: app.Person{Kind: app.KindContact}, Requested: graphapi.SizeLargest, Width: 96, Height: 96}
	if note := photoNote(r, nil); !strings.Contains(note, "Contacts have one photo size") {
		t.Errorf("a contact's note = %q, want why Size is greyed out", note)
	}
}

// Refresh says it refreshed, since the photo often looks the same.
func TestRefreshSaysRefreshed(t *testing.T) {
	f := newFakeEngine(2)
	h := newFakeHarness(t, f)
	h.waitResults()
	h.waitIdle()
	h.m.onNavigationKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.waitIdle()
	if got := h.m.status.activity.Text; !strings.HasPrefix(got, "Refreshed the photo of ") {
		t.Errorf("status after F5 = %q", got)
	}
}

// At the window's smallest the photo area keeps room for a photo: the
// viewer scrolls to it rather than squeezing it.
func TestSmallestWindowKeepsThePhotoUsable(t *testing.T) {
	h := newFakeHarness(t, newFakeEngine(2))
	h.waitResults()
	h.waitIdle()
	h.m.w.Resize(h.m.w.Content().MinSize())
	v := h.m.viewer
	if v.area.MinSize().Height < photoAreaMin.Height || v.content.Size().Height < v.content.MinSize().Height || v.area.Size().Height < photoAreaMin.Height {
		t.Errorf("smallest window %v: viewer %v (least %v), photo area %v; want the photo area at least %v, the viewer scrolling to it",
			h.m.w.Canvas().Size(), v.content.Size(), v.content.MinSize(), v.area.Size(), photoAreaMin)
	}
}

// A 1366x768 laptop screen at 150 % is 910x512 of Fyne's units; its
// taskbar and the window's title bar take some 56 of them and the menu bar
// Fyne draws in the window about 36 more. The window's smallest was
// 886x564 with its menu bar (1328x846 pixels), taller than the screen. At
// its smallest now, the toolbar, the search, the viewer's controls and the
// status bar are all in the window, whole.
func TestSmallestWindowFitsALaptopAt150Percent(t *testing.T) {
	const roomWidth, roomHeight = 900, 420 // the content's, less the menu bar
	h := newFakeHarness(t, newFakeEngine(2))
	h.waitResults()
	h.waitIdle()
	least := h.m.w.Content().MinSize()
	if least.Width > roomWidth || least.Height > roomHeight {
		t.Fatalf("the window's smallest content is %v, more than the %vx%v a 1366x768 screen at 150 %% has room for", least, roomWidth, roomHeight)
	}
	h.m.w.Resize(least)
	h.waitIdle()
	canvas := h.m.w.Canvas().Size()
	d := fyne.CurrentApp().Driver()
	for name, o := range map[string]fyne.CanvasObject{
		"Save…":           h.m.tools.save,
		"Export…":         h.m.tools.export,
		"Settings":        h.m.tools.settings,
		"the search":      h.m.sidebar.query,
		"Me":              h.m.sidebar.me,
		"the size picker": h.m.viewer.sizes.sel,
		"Round":           h.m.viewer.round,
		"the status bar":  h.m.status.content,
	} {
		at, size := d.AbsolutePositionForObject(o), o.Size()
		if at.X < 0 || at.Y < 0 || at.X+size.Width > canvas.Width+0.5 || at.Y+size.Height > canvas.Height+0.5 || size.Width < o.MinSize().Width {
			t.Errorf("%s is at %v, %v, in a window of %v: want it whole inside", name, at, size, canvas)
		}
	}
}

// The viewer's header names a guest as one, by their own mail, and gives
// the job title and department.
func TestViewerHeaderGuestAndJobTitle(t *testing.T) {
	h := newFakeHarness(t, newFakeEngine(1))
	h.m.viewer.setPerson(app.Person{Kind: app.KindUser, DisplayName: "Jane Doe", UPN: "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com", Mail: "jane@fabrikam.com", JobTitle: "Auditor", Department: "Finance"})
	if got := h.m.viewer.detail.Text; got != "jane@fabrikam.com (guest) · Auditor · Finance" {
		t.Errorf("viewer detail = %q", got)
	}
	// A guest with no mail known is still shown by their UPN.
	h.m.viewer.setPerson(app.Person{Kind: app.KindUser, DisplayName: "Jane Doe", UPN: "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com"})
	if got := h.m.viewer.detail.Text; got != "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com (guest)" {
		t.Errorf("viewer detail without mail = %q", got)
	}
}

// Copy UPN and Copy object id, from the right-click menu.
func TestCopyUPNAndObjectID(t *testing.T) {
	f := newFakeEngine(2)
	h := newFakeHarness(t, f)
	h.waitResults()
	h.waitShown(f.people[0].DisplayName)
	for _, it := range h.m.contextMenu().Items {
		switch it.Label {
		case menuCopyUPN:
			it.Action()
			if got := h.a.Clipboard().Content(); got != f.people[0].UPN {
				t.Errorf("Copy UPN copied %q", got)
			}
		case menuCopyID:
			it.Action()
			if got := h.a.Clipboard().Content(); got != f.people[0].ID {
				t.Errorf("Copy object id copied %q", got)
			}
		}
	}
}

// A group or contact has no UPN: the item that copies its mail address,
// in the right-click menu and the Edit menu, says so; a user's still says
// UPN.
func TestCopyAddressIsNamedForGroupsAndContacts(t *testing.T) {
	f := newFakeEngine(1)
	group := app.PersonFromGroup(graphapi.GroupInfo{ID: "00000000-0000-0000-0000-00000000aaaa", DisplayName: "New Hires", Mail: "newhires@contoso.com"})
	contact := app.PersonFromContact(graphapi.ContactInfo{ID: "AAMkContact", DisplayName: "Ann Vendor", EmailAddresses: []graphapi.EmailAddress{{Address: "ann@vendor.example"}}}, "")
	f.people = append(f.people, group, contact)
	h := newFakeHarness(t, f)
	h.waitResults()
	h.waitShown(f.people[0].DisplayName)
	editItem := func(label string) *fyne.MenuItem {
		for _, it := range h.m.w.MainMenu().Items[1].Items {
			if it.Label == label {
				return it
			}
		}
		return nil
	}
	contextItem := func(label string) *fyne.MenuItem {
		for _, it := range h.m.contextMenu().Items {
			if it.Label == label {
				return it
			}
		}
		return nil
	}
	for _, tc := range []struct {
		p           app.Person
		label, want string
	}{
		{f.people[0], menuCopyUPN, f.people[0].UPN},
		{group, menuCopyMail, "newhires@contoso.com"},
		{contact, menuCopyMail, "ann@vendor.example"},
		{f.people[0], menuCopyUPN, f.people[0].UPN},
	} {
		h.m.open(tc.p)
		h.waitShown(tc.p.DisplayName)
		for where, it := range map[string]*fyne.MenuItem{"Edit menu": editItem(tc.label), "right-click menu": contextItem(tc.label)} {
			if it == nil {
				t.Errorf("%s of %s has no %q", where, tc.p.Kind, tc.label)
				continue
			}
			h.a.Clipboard().SetContent("")
			it.Action()
			h.waitIdle()
			if got := h.a.Clipboard().Content(); got != tc.want {
				t.Errorf("%s %q of %s copied %q, want %q", where, tc.label, tc.p.Kind, got, tc.want)
			}
		}
		other := menuCopyUPN
		if tc.label == menuCopyUPN {
			other = menuCopyMail
		}
		if editItem(other) != nil || contextItem(other) != nil {
			t.Errorf("menus of %s still offer %q", tc.p.Kind, other)
		}
	}
}

// File > Open list… does what dropping a list does.
func TestFileOpenList(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	file := h.m.mainMenu().Items[0]
	if file.Items[0].Label != menuOpenList {
		t.Fatalf("File menu starts with %q, want %q", file.Items[0].Label, menuOpenList)
	}
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
}

// The list says how many it shows, and when more are to come.
func TestResultCount(t *testing.T) {
	h := newFakeHarness(t, newFakeEngine(3))
	h.waitResults()
	h.waitIdle()
	if got := h.m.sidebar.note.Text; got != "3 people" || !h.m.sidebar.note.Visible() {
		t.Errorf("note = %q, want the count", got)
	}
	if got := countText(app.KindGroup, 50, true); got != "50 groups so far; scroll for more" {
		t.Errorf("count = %q", got)
	}
	if got := countText(app.KindUser, 1, false); got != "1 person" {
		t.Errorf("count = %q", got)
	}
}

// A size picked with the mouse leaves the focus on the size picker; F5
// still refreshes from there.
func TestRefreshKeyFromTheSizePicker(t *testing.T) {
	f := newFakeEngine(2)
	h := newFakeHarness(t, f)
	h.waitResults()
	h.waitIdle()
	h.m.w.Canvas().Focus(h.m.viewer.sizes.sel)
	h.pressKey(fyne.KeyF5)
	h.waitIdle()
	if got := h.m.status.activity.Text; !strings.HasPrefix(got, "Refreshed the photo of ") {
		t.Errorf("status after F5 on the size picker = %q", got)
	}
}

// What is typed while Me, the size picker or the viewer's Round or Actual
// pixels check box has the focus (after a click, or Tab) starts a new
// search in the search field, as on the results: it went nowhere, and the
// letters were lost.
func TestTypingOnMeOrTheViewerControlsSearches(t *testing.T) {
	h := newFakeHarness(t, newFakeEngine(3))
	h.typeInQuery("ad")
	s := h.m.sidebar
	c := h.m.w.Canvas()
	for _, on := range []struct {
		name  string
		focus fyne.Focusable
		typed string
	}{
		{"Me", s.me, "meg"},
		{"the size picker", h.m.viewer.sizes.sel, "di"},
		{"Round", h.m.viewer.round, "al"},
		{"Actual pixels", h.m.viewer.actual, "lee"},
	} {
		c.Focus(on.focus)
		for _, r := range on.typed {
			c.Focused().TypedRune(r)
		}
		if s.query.Text != on.typed || c.Focused() != s.query {
			t.Errorf("typed %q on %s: query %q, focus on %T; want %q in the search field", on.typed, on.name, s.query.Text, c.Focused(), on.typed)
		}
		h.waitFor("the search for "+on.typed, func() bool { return s.lastQuery == on.typed })
	}
	if v := h.m.viewer; v.round.Checked || v.actual.Checked {
		t.Errorf("after typing on them: Round %v, Actual pixels %v; want both left unticked", v.round.Checked, v.actual.Checked)
	}
	h.waitIdle()
}

// A header line longer than the viewer is wide — "mail · job title ·
// department" — was cut short with "…", with no way to read the rest. It
// wraps onto a second line instead, drawn whole; a line that fits takes
// one line, as before.
func TestViewerHeaderLongLineIsReadWhole(t *testing.T) {
	h := newFakeHarness(t, newFakeEngine(1))
	h.m.w.Resize(fyne.NewSize(900, 600))
	v := h.m.viewer
	// The window's driver lays a container out again each frame its
	// content's minimum changed; the test canvas does not, so show does.
	show := func(p app.Person) {
		v.setPerson(p)
		h.waitIdle()
		v.content.(*fyne.Container).Refresh()
	}
	show(app.Person{Kind: app.KindUser, DisplayName: "Ann Lee", UPN: "ann@contoso.com", Mail: "ann@contoso.com"})
	oneLine := v.detail.Size().Height
	long := app.Person{
		Kind: app.KindUser, DisplayName: "Diego Siciliani", UPN: "diego.siciliani@contoso.onmicrosoft.com", Mail: "diego.siciliani@contoso.onmicrosoft.com",
		JobTitle: "Senior Human Resources Business Partner, Europe", Department: "Human Resources and Talent Management",
	}
	show(long)
	if v.detail.Size().Width >= fyne.MeasureText(v.detail.Text, theme.TextSize(), fyne.TextStyle{}).Width {
		t.Fatalf("the line fits (%v wide): the test needs a longer one", v.detail.Size().Width)
	}
	var drawn []string
	for _, o := range test.LaidOutObjects(v.detail) {
		if text, ok := o.(*canvas.Text); ok && text.Visible() && text.Text != "" {
			drawn = append(drawn, text.Text)
		}
	}
	if got := strings.Join(drawn, " "); got != v.detail.Text || len(drawn) < 2 {
		t.Errorf("drawn %q, want the whole line %q on more than one line", drawn, v.detail.Text)
	}
	if v.detail.Size().Height <= oneLine {
		t.Errorf("the header line is %v high, as one line (%v): want it wrapped", v.detail.Size().Height, oneLine)
	}
	at := func() float32 { return fyne.CurrentApp().Driver().AbsolutePositionForObject(v.sizes.sel).Y }
	controls := at()
	show(app.Person{Kind: app.KindUser, DisplayName: "Ann Lee", UPN: "ann@contoso.com", Mail: "ann@contoso.com"})
	if v.detail.Size().Height != oneLine || at() >= controls {
		t.Errorf("a short line after a long one: %v high, want one line (%v), the controls back up", v.detail.Size().Height, oneLine)
	}
}

// At the window's smallest, a header line that wraps onto a second makes
// the viewer scroll, as a note does, and the window does not grow by
// itself: it grew by a line each time someone with a long job title was
// opened (Megan Bowen's "Marketing Manager · Marketing" at 886 wide),
// pushing the status bar off a small screen. The photo area keeps its
// least, a scroll away.
func TestWrappedHeaderLineDoesNotGrowTheWindow(t *testing.T) {
	h := newFakeHarness(t, newFakeEngine(1))
	v := h.m.viewer
	show := func(p app.Person) {
		v.setPerson(p)
		h.waitIdle()
		v.view.Refresh() // as the driver lays out again (see TestViewerHeaderLongLineIsReadWhole)
	}
	short := app.Person{Kind: app.KindUser, DisplayName: "Ann Lee", UPN: "ann@contoso.com", Mail: "ann@contoso.com"}
	show(short)
	h.m.w.Resize(h.m.w.Content().MinSize())
	show(short)
	oneLine, smallest := v.detail.Size().Height, h.m.w.Content().MinSize()
	show(app.Person{
		Kind: app.KindUser, DisplayName: "Megan Bowen", UPN: "megan.bowen@contoso.onmicrosoft.com", Mail: "megan.bowen@contoso.onmicrosoft.com",
		JobTitle: "Marketing Manager", Department: "Marketing",
	})
	if v.detail.Size().Height <= oneLine {
		t.Fatalf("the header line did not wrap at %v wide; the test needs a longer one", v.detail.Size().Width)
	}
	if got := h.m.w.Content().MinSize(); got.Height > smallest.Height {
		t.Errorf("the window's smallest grew from %v to %v with a wrapped header line", smallest, got)
	}
	if got := v.area.Size().Height; got < photoAreaMin.Height {
		t.Errorf("the photo area is %v high, under its least %v", got, photoAreaMin.Height)
	}
}
