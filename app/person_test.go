package app

import (
	"testing"

	"github.com/photodesk/photodesk/graphapi"
)

func TestInitials(t *testing.T) {
	tests := []struct {
		p    Person
		want string
	}{
		{Person{DisplayName: "Ann Barker"}, "AB"},
		{Person{DisplayName: "ann barker"}, "AB"},
		{Person{DisplayName: "Ann Maria Barker"}, "AB"},
		{Person{DisplayName: "Cher"}, "C"},
		{Person{DisplayName: "  "}, "?"},
		{Person{}, "?"},
		{Person{UPN: "ann.barker@contoso.com"}, "AB"},
		{Person{DisplayName: "Émile Zola"}, "ÉZ"},
		{Person{DisplayName: "Sales (EMEA)"}, "S"},
	}
	for _, tt := range tests {
		if got := tt.p.Initials(); got != tt.want {
			t.Errorf("Initials(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestSecondaryAndFileStem(t *testing.T) {
	u := PersonFromUser(graphapi.UserInfo{ID: "1", DisplayName: "Jane", UserPrincipalName: "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com", Mail: "jane@fabrikam.com"})
	if u.Secondary() != u.UPN {
		t.Errorf("Secondary = %q", u.Secondary())
	}
	if u.Address() != "jane@fabrikam.com" {
		t.Errorf("guest Address = %q, want the guest's own mail", u.Address())
	}
	if got := u.FileStem(); got != "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com" {
		t.Errorf("FileStem = %q", got)
	}
	g := PersonFromGroup(graphapi.GroupInfo{ID: "g1", DisplayName: "Sales: EMEA/West", Mail: "sales@contoso.com"})
	if g.Secondary() != "sales@contoso.com" || g.Address() != g.Secondary() || g.Kind != KindGroup || g.Subject != graphapi.Group("g1") {
		t.Errorf("group person %+v", g)
	}
	c := PersonFromContact(graphapi.ContactInfo{ID: "c1", DisplayName: "Bob: CEO?"}, "f1")
	if c.FileStem() != "Bob_ CEO_" || c.Subject != graphapi.Contact("c1").InFolder("f1") || c.Subject.SupportsSizes() {
		t.Errorf("contact person %+v stem %q", c, c.FileStem())
	}
	if (Person{Subject: graphapi.Me()}).FileStem() != "me" {
		t.Error("me stem")
	}
}

// TestSameAs: the signed-in user as "me" and by id is one person; other
// kinds, or an unknown id, are not matched by id.
func TestSameAs(t *testing.T) {
	me := Person{Subject: graphapi.Me(), ID: "u1"}
	for _, c := range []struct {
		a, b Person
		want bool
	}{
		{me, Person{Subject: graphapi.User("u1"), ID: "u1"}, true},
		{Person{Subject: graphapi.User("u1"), ID: "u1"}, me, true},
		{me, me, true},
		{me, Person{Subject: graphapi.User("u2"), ID: "u2"}, false},
		{Person{Subject: graphapi.Me()}, Person{Subject: graphapi.User("u1")}, false},
		{Person{Subject: graphapi.Group("u1"), ID: "u1"}, me, false},
		{Person{Subject: graphapi.User("u1"), ID: "u1"}, Person{Subject: graphapi.User("u1"), ID: "u1"}, true},
	} {
		if got := c.a.SameAs(c.b); got != c.want {
			t.Errorf("%s (%q) same as %s (%q): %v, want %v", c.a.Subject, c.a.ID, c.b.Subject, c.b.ID, got, c.want)
		}
	}
}

// A contact saved without a display name (Outlook allows it) is called by
// its address, or "(no name)", never by nothing: its title and "No photo
// has been uploaded for ." read blank.
func TestName(t *testing.T) {
	for _, c := range []struct {
		p    Person
		want string
	}{
		{Person{DisplayName: "Ann Barker", Mail: "ann@contoso.com"}, "Ann Barker"},
		{Person{Kind: KindContact, DisplayName: "  ", Mail: "supplier@fabrikam.com"}, "supplier@fabrikam.com"},
		{Person{Kind: KindContact}, "(no name)"},
	} {
		if got := c.p.Name(); got != c.want {
			t.Errorf("%+v: Name() = %q, want %q", c.p, got, c.want)
		}
	}
}
