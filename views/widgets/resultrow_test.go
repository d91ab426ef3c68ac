package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
)

// In a narrow sidebar the job title gives way before the UPN does: the UPN
// is what a helpdesk looks people up by.
func TestResultRowKeepsTheUPNWhole(t *testing.T) {
	test.NewTempApp(t)
	r := NewResultRow()
	w := test.NewTempWindow(t, r)
	p := app.Person{DisplayName: "Adele Vance", UPN: "adele.vance@contoso.onmicrosoft.com", JobTitle: "Retail Manager"}
	r.Set(p, nil)
	upn := naturalWidth(r.secondary)

	w.Resize(fyne.NewSize(AvatarSide+upn+200, 80))
	if r.secondary.Size().Width < upn || !r.jobTitle.Visible() {
		t.Errorf("wide row: UPN %v of %v wide, job title shown %v; want both whole", r.secondary.Size().Width, upn, r.jobTitle.Visible())
	}
	w.Resize(fyne.NewSize(AvatarSide+upn+24, 80))
	if r.secondary.Size().Width < upn || r.jobTitle.Visible() {
		t.Errorf("narrow row: UPN %v of %v wide, job title shown %v; want the UPN whole, no title", r.secondary.Size().Width, upn, r.jobTitle.Visible())
	}
}

// A guest is marked as one, since a guest's photo is their home tenant's,
// and shown by their own mail rather than the #EXT# UPN made for them.
func TestResultRowMarksGuests(t *testing.T) {
	test.NewTempApp(t)
	r := NewResultRow()
	r.Set(app.Person{Kind: app.KindUser, DisplayName: "Jane Doe", UPN: "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com", Mail: "jane@fabrikam.com"}, nil)
	if r.Name() != "Jane Doe"+GuestMark || r.Address() != "jane@fabrikam.com" {
		t.Errorf("guest row = %q, %q", r.Name(), r.Address())
	}
	r.Set(app.Person{Kind: app.KindUser, DisplayName: "Adele Vance", UPN: "adele.vance@contoso.onmicrosoft.com", Mail: "adele@contoso.com"}, nil)
	if r.Name() != "Adele Vance" || r.Address() != "adele.vance@contoso.onmicrosoft.com" {
		t.Errorf("member row = %q, %q", r.Name(), r.Address())
	}
}

// A contact with no name is listed by its address, not as a blank line.
func TestResultRowNamesAnUnnamedContact(t *testing.T) {
	test.NewTempApp(t)
	r := NewResultRow()
	r.Set(app.Person{Kind: app.KindContact, ID: "c1", Mail: "orders@fabrikam.com"}, nil)
	if r.Name() != "orders@fabrikam.com" {
		t.Errorf("unnamed contact's row is called %q", r.Name())
	}
}
