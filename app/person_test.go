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
	if got := u.FileStem(); got != "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com" {
		t.Errorf("FileStem = %q", got)
	}
	g := PersonFromGroup(graphapi.GroupInfo{ID: "g1", DisplayName: "Sales: EMEA/West", Mail: "sales@contoso.com"})
	if g.Secondary() != "sales@contoso.com" || g.Kind != KindGroup || g.Subject != graphapi.Group("g1") {
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
