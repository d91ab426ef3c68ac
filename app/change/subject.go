package change

import (
	"fmt"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// Target is whose photo a change touched, as the change log keeps it: all
// that is needed to undo the change in another run.
type Target struct {
	Kind   string `json:"kind"`             // me, user, group or contact
	ID     string `json:"id,omitempty"`     // object id or UPN; the contact's id
	Owner  string `json:"owner,omitempty"`  // contacts: the mailbox's user, "" for the signed-in one
	Folder string `json:"folder,omitempty"` // contacts: the contact folder
	Name   string `json:"name,omitempty"`   // display name, for people reading the log
	UPN    string `json:"upn,omitempty"`
	Mail   string `json:"mail,omitempty"` // a group's or contact's address: what its backups are named by
}

// TargetOf is p as the change log keeps it.
// The signed-in user is kept by id when known, so an undo in another run
// (or after an account switch) changes that user, not whoever is "me" then;
// so is a user named by UPN whose object id a lookup found, so the log
// keeps one name for one person (the UPN stays beside it, for people).
func TargetOf(p app.Person) Target {
	s := p.Subject
	t := Target{Kind: s.Kind().String(), ID: s.ID(), Owner: s.Owner(), Folder: s.Folder(), Name: p.DisplayName, UPN: p.UPN, Mail: p.Mail}
	switch {
	case s.Kind() == graphapi.KindMe && p.ID != "":
		t.Kind, t.ID = "user", p.ID
	case s.Kind() == graphapi.KindUser && p.ID != s.ID() && app.LooksLikeObjectID(p.ID):
		if t.UPN == "" && strings.Contains(s.ID(), "@") {
			t.UPN = s.ID()
		}
		t.ID = p.ID
	}
	return t
}

// Person is the target again, enough to read and change its photo.
func (t Target) Person() (app.Person, error) {
	p := t.named()
	switch t.Kind {
	case "me":
		p.Subject, p.Kind = graphapi.Me(), app.KindUser
	case "user":
		p.Subject, p.Kind = graphapi.User(t.ID), app.KindUser
	case "group":
		p.Subject, p.Kind = graphapi.Group(t.ID), app.KindGroup
	case "contact":
		s := graphapi.Contact(t.ID)
		if t.Owner != "" {
			s = s.OfUser(t.Owner)
		}
		if t.Folder != "" {
			s = s.InFolder(t.Folder)
		}
		p.Subject, p.Kind = s, app.KindContact
	default:
		return app.Person{}, fmt.Errorf("change log: unknown kind %q", t.Kind)
	}
	return p, nil
}

// named is the target's names as a person's, with no subject.
func (t Target) named() app.Person {
	return app.Person{ID: t.ID, DisplayName: t.Name, UPN: t.UPN, Mail: t.Mail}
}

// String names the target for messages, in the command line and the
// window alike: a group by its display name with its object id beside it,
// since group names need not be unique and the id is what --group and
// support take ("New Hires (group 59ee…)").
func (t Target) String() string {
	switch {
	case t.Kind == "group" && t.Name != "" && t.ID != "":
		return t.Name + " (group " + t.ID + ")"
	case t.Kind == "me" && t.Name == "" && t.UPN == "":
		return "the signed-in user"
	case t.Name != "" && t.UPN != "":
		return t.Name + " (" + t.UPN + ")"
	case t.Name != "":
		return t.Name
	case t.UPN != "":
		return t.UPN
	case t.Kind == "user" && strings.Contains(t.ID, "@"):
		return t.ID
	}
	return t.Kind + " " + t.ID
}

// Possessive names the target as the owner of a photo: "Ann Lee
// (ann@contoso.com)'s", or "your" for the signed-in user known by no name.
func (t Target) Possessive() string {
	if t.Kind == "me" && t.Name == "" && t.UPN == "" {
		return "your"
	}
	return t.String() + "'s"
}
