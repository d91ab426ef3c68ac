package app

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/photodesk/photodesk/graphapi"
)

// Kind is what sort of entry a Person is; it picks the search endpoint and
// whether per-size photos exist.
type Kind int

// The kinds a user can search for.
const (
	KindUser    Kind = iota // a directory user (also the signed-in user)
	KindGroup               // a Microsoft 365 group
	KindContact             // an Outlook contact of the signed-in user
)

// String names the kind for logs and the command line.
func (k Kind) String() string {
	switch k {
	case KindUser:
		return "user"
	case KindGroup:
		return "group"
	case KindContact:
		return "contact"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Person is one row of a result list: enough to show it and to fetch its
// photo. Subject is what graphapi needs; the strings are for people.
type Person struct {
	Subject     graphapi.Subject
	Kind        Kind
	ID          string
	DisplayName string
	UPN         string
	Mail        string
	JobTitle    string
	Department  string // users only
}

// Name is what p is called on screen: the display name, or — for a
// contact saved with none, as Outlook allows — the address, or "(no
// name)", so a title or a sentence never reads blank ("No photo has been
// uploaded for .").
func (p Person) Name() string {
	if name := strings.TrimSpace(p.DisplayName); name != "" {
		return p.DisplayName
	}
	if a := p.Address(); a != "" {
		return a
	}
	return "(no name)"
}

// Secondary is the second line of a result row: the UPN for users, the
// mail address for groups and contacts.
func (p Person) Secondary() string {
	if p.UPN != "" {
		return p.UPN
	}
	return p.Mail
}

// Address is the address people know p by, for the result row and the
// viewer: a guest's own mail ("jane@fabrikam.com") rather than the UPN
// this tenant made for them ("jane_fabrikam.com#EXT#@contoso…"), which
// nobody types or recognises; otherwise Secondary. Copy UPN and file
// names keep the UPN, which is what names the guest to Graph.
func (p Person) Address() string {
	if p.IsGuest() && p.Mail != "" {
		return p.Mail
	}
	return p.Secondary()
}

// IsGuest says p is a guest from another organisation: Entra ID gives a
// guest a UPN with "#EXT#" in it.
func (p Person) IsGuest() bool {
	return p.Kind == KindUser && strings.Contains(strings.ToUpper(p.UPN), "#EXT#")
}

// Initials are shown in the "no photo" placeholder and the avatar of a
// person without a photo: the first letters of the first and last words of
// the display name ("AB" for "Ann Barker"), or "?" when there is no name.
func (p Person) Initials() string {
	name := p.DisplayName
	if strings.TrimSpace(name) == "" {
		name, _, _ = strings.Cut(p.Secondary(), "@")
	}
	var words []rune
	for _, w := range strings.FieldsFunc(name, func(r rune) bool {
		return unicode.IsSpace(r) || r == '.' || r == '_' || r == '-' || r == ','
	}) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLetter(r) || unicode.IsDigit(r) {
			words = append(words, unicode.ToUpper(r))
		}
	}
	switch len(words) {
	case 0:
		return "?"
	case 1:
		return string(words[0])
	}
	return string([]rune{words[0], words[len(words)-1]})
}

// FileStem is the start of a saved file's name: the UPN (or mail, display
// name, id, in that order) made safe for every OS by SafeFileName. A guest's
// "#EXT#" is kept, since '#' is legal everywhere and tells guests apart.
func (p Person) FileStem() string {
	for _, s := range []string{p.UPN, p.Mail, p.DisplayName, p.ID} {
		if strings.TrimSpace(s) != "" {
			return SafeFileName(s)
		}
	}
	if p.Subject.Kind() == graphapi.KindMe {
		return "me"
	}
	return SafeFileName("")
}

// String is the display name with the secondary line, for logs and errors.
func (p Person) String() string {
	switch {
	case p.DisplayName != "" && p.Secondary() != "":
		return p.DisplayName + " <" + p.Secondary() + ">"
	case p.DisplayName != "":
		return p.DisplayName
	case p.Secondary() != "":
		return p.Secondary()
	}
	return p.Subject.String()
}

// PersonFromUser makes a result row for a directory user.
func PersonFromUser(u graphapi.UserInfo) Person {
	return Person{
		Subject: graphapi.User(u.ID), Kind: KindUser, ID: u.ID, DisplayName: u.DisplayName,
		UPN: u.UserPrincipalName, Mail: u.Mail, JobTitle: u.JobTitle, Department: u.Department,
	}
}

// PersonFromGroup makes a result row for a group.
func PersonFromGroup(g graphapi.GroupInfo) Person {
	return Person{
		Subject: graphapi.Group(g.ID), Kind: KindGroup, ID: g.ID, DisplayName: g.DisplayName,
		Mail: g.Mail, JobTitle: g.Description,
	}
}

// PersonFromContact makes a result row for a contact of the signed-in user,
// inside folderID when it is not "".
func PersonFromContact(c graphapi.ContactInfo, folderID string) Person {
	p := Person{
		Subject: graphapi.Contact(c.ID).InFolder(folderID), Kind: KindContact, ID: c.ID,
		DisplayName: c.DisplayName, JobTitle: c.JobTitle,
	}
	if len(c.EmailAddresses) > 0 {
		p.Mail = c.EmailAddresses[0].Address
	}
	if p.JobTitle == "" {
		p.JobTitle = c.CompanyName
	}
	return p
}

// SameAs reports whether p and q are one person: the same subject, or the
// signed-in user reached both as "me" and by their id. A change made
// through one must refresh what is shown through the other.
func (p Person) SameAs(q Person) bool {
	if p.Subject == q.Subject {
		return true
	}
	if p.ID == "" || p.ID != q.ID {
		return false
	}
	pk, qk := p.Subject.Kind(), q.Subject.Kind()
	return (pk == graphapi.KindMe && qk == graphapi.KindUser) || (pk == graphapi.KindUser && qk == graphapi.KindMe)
}
