package sandbox

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

var reGUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestDirectoryIsDeterministic(t *testing.T) {
	a, b, c := NewDirectory(7, 300), NewDirectory(7, 300), NewDirectory(8, 300)
	if a.TenantID() != b.TenantID() || a.TenantID() == c.TenantID() {
		t.Errorf("tenant ids %s %s %s", a.TenantID(), b.TenantID(), c.TenantID())
	}
	same := 0
	for i, u := range a.Users() {
		v, w := b.Users()[i], c.Users()[i]
		if u.ID != v.ID || u.UserPrincipalName != v.UserPrincipalName || u.Photo != v.Photo || u.JobTitle != v.JobTitle {
			t.Fatalf("user %d differs between two directories of seed 7: %+v vs %+v", i, u, v)
		}
		if u.UserPrincipalName == w.UserPrincipalName {
			same++
		}
	}
	if same > 20 { // the fixed examples share UPNs, generated people should not
		t.Errorf("seeds 7 and 8 share %d UPNs", same)
	}
	for i, g := range a.Groups() {
		if g.ID != b.Groups()[i].ID || len(g.Members) != len(b.Groups()[i].Members) {
			t.Fatalf("group %d differs", i)
		}
	}
	ca, cb := a.Contacts(a.Users()[40].ID), b.Contacts(b.Users()[40].ID)
	if len(ca) != len(cb) || len(ca) > 0 && ca[0].ID != cb[0].ID {
		t.Error("contacts differ for the same seed")
	}
	id := a.Examples().PNG.ID
	pa, _ := a.PhotoBytes(id, 96)
	pb, _ := b.PhotoBytes(id, 96)
	if !bytes.Equal(pa, pb) {
		t.Error("photo bytes differ for the same seed")
	}
}

func TestDirectoryPeople(t *testing.T) {
	d := NewDirectory(1, 1200)
	if n := len(d.Users()); n != 1200+onTop {
		t.Fatalf("%d users, want 1200, the historic people and Frontdesk", n)
	}
	reUPN := regexp.MustCompile(`^\$?[a-z]+\.[a-z]+[0-9]*@contoso\.onmicrosoft\.com$`) // $: DollarUPN
	reGuest := regexp.MustCompile(`^[a-z]+(\.[a-z]+)?_[a-z.-]+#EXT#@contoso\.onmicrosoft\.com$`)
	seen := map[string]bool{}
	kinds := map[PhotoKind]int{}
	guests := 0
	for _, u := range d.Users() {
		key := strings.ToLower(u.UserPrincipalName)
		if seen[key] || seen[u.ID] {
			t.Fatalf("duplicate user %s", u.UserPrincipalName)
		}
		seen[key], seen[u.ID] = true, true
		if !reGUID.MatchString(u.ID) {
			t.Errorf("id %q is not a GUID", u.ID)
		}
		switch {
		case u.UserType == "Guest":
			guests++
			if !reGuest.MatchString(u.UserPrincipalName) {
				t.Errorf("guest UPN %q", u.UserPrincipalName)
			}
		case u.UserPrincipalName == "helpdesk@contoso.onmicrosoft.com", u.UserPrincipalName == "frontdesk@contoso.onmicrosoft.com":
		case !reUPN.MatchString(u.UserPrincipalName):
			t.Errorf("member UPN %q", u.UserPrincipalName)
		}
		if u.DisplayName == "" || u.JobTitle == "" && u.UserType != "Guest" {
			t.Errorf("user without name or title: %+v", u)
		}
		kinds[u.Photo]++
	}
	if guests < 10 {
		t.Errorf("only %d guests", guests)
	}
	for _, k := range []PhotoKind{PhotoHD, PhotoUpTo240, PhotoUpTo504, PhotoEntraOnly, PhotoPNG, PhotoNone, PhotoLegacyMissing} {
		if kinds[k] < 10 {
			t.Errorf("only %d users of kind %s", kinds[k], k)
		}
	}
	if kinds[PhotoGIF1x1] != 1 {
		t.Errorf("%d users with the gif placeholder, want exactly the example", kinds[PhotoGIF1x1])
	}
	ex := d.Examples()
	if n := len(ex.AllCompany.Members); n != 1000 {
		t.Errorf("All Company has %d members, want 1000", n)
	}
	if n := len(NewDirectory(1, 300).Examples().AllCompany.Members); n != 300 {
		t.Errorf("All Company of a 300-user tenant has %d members", n)
	}
	for _, g := range d.Groups() {
		if g.DisplayName == "Sales" && g != ex.Sales {
			t.Error("Sales example is not the Sales group")
		}
	}
	if ex.NewHires.DisplayName != "New Hires" || ex.Sales.Photo == PhotoNone || ex.NewHires.Photo != PhotoNone {
		t.Errorf("New Hires %+v / Sales %+v", ex.NewHires, ex.Sales)
	}
	nested := false
	for _, m := range ex.NewHires.Members {
		nested = nested || m.Group == ex.Interns
	}
	if !nested {
		t.Error("Interns is not nested in New Hires")
	}
}

func TestExamples(t *testing.T) {
	d := NewDirectory(1, 10)
	ex := d.Examples()
	if len(d.Users()) != 10+onTop {
		t.Errorf("a tiny tenant has %d users, want the 10 fixed examples, the historic people and Frontdesk", len(d.Users()))
	}
	want := []struct {
		u    *User
		upn  string
		kind PhotoKind
	}{
		{ex.Helpdesk, "helpdesk@contoso.onmicrosoft.com", PhotoHD},
		{ex.FullHD, "adele.vance@contoso.onmicrosoft.com", PhotoHD},
		{ex.UpTo240, "megan.bowen@contoso.onmicrosoft.com", PhotoUpTo240},
		{ex.UpTo504, "diego.siciliani@contoso.onmicrosoft.com", PhotoUpTo504},
		{ex.EntraOnly, "lynne.robbins@contoso.onmicrosoft.com", PhotoEntraOnly},
		{ex.PNG, "isaiah.langer@contoso.onmicrosoft.com", PhotoPNG},
		{ex.Guest, "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com", PhotoHD},
		{ex.NoPhoto, "nestor.wilke@contoso.onmicrosoft.com", PhotoNone},
		{ex.LegacyNoPhoto, "grady.archie@contoso.onmicrosoft.com", PhotoLegacyMissing},
		{ex.GIF1x1, "henrietta.mueller@contoso.onmicrosoft.com", PhotoGIF1x1},
		{ex.Consumer, "alex.consumer@outlook.com", PhotoConsumer},
		{ex.Frontdesk, "frontdesk@contoso.onmicrosoft.com", PhotoNone},
	}
	for _, w := range want {
		if w.u.UserPrincipalName != w.upn || w.u.Photo != w.kind {
			t.Errorf("example %s (%s), want %s (%s)", w.u.UserPrincipalName, w.u.Photo, w.upn, w.kind)
		}
	}
	if ex.Helpdesk.DisplayName != "Helpdesk Demo" || ex.Guest.UserType != "Guest" || !ex.Consumer.Personal {
		t.Error("helpdesk, guest or consumer misdescribed")
	}
	if _, ok := d.User("ALEX.CONSUMER@outlook.com"); ok {
		t.Error("the personal account is a tenant user")
	}
	if u, ok := d.Account("ALEX.CONSUMER@outlook.com"); !ok || u != ex.Consumer {
		t.Error("the personal account cannot sign in")
	}
	if u, ok := d.User(strings.ToUpper(ex.FullHD.ID)); !ok || u != ex.FullHD {
		t.Error("user ids are not case-insensitive")
	}
	if ex.ContactWithPhoto.Photo != PhotoContact || ex.ContactNoPhoto.Photo != PhotoNone || ex.FolderContact.ParentFolderID != ex.Folder.ID {
		t.Error("contact examples misdescribed")
	}
	if ex.Folder.DisplayName != "Suppliers" || len(d.ContactFolders(ex.Helpdesk.ID)) != 2 {
		t.Error("helpdesk folders")
	}
	if d.Contacts("nobody") != nil || d.ContactFolders("nobody") != nil {
		t.Error("an unknown user has contacts")
	}
	info, ok := d.PhotoInfo(ex.EntraOnly.ID, 0)
	if !ok || info.ID != "default" || info.Width != 400 || info.Height != 300 || info.ContentType != "image/Jpeg" || !reMediaEtag.MatchString(info.ETag) {
		t.Errorf("entra-only info %+v", info)
	}
	if _, ok := d.PhotoInfo(ex.UpTo240.ID, 360); ok {
		t.Error("a 240 upload has a 360 photo")
	}
	if _, ok := d.PhotoInfo("unknown", 0); ok {
		t.Error("an unknown subject has a photo")
	}
	for k := PhotoNone; k <= PhotoNoMailbox; k++ {
		if k.String() == "unknown" {
			t.Errorf("kind %d has no name", k)
		}
	}
}

func TestInitials(t *testing.T) {
	for in, want := range map[string]string{"Adele Vance": "AV", "Helpdesk Demo": "HD", "Sales": "S", "Jean-Luc de la Cruz": "JC", "": ""} {
		if got := initials(in); got != want {
			t.Errorf("initials(%q) = %q, want %q", in, got, want)
		}
	}
}
