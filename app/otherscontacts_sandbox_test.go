package app

import (
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// TestOthersContacts: with Contacts.Read.Shared the engine lists another
// user's folders and contacts and shows their photos; with Contacts.Read
// alone Graph's 403 is explained in a helpdesk person's words.
func TestOthersContacts(t *testing.T) {
	tn := startTenant(t, sandbox.Options{Users: 20})
	adele := tn.ex.FullHD.UserPrincipalName
	tok, err := tn.UserToken(identity.DemoUPN, "Contacts.Read.Shared")
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(Config{Client: tn.Client(tok, quickRetry), Now: tn.clock.Now})
	if _, err := e.ContactFoldersOf(t.Context(), adele); err != nil {
		t.Fatalf("folders: %v", err)
	}
	people, err := e.SearchContactsOf(adele, "", "").Next(t.Context())
	if err != nil || len(people) == 0 {
		t.Fatalf("contacts: %v, %v", people, err)
	}
	shown := 0
	for _, p := range people {
		r, err := e.Photo(t.Context(), p, graphapi.SizeLargest)
		if err != nil {
			t.Fatalf("%s: %v", p.DisplayName, err)
		}
		if !r.NoPhoto {
			shown++
			if !strings.Contains(r.URL, "/users/") {
				t.Errorf("photo read at %s, want Adele's mailbox", r.URL)
			}
		}
	}
	want := 0
	for _, c := range tn.Dir.Contacts(tn.ex.FullHD.ID) {
		if c.ParentFolderID == tn.Dir.Contacts(tn.ex.FullHD.ID)[0].ParentFolderID && c.Photo == sandbox.PhotoContact {
			want++
		}
	}
	if shown != want {
		t.Errorf("%d contact photos shown, want %d", shown, want)
	}

	own, err := tn.UserToken(identity.DemoUPN, "Contacts.Read")
	if err != nil {
		t.Fatal(err)
	}
	e = NewEngine(Config{Client: tn.Client(own, quickRetry), Now: tn.clock.Now})
	_, err = e.ContactFoldersOf(t.Context(), adele)
	if !graphapi.IsForbidden(err) || !strings.Contains(Friendly(err), "shared their Contacts folder") {
		t.Errorf("without Contacts.Read.Shared: %v (%s)", err, Friendly(err))
	}
}
