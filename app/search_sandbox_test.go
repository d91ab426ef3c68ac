package app

import (
	"slices"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// drain reads every page of a search.
func drain(t *testing.T, sp *SearchPager) []Person {
	t.Helper()
	var out []Person
	for pages := 0; !sp.Done(); pages++ {
		if pages > 1000 {
			t.Fatal("pager never ends")
		}
		items, err := sp.Next(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, items...)
	}
	return out
}

func ids(people []Person) []string {
	var out []string
	for _, p := range people {
		out = append(out, p.ID)
	}
	return out
}

func TestSandboxSearchUsers(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	all := drain(t, tn.e.Search(KindUser, ""))
	if len(all) != len(tn.Dir.Users()) {
		t.Fatalf("listing all: %d users, directory has %d", len(all), len(tn.Dir.Users()))
	}
	seen := map[string]bool{}
	for _, p := range all {
		if seen[p.ID] {
			t.Fatalf("user %s listed twice", p.ID)
		}
		seen[p.ID] = true
		if p.Kind != KindUser || p.Subject != graphapi.User(p.ID) || p.DisplayName == "" {
			t.Fatalf("person %+v", p)
		}
		// The viewer's header gives the job title and department.
		if u, ok := tn.Dir.User(p.ID); ok && (p.JobTitle != u.JobTitle || p.Department != u.Department) {
			t.Fatalf("%s: title %q, department %q; directory says %q, %q", p.DisplayName, p.JobTitle, p.Department, u.JobTitle, u.Department)
		}
	}

	first := strings.Fields(tn.ex.FullHD.DisplayName)[0]
	found := drain(t, tn.e.Search(KindUser, strings.ToLower(first)))
	if !slices.Contains(ids(found), tn.ex.FullHD.ID) {
		t.Errorf("search %q did not find %s", first, tn.ex.FullHD.DisplayName)
	}
	for _, p := range found {
		if !strings.Contains(strings.ToLower(p.DisplayName+" "+p.Mail), strings.ToLower(first)) {
			t.Errorf("search %q found %q", first, p.DisplayName)
		}
	}
	// Quotes and stray colons do not break the query.
	if _, err := tn.e.Search(KindUser, `"`+first+`:`).Next(t.Context()); err != nil {
		t.Errorf("awkward query: %v", err)
	}
}

func TestSandboxSearchGroupsAndContacts(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	groups := drain(t, tn.e.Search(KindGroup, "sales"))
	if !slices.Contains(ids(groups), tn.ex.Sales.ID) {
		t.Errorf("groups %v lack Sales", ids(groups))
	}
	for _, g := range groups {
		if g.Kind != KindGroup || g.Subject != graphapi.Group(g.ID) {
			t.Errorf("group %+v", g)
		}
	}

	contacts := drain(t, tn.e.Search(KindContact, ""))
	if !slices.Contains(ids(contacts), tn.ex.ContactWithPhoto.ID) {
		t.Errorf("contacts lack %s", tn.ex.ContactWithPhoto.DisplayName)
	}
	word := strings.Fields(tn.ex.ContactWithPhoto.DisplayName)[0]
	matched := drain(t, tn.e.Search(KindContact, word))
	if !slices.Contains(ids(matched), tn.ex.ContactWithPhoto.ID) || len(matched) >= len(contacts) {
		t.Errorf("contact search %q: %d of %d", word, len(matched), len(contacts))
	}

	folders, err := tn.e.ContactFolders(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var folderIDs []string
	for _, f := range folders {
		folderIDs = append(folderIDs, f.ID)
	}
	if !slices.Contains(folderIDs, tn.ex.Folder.ID) {
		t.Fatalf("folders %v lack %s", folderIDs, tn.ex.Folder.ID)
	}
	inFolder := drain(t, tn.e.SearchContacts(tn.ex.Folder.ID, ""))
	if !slices.Contains(ids(inFolder), tn.ex.FolderContact.ID) {
		t.Fatalf("folder contacts %v", ids(inFolder))
	}
	// A contact found in a folder fetches its photo through the folder.
	for _, p := range inFolder {
		if p.ID == tn.ex.FolderContact.ID {
			r, err := tn.e.Photo(t.Context(), p, graphapi.SizeLargest)
			if err != nil || r.NoPhoto || !strings.Contains(strings.ToLower(r.URL), "/contactfolders/") {
				t.Fatalf("folder contact photo: %v %+v", err, r)
			}
		}
	}
}

func TestSandboxLookupAndMe(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	for _, key := range []string{tn.ex.Guest.UserPrincipalName, tn.ex.FullHD.ID, strings.ToUpper(tn.ex.FullHD.UserPrincipalName)} {
		if !LooksLikeUPNOrID(key) {
			t.Errorf("%q does not look like a UPN or id", key)
		}
		p, err := tn.e.Lookup(t.Context(), key)
		if err != nil {
			t.Fatalf("Lookup(%q): %v", key, err)
		}
		if !strings.EqualFold(p.UPN, key) && p.ID != key {
			t.Errorf("Lookup(%q) = %+v", key, p)
		}
	}
	if _, err := tn.e.Lookup(t.Context(), "nobody@contoso.onmicrosoft.com"); !graphapi.IsNotFound(err) || !strings.Contains(Friendly(err), "Not found") {
		t.Errorf("unknown user: %v", err)
	}
	me, err := tn.e.Me(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if me.ID != tn.ex.Helpdesk.ID || me.Subject != graphapi.Me() || me.Initials() != "HD" {
		t.Errorf("me %+v initials %q", me, me.Initials())
	}
	r, err := tn.e.Photo(t.Context(), *me, "48x48")
	if err != nil || r.Width != 48 || r.SuggestedFileName() != "helpdesk@contoso.onmicrosoft.com_48x48.jpg" {
		t.Fatalf("my photo: %v %+v", err, r)
	}
}
