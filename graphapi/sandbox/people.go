package sandbox

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// Examples names one subject for every photo variant and group shape, so
// tests, benchmarks and the README can point at them without searching.
type Examples struct {
	// Helpdesk is the demo account (helpdesk@contoso.onmicrosoft.com) whose
	// delegated token DemoToken returns; /me resolves to it. It holds the
	// User Administrator role, so it may change other people's photos.
	Helpdesk *User
	// Frontdesk is a second demo account (frontdesk@contoso.onmicrosoft.com,
	// "Frontdesk Demo") with no directory role and no photo: it may change
	// its own photo but not anyone else's. It is the last user, in no group.
	Frontdesk *User
	// FullHD has all nine HD sizes (JPEG).
	FullHD *User
	// UpTo240 uploaded 240x240: 360x360 and above answer 404.
	UpTo240 *User
	// UpTo504 uploaded 504x504: only 648x648 answers 404.
	UpTo504 *User
	// EntraOnly has one 400x300 "image/Jpeg" photo with id "default".
	EntraOnly *User
	// PNG has nine PNG sizes with transparency.
	PNG *User
	// Guest has a #EXT# UPN (jane_fabrikam.com#EXT#@contoso.onmicrosoft.com)
	// and an HD photo.
	Guest *User
	// NoPhoto answers 404 ImageNotFound on /photo and /photo/$value.
	NoPhoto *User
	// LegacyNoPhoto answers 404 ErrorItemNotFound.
	LegacyNoPhoto *User
	// GIF1x1 answers the 1x1 image/gif placeholder with an empty mediaEtag.
	GIF1x1 *User
	// Consumer is alex.consumer@outlook.com, a personal account: its /me
	// photo metadata answers 404 ConsumerPhotoIsNotSupported, bytes work,
	// and so do its contacts' photos.
	Consumer *User

	// Historic answers, each from a person of its own (in no group; like
	// Frontdesk they come on top of the generated people).
	//
	// TextPlainSize (miriam.graham) uploaded 240x240; 360x360 and up
	// answer the old text/plain 404 with no JSON.
	TextPlainSize *User
	// GetUserPhoto (johanna.lorenz) has no photo and answers the old 404
	// code GetUserPhoto "The photo wasn't found.".
	GetUserPhoto *User
	// NoMailbox (patti.fernandez) has no Exchange mailbox: every photo
	// read, and a DELETE, answers 400 AuthenticationError "Error
	// authenticating with resource"; uploads up to ~100 KB are taken, with
	// no effect on reads, larger ones get a bare 404.
	NoMailbox *User
	// DollarUPN ($kiosk.lobby) has a UPN that starts with "$" and an HD
	// photo: /users/$kiosk.lobby@… answers 400, as Graph reads a "$"
	// segment as its own; users('$kiosk.lobby@…') finds it.
	DollarUPN *User
	// ContactsNotShared (nestor.wilke, also NoPhoto) shared no contact
	// folder: another signed-in user's Contacts.Read.Shared gets 403.
	ContactsNotShared *User

	// Sales is a department group with a photo. Every department group
	// has a team (Group.Team), photos included; All Company, New Hires
	// and Interns have none.
	Sales *Group
	// NewHires has no photo and a nested group (Interns) among its members.
	NewHires *Group
	// Interns is nested in NewHires and has a photo uploaded up to 240.
	Interns *Group
	// AllCompany has min(Users, 1000) members: 1,000 once Users >= 1000.
	AllCompany *Group
	// GroupNoPhoto is a group answering 404 ImageNotFound.
	GroupNoPhoto *Group

	// ContactWithPhoto and ContactNoPhoto are in Helpdesk's default
	// contacts folder (/me/contacts).
	ContactWithPhoto *Contact
	ContactNoPhoto   *Contact
	// Folder is Helpdesk's "Suppliers" contact folder and FolderContact a
	// contact with a photo inside it.
	Folder        *ContactFolder
	FolderContact *Contact
	// NestedFolder is "EMEA", a folder inside Suppliers that only
	// /contactFolders/{Suppliers}/childFolders lists, and NestedContact a
	// contact with a photo inside it.
	NestedFolder  *ContactFolder
	NestedContact *Contact
}

// exampleUser is a fixed person added before the generated ones.
type exampleUser struct {
	slot                *(*User)
	given, surname, upn string
	mail, title, dept   string
	kind                PhotoKind
	guest, personal     bool
}

func (d *Directory) addExamples(rng *rand.Rand) {
	ex := &d.examples
	fixed := []exampleUser{
		{slot: &ex.Helpdesk, given: "Helpdesk", surname: "Demo", upn: "helpdesk", title: "Helpdesk Technician", dept: "IT", kind: PhotoHD},
		{slot: &ex.FullHD, given: "Adele", surname: "Vance", title: "Retail Manager", dept: "Sales", kind: PhotoHD},
		{slot: &ex.UpTo240, given: "Megan", surname: "Bowen", title: "Marketing Manager", dept: "Marketing", kind: PhotoUpTo240},
		{slot: &ex.UpTo504, given: "Diego", surname: "Siciliani", title: "HR Manager", dept: "Human Resources", kind: PhotoUpTo504},
		{slot: &ex.EntraOnly, given: "Lynne", surname: "Robbins", title: "Planner", dept: "Operations", kind: PhotoEntraOnly},
		{slot: &ex.PNG, given: "Isaiah", surname: "Langer", title: "Sales Representative", dept: "Sales", kind: PhotoPNG},
		{
			slot: &ex.Guest, given: "Jane", surname: "Doe", upn: "jane_fabrikam.com#EXT#", mail: "jane@fabrikam.com",
			title: "Consultant", kind: PhotoHD, guest: true,
		},
		{slot: &ex.NoPhoto, given: "Nestor", surname: "Wilke", title: "Director", dept: "Operations", kind: PhotoNone},
		{slot: &ex.LegacyNoPhoto, given: "Grady", surname: "Archie", title: "Designer", dept: "Research", kind: PhotoLegacyMissing},
		{slot: &ex.GIF1x1, given: "Henrietta", surname: "Mueller", title: "Developer", dept: "Engineering", kind: PhotoGIF1x1},
		{
			slot: &ex.Consumer, given: "Alex", surname: "Consumer", upn: "alex.consumer@outlook.com",
			mail: "alex.consumer@outlook.com", kind: PhotoConsumer, personal: true,
		},
	}
	for _, f := range fixed {
		u := &User{
			ID: newGUID(rng), GivenName: f.given, Surname: f.surname, JobTitle: f.title,
			Department: f.dept, Photo: f.kind, Personal: f.personal,
		}
		u.DisplayName = f.given + " " + f.surname
		if f.upn == "helpdesk" {
			u.DisplayName = "Helpdesk Demo"
		}
		switch {
		case f.personal:
			u.ID = "00000000-0000-0000-" + u.ID[19:]
			u.UserPrincipalName = f.upn
		case f.upn != "":
			u.UserPrincipalName = f.upn + "@" + Domain
		default:
			u.UserPrincipalName = strings.ToLower(f.given+"."+f.surname) + "@" + Domain
		}
		u.Mail = f.mail
		if u.Mail == "" {
			u.Mail = u.UserPrincipalName
		}
		if f.guest {
			u.UserType = "Guest"
		}
		if !f.personal && !f.guest {
			d.addContactDetails(rng, u)
		}
		if f.upn == "helpdesk" {
			u.Roles = []string{roleUserAdministrator}
		}
		d.addUser(u)
		*f.slot = u
	}
}

// addFrontdesk adds the Frontdesk example after every generated person and
// group, drawing from its own rng.
func (d *Directory) addFrontdesk(rng *rand.Rand) {
	u := &User{
		ID: newGUID(rng), GivenName: "Frontdesk", Surname: "Demo", DisplayName: identity.FrontdeskDisplayName,
		UserPrincipalName: identity.FrontdeskUPN, Mail: identity.FrontdeskUPN,
		JobTitle: "Receptionist", Department: "Operations", Photo: PhotoNone,
	}
	d.addContactDetails(rng, u)
	d.addUser(u)
	d.examples.Frontdesk = u
}

// addHistoric adds the people who answer like older tenants, drawing from
// their own rng after the generated people and groups, so those stay what
// they were without them.
func (d *Directory) addHistoric(rng *rand.Rand) {
	ex := &d.examples
	for _, f := range []exampleUser{
		{slot: &ex.TextPlainSize, given: "Miriam", surname: "Graham", title: "Director", dept: "Sales", kind: PhotoTextPlainSize},
		{slot: &ex.GetUserPhoto, given: "Johanna", surname: "Lorenz", title: "Senior Engineer", dept: "Engineering", kind: PhotoGetUserPhoto},
		{slot: &ex.NoMailbox, given: "Patti", surname: "Fernandez", title: "President", dept: "Executive Management", kind: PhotoNoMailbox},
		{slot: &ex.DollarUPN, given: "Kiosk", surname: "Lobby", upn: "$kiosk.lobby", title: "Shared Device", dept: "Operations", kind: PhotoHD},
	} {
		u := &User{
			ID: newGUID(rng), GivenName: f.given, Surname: f.surname, DisplayName: f.given + " " + f.surname,
			JobTitle: f.title, Department: f.dept, Photo: f.kind,
		}
		u.UserPrincipalName = strings.ToLower(f.given+"."+f.surname) + "@" + Domain
		if f.upn != "" {
			u.UserPrincipalName = f.upn + "@" + Domain
		}
		u.Mail = u.UserPrincipalName
		d.addContactDetails(rng, u)
		d.addUser(u)
		*f.slot = u
	}
	ex.ContactsNotShared = ex.NoPhoto
	ex.NoPhoto.ContactsNotShared = true
}

// addGeneratedUsers fills the tenant up to total members with seeded people.
func (d *Directory) addGeneratedUsers(rng *rand.Rand, total int) {
	taken := make(map[string]int, total)
	for _, u := range d.users {
		taken[u.UserPrincipalName] = 1
	}
	for len(d.users) < total {
		given := firstNames[rng.IntN(len(firstNames))]
		surname := lastNames[rng.IntN(len(lastNames))]
		u := &User{ID: newGUID(rng), GivenName: given, Surname: surname, DisplayName: given + " " + surname}
		dept := departments[rng.IntN(len(departments))]
		u.Photo = randomPhotoKind(rng)
		local := strings.ToLower(given + "." + surname)
		if rng.IntN(100) < 4 {
			p := partnerCompanies[rng.IntN(len(partnerCompanies))]
			u.UserType = "Guest"
			u.Mail = local + "@" + p.domain
			u.JobTitle = contactTitles[rng.IntN(len(contactTitles))]
			local = local + "_" + p.domain + "#EXT#"
		} else {
			u.Department = dept.name
			u.JobTitle = dept.titles[rng.IntN(len(dept.titles))]
			d.addContactDetails(rng, u)
		}
		upn := local + "@" + Domain
		if n := taken[upn]; n > 0 {
			taken[upn] = n + 1
			upn = fmt.Sprintf("%s%d@%s", local, n+1, Domain)
		}
		taken[upn] = 1
		u.UserPrincipalName = upn
		if u.Mail == "" {
			u.Mail = upn
		}
		d.addUser(u)
	}
}

// addContactDetails gives a member an office and phone numbers.
func (d *Directory) addContactDetails(rng *rand.Rand, u *User) {
	u.OfficeLocation = offices[rng.IntN(len(offices))]
	u.BusinessPhones = []string{fmt.Sprintf("+1 425 555 %04d", rng.IntN(10000))}
	if rng.IntN(2) == 0 {
		u.MobilePhone = fmt.Sprintf("+1 206 555 %04d", rng.IntN(10000))
	}
}

// randomPhotoKind weights the variants roughly as a real tenant mixes them.
func randomPhotoKind(rng *rand.Rand) PhotoKind {
	switch r := rng.IntN(100); {
	case r < 58:
		return PhotoHD
	case r < 68:
		return PhotoUpTo240
	case r < 73:
		return PhotoUpTo504
	case r < 77:
		return PhotoEntraOnly
	case r < 81:
		return PhotoPNG
	case r < 93:
		return PhotoNone
	default:
		return PhotoLegacyMissing
	}
}

// largeGroupSize is the member count of AllCompany in big tenants.
const largeGroupSize = 1000

func (d *Directory) addGroups(rng *rand.Rand) {
	ex := &d.examples
	newGroup := func(name, nick, desc string, kind PhotoKind) *Group {
		g := &Group{ID: newGUID(rng), DisplayName: name, Description: desc, Photo: kind}
		g.Mail = nick + "@" + Domain
		d.addGroup(g)
		return g
	}
	ex.AllCompany = newGroup("All Company", "allcompany", "Everyone at Contoso (first 1,000 accounts).", PhotoHD)
	for _, u := range d.users[:min(len(d.users), largeGroupSize)] {
		ex.AllCompany.Members = append(ex.AllCompany.Members, Member{User: u})
	}
	ex.NewHires = newGroup("New Hires", "newhires", "People who joined in the last 90 days.", PhotoNone)
	ex.GroupNoPhoto = ex.NewHires
	ex.Interns = newGroup("Interns", "interns", "This year's interns.", PhotoUpTo240)
	byDept := make(map[string]*Group, len(departments))
	for i, dept := range departments {
		kind := PhotoHD
		switch i % 3 {
		case 1:
			kind = PhotoNone
		case 2:
			kind = PhotoPNG
		}
		nick := strings.ToLower(strings.ReplaceAll(dept.name, " ", ""))
		byDept[dept.name] = newGroup(dept.name, nick, "The "+dept.name+" department.", kind)
		byDept[dept.name].Team = true
	}
	ex.Sales = byDept["Sales"]
	for _, u := range d.users {
		if g := byDept[u.Department]; g != nil {
			g.Members = append(g.Members, Member{User: u})
		}
	}
	// The newest accounts are the new hires; a handful of them are interns.
	recent := d.users[max(len(d.examples.fixedUsers()), len(d.users)-15):]
	for i, u := range recent {
		if i%3 == 2 {
			ex.Interns.Members = append(ex.Interns.Members, Member{User: u})
			continue
		}
		ex.NewHires.Members = append(ex.NewHires.Members, Member{User: u})
	}
	ex.NewHires.Members = append(ex.NewHires.Members, Member{User: ex.NoPhoto}, Member{User: ex.FullHD}, Member{Group: ex.Interns})
}

// fixedUsers lists the tenant members among the examples.
func (e *Examples) fixedUsers() []*User {
	return []*User{
		e.Helpdesk, e.FullHD, e.UpTo240, e.UpTo504, e.EntraOnly, e.PNG,
		e.Guest, e.NoPhoto, e.LegacyNoPhoto, e.GIF1x1,
	}
}
