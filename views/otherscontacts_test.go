package views

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// openMailbox picks Someone's contacts and types whose.
func (h *harness) openMailbox(upn string) {
	h.t.Helper()
	h.m.sidebar.kind.SetSelected(kindOthersContacts)
	if !h.m.sidebar.owner.Visible() {
		h.t.Fatal("no field for whose contacts to open")
	}
	test.Type(h.m.sidebar.owner, upn)
	h.m.sidebar.owner.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// Another user's contacts in the window: with Contacts.Read.Shared their
// folders and contacts are listed and a contact's photo shows.
func TestOthersContactsInTheWindow(t *testing.T) {
	h := newHarnessWith(t, harnessOptions{scopes: []string{"User.ReadBasic.All", "Contacts.Read", "Contacts.Read.Shared"}})
	h.waitResults()
	adele := h.tenant.Dir.Examples().FullHD
	var withPhoto *sandbox.Contact
	all := h.tenant.Dir.Contacts(adele.ID)
	for _, c := range all {
		if c.Photo == sandbox.PhotoContact && c.ParentFolderID == all[0].ParentFolderID {
			withPhoto = c
			break
		}
	}
	if withPhoto == nil {
		t.Fatal("Adele has no contact with a photo in her default folder")
	}
	h.m.sidebar.kind.SetSelected(kindOthersContacts)
	h.waitIdle()
	if len(h.m.sidebar.results) != 0 || !strings.Contains(h.m.sidebar.note.Text, "Type whose contacts") {
		t.Errorf("before naming anyone: %d results, note %q", len(h.m.sidebar.results), h.m.sidebar.note.Text)
	}
	h.openMailbox(adele.UserPrincipalName)
	h.openListed(withPhoto.ID, withPhoto.DisplayName)
	if !h.m.viewer.photo.Visible() {
		t.Errorf("viewer = %s, want the contact's photo", h.m.viewer.describe())
	}
	h.waitIdle()
	if h.m.sidebar.foldsOf != adele.UserPrincipalName || h.m.sidebar.folders == nil {
		t.Errorf("folders of %q: %v; note %q", h.m.sidebar.foldsOf, h.m.sidebar.folders, h.m.sidebar.note.Text)
	}

	// Another owner typed over Adele's but not submitted: a search still
	// lists Adele's contacts, in the folders the picker shows, rather than
	// asking the typed mailbox for one of Adele's folders.
	h.m.sidebar.owner.SetText("nobody@contoso.onmicrosoft.com")
	h.search(strings.Fields(withPhoto.DisplayName)[0])
	h.waitIdle()
	if !slices.ContainsFunc(h.m.sidebar.results, func(p app.Person) bool { return p.ID == withPhoto.ID }) {
		t.Errorf("a search with another owner typed but not submitted: %d results, note %q; want Adele's %s",
			len(h.m.sidebar.results), h.m.sidebar.note.Text, withPhoto.DisplayName)
	}

	// Back to one's own contacts: the mailbox and its folders are mine again.
	h.m.sidebar.kind.SetSelected(kindContacts)
	h.waitIdle()
	if h.m.sidebar.owner.Visible() || h.m.sidebar.foldsOf != "" {
		t.Errorf("My contacts still shows %q's mailbox", h.m.sidebar.foldsOf)
	}
}

// Without Contacts.Read.Shared (or when the person shared nothing) the
// sidebar says why in a helpdesk person's words.
func TestOthersContactsRefusedIsExplained(t *testing.T) {
	for _, tc := range []struct {
		name   string
		scopes []string
		owner  func(sandbox.Examples) *sandbox.User
	}{
		{"no Contacts.Read.Shared", []string{"User.ReadBasic.All", "Contacts.Read"}, func(ex sandbox.Examples) *sandbox.User { return ex.FullHD }},
		{"folder not shared", []string{"User.ReadBasic.All", "Contacts.Read.Shared"}, func(ex sandbox.Examples) *sandbox.User { return ex.ContactsNotShared }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarnessWith(t, harnessOptions{scopes: tc.scopes})
			h.waitResults()
			h.openMailbox(tc.owner(h.tenant.Dir.Examples()).UserPrincipalName)
			h.waitFor("the explanation", func() bool { return strings.Contains(h.m.sidebar.note.Text, "shared their Contacts folder") })
			if note := h.m.sidebar.note.Text; !strings.Contains(note, "Contacts.Read.Shared") || strings.Contains(note, "ErrorAccessDenied") {
				t.Errorf("note %q", note)
			}
		})
	}
}

// Picking Someone's contacts asks for Contacts.Read.Shared then, not at
// sign-in (silently, when consent is no obstacle).
func TestOthersContactsAskForSharedPermission(t *testing.T) {
	h := newShellHarness(t, nil)
	m := h.waitMain(demoStatus)
	if h.sh.conn().Granted("Contacts.Read.Shared") {
		t.Fatal("signed in with Contacts.Read.Shared already")
	}
	m.sidebar.kind.SetSelected(kindOthersContacts)
	h.waitFor("the permission", func() bool { return h.sh.conn().Granted("Contacts.Read.Shared") })
	h.waitFor("the owner field", func() bool { return m.sidebar.owner.Visible() })
	if len(h.browsedURLs()) != 0 {
		t.Errorf("a silent permission opened the browser: %q", h.browsedURLs())
	}
}

// myFolders is the fake engine whose signed-in user has a folder of their
// own, "Suppliers", answered once gate is closed (nil: at once).
type myFolders struct {
	*fakeEngine
	gate chan struct{}
}

func (e *myFolders) ContactFoldersOf(_ context.Context, owner string) ([]graphapi.ContactFolder, error) {
	if owner != "" {
		return nil, nil
	}
	if e.gate != nil {
		<-e.gate
	}
	return []graphapi.ContactFolder{{ID: "f1", DisplayName: "Suppliers"}}, nil
}

// Someone's contacts before anyone is named offers no folders: not the
// signed-in user's, whether they were loaded before (My contacts picked
// first) or arrive late.
func TestSomeonesContactsDoNotShowMyFolders(t *testing.T) {
	for _, late := range []bool{false, true} {
		t.Run(map[bool]string{false: "loaded before", true: "arriving late"}[late], func(t *testing.T) {
			eng := &myFolders{fakeEngine: newFakeEngine(5)}
			if late {
				eng.gate = make(chan struct{})
			}
			a := test.NewTempApp(t)
			h := &harness{t: t, a: a, q: newUIQueue(), clip: &fakeClipboard{}}
			h.m = newTestMainWindow(a, eng, h.q.do, h.clip, nil, h.dialogs.add)
			t.Cleanup(func() { h.m.photos.Stop(); h.waitIdle(); h.m.w.Close() })
			h.waitResults()
			s := h.m.sidebar
			s.kind.SetSelected(kindContacts)
			if !late {
				h.waitFor("my folders", func() bool { return slices.Contains(s.folder.Options, "Suppliers") })
			}
			s.kind.SetSelected(kindOthersContacts)
			if late {
				close(eng.gate)
			}
			h.waitIdle()
			if !slices.Equal(s.folder.Options, []string{defaultContacts}) {
				t.Errorf("Someone's contacts, nobody named, offers folders %v", s.folder.Options)
			}
		})
	}
}

// mailboxesByUPN is the fake engine whose mailboxes open by UPN only, as
// Graph's /users/{id|userPrincipalName} does, and which records whose
// folders and contacts were asked for.
type mailboxesByUPN struct {
	*fakeEngine
	asked []string // owners whose contacts were listed, in order
}

func (e *mailboxesByUPN) ContactFoldersOf(_ context.Context, owner string) ([]graphapi.ContactFolder, error) {
	for _, p := range e.people {
		if strings.EqualFold(p.UPN, owner) {
			return []graphapi.ContactFolder{{ID: "f-" + p.ID, DisplayName: "Folder of " + p.DisplayName}}, nil
		}
	}
	return nil, errNotInFake
}

func (e *mailboxesByUPN) SearchContactsOf(owner, folderID, query string) *app.SearchPager {
	e.asked = append(e.asked, owner)
	return e.fakeEngine.SearchContactsOf(owner, folderID, query)
}

// Whose contacts typed as a mail address that is not the person's UPN
// (many people's mail differs from theirs): their mailbox opens, the field
// shows the UPN, rather than "Not found: no such user".
func TestSomeonesContactsByMail(t *testing.T) {
	f := newFakeEngine(3)
	f.people[1].Mail = "ann@fabrikam.example"
	eng := &mailboxesByUPN{fakeEngine: f}
	a := test.NewTempApp(t)
	h := &harness{t: t, a: a, q: newUIQueue(), clip: &fakeClipboard{}}
	h.m = newTestMainWindow(a, eng, h.q.do, h.clip, nil, h.dialogs.add)
	t.Cleanup(func() { h.m.photos.Stop(); h.waitIdle(); h.m.w.Close() })
	h.waitResults()
	h.waitIdle()
	h.openMailbox("ann@fabrikam.example")
	s := h.m.sidebar
	h.waitFor("the mailbox opened by mail", func() bool {
		return s.foldsOf == f.people[1].UPN && slices.Contains(s.folder.Options, "Folder of "+f.people[1].DisplayName)
	})
	h.waitIdle()
	if s.owner.Text != f.people[1].UPN {
		t.Errorf("whose contacts reads %q, want the UPN opened, %q", s.owner.Text, f.people[1].UPN)
	}
	if got := eng.asked[len(eng.asked)-1]; got != f.people[1].UPN {
		t.Errorf("contacts listed of %q, want %q", got, f.people[1].UPN)
	}
	if strings.Contains(s.note.Text, "Not found") {
		t.Errorf("note %q", s.note.Text)
	}

	// No one's mail either: that is said of the address typed
	// (TestSomeonesContactsOfNoOneSaysWhom).
	s.owner.SetText("")
	h.openMailbox("nobody@fabrikam.example")
	h.waitFor("a not-found note", func() bool { return strings.Contains(s.note.Text, "No one in this tenant has") })
}

// Someone's contacts of a user without an Exchange mailbox (Graph's 404
// MailboxNotEnabledForRESTAPI) says so: it used to say "Not found: no such
// user, group or contact in this tenant (it may have been deleted)" of a
// person who is there.
func TestSomeonesContactsWithoutMailboxSaySo(t *testing.T) {
	h := newHarnessWith(t, harnessOptions{scopes: []string{"User.ReadBasic.All", "Contacts.Read", "Contacts.Read.Shared"}})
	h.waitResults()
	h.openMailbox(h.tenant.Dir.Examples().NoMailbox.UserPrincipalName)
	h.waitFor("a note", func() bool {
		return h.m.sidebar.note.Text != "" && !strings.HasPrefix(h.m.sidebar.note.Text, "Looking up")
	})
	h.waitIdle()
	if note := h.m.sidebar.note.Text; !strings.Contains(note, "no Exchange Online mailbox") || strings.Contains(note, "Not found") {
		t.Errorf("note %q, want it to say the person has no mailbox", note)
	}
}

// Whose contacts typed as an address no one in the tenant has (a typo)
// says so of that address and what to check: it said "Not found: no such
// user, group or contact in this tenant (it may have been deleted)", of a
// mailbox typed by a person, which is no group or contact.
func TestSomeonesContactsOfNoOneSaysWhom(t *testing.T) {
	h := newHarnessWith(t, harnessOptions{scopes: []string{"User.ReadBasic.All", "Contacts.Read", "Contacts.Read.Shared"}})
	h.waitResults()
	const typo = "adele.vanse@contoso.onmicrosoft.com"
	h.openMailbox(typo)
	h.waitFor("a note", func() bool {
		return h.m.sidebar.note.Text != "" && !strings.HasPrefix(h.m.sidebar.note.Text, "Looking up")
	})
	h.waitIdle()
	note := h.m.sidebar.note.Text
	if !strings.Contains(note, typo) || !strings.Contains(note, "No one in this tenant") || !strings.Contains(note, "spell") {
		t.Errorf("note %q, want it to say no one has %s and to check the spelling", note, typo)
	}
	if strings.Contains(note, "group or contact") {
		t.Errorf("note %q speaks of groups and contacts for a mailbox typed", note)
	}
}

// A mailbox (or folder) with no contacts says so: it said "Nobody here
// yet.", as if the list were still coming.
func TestEmptyContactListSaysSo(t *testing.T) {
	h := newHarnessWith(t, harnessOptions{scopes: []string{"User.ReadBasic.All", "Contacts.Read", "Contacts.Read.Shared"}})
	h.waitResults()
	h.openMailbox(h.tenant.Dir.Examples().Guest.UserPrincipalName) // the default seed gives Jane no contacts
	h.waitFor("a note", func() bool {
		s := h.m.sidebar
		return s.note.Text != "" && !strings.HasPrefix(s.note.Text, "Looking up") && !s.loading
	})
	h.waitIdle()
	s := h.m.sidebar
	if len(s.results) != 0 {
		t.Fatalf("Jane Doe has %d contacts with the default seed: pick a mailbox without any", len(s.results))
	}
	if note := s.note.Text; note != "No contacts in this folder." {
		t.Errorf("note %q for a mailbox without contacts, want it said plainly", note)
	}
}
