package sandbox

import (
	"encoding/base64"
	"math/rand/v2"
	"strings"
)

// ContactFolder is an Outlook contact folder in someone's mailbox.
type ContactFolder struct {
	ID             string
	DisplayName    string
	ParentFolderID string
}

// Contact is an Outlook contact. Contacts have one photo and no sizes.
type Contact struct {
	ID             string
	DisplayName    string
	GivenName      string
	Surname        string
	CompanyName    string
	JobTitle       string
	Email          string
	ParentFolderID string
	Photo          PhotoKind
}

// mailbox is one user's contacts: the default folder (which /contactFolders
// does not list, as in Outlook), every other folder — its child folders,
// which /contactFolders lists, and the folders nested in those, which only
// .../childFolders lists (ParentFolderID tells them apart) — and every
// contact.
type mailbox struct {
	root     *ContactFolder
	folders  []*ContactFolder
	contacts []*Contact
}

// ContactFolders lists a user's child contact folders (what
// /users/{id}/contactFolders answers), or nil for an unknown user.
func (d *Directory) ContactFolders(userID string) []*ContactFolder {
	mb := d.mailbox(userID)
	if mb == nil {
		return nil
	}
	return mb.childFolders(mb.root.ID)
}

// Contacts lists every contact of a user in every folder, default first.
func (d *Directory) Contacts(userID string) []*Contact {
	mb := d.mailbox(userID)
	if mb == nil {
		return nil
	}
	return append([]*Contact(nil), mb.contacts...)
}

// mailbox returns the user's contacts, generating them on first use from
// the seed and the user's position so that large tenants start fast.
func (d *Directory) mailbox(userID string) *mailbox {
	u, ok := d.Account(userID)
	if !ok {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if mb := d.mailboxes[u.ID]; mb != nil {
		return mb
	}
	mb := d.newMailbox(u)
	d.mailboxes[u.ID] = mb
	return mb
}

func (d *Directory) newMailbox(u *User) *mailbox {
	rng := rand.New(rand.NewPCG(uint64(d.seed), uint64(u.index)<<8|0x0c))
	mb := &mailbox{root: &ContactFolder{ID: exchangeID(rng), DisplayName: "Contacts", ParentFolderID: exchangeID(rng)}}
	defaults, folders, inFolder := rng.IntN(6), rng.IntN(2), rng.IntN(4)
	if u == d.examples.Helpdesk || u.Personal {
		defaults, folders, inFolder = 8, 2, 4
	}
	for i := range defaults {
		mb.contacts = append(mb.contacts, newContact(rng, mb.root.ID, i%2 == 0))
	}
	for i, name := range []string{"Suppliers", "Partners"}[:folders] {
		f := &ContactFolder{ID: exchangeID(rng), DisplayName: name, ParentFolderID: mb.root.ID}
		mb.folders = append(mb.folders, f)
		for j := range inFolder - i {
			mb.contacts = append(mb.contacts, newContact(rng, f.ID, j%2 == 0))
		}
	}
	if u == d.examples.Helpdesk {
		d.examples.ContactWithPhoto, d.examples.ContactNoPhoto = mb.contacts[0], mb.contacts[1]
		d.examples.Folder, d.examples.FolderContact = mb.folders[0], mb.contacts[defaults]
		d.addNestedFolder(mb, u)
	}
	return mb
}

// addNestedFolder gives Suppliers a folder of its own, "EMEA", with two
// contacts (the first with a photo), as Outlook users file them. It draws
// from a stream of its own, so every other contact and id stays as it was.
func (d *Directory) addNestedFolder(mb *mailbox, u *User) {
	rng := rand.New(rand.NewPCG(uint64(d.seed), uint64(u.index)<<8|0x0d))
	f := &ContactFolder{ID: exchangeID(rng), DisplayName: "EMEA", ParentFolderID: mb.folders[0].ID}
	mb.folders = append(mb.folders, f)
	for j := range 2 {
		mb.contacts = append(mb.contacts, newContact(rng, f.ID, j == 0))
	}
	d.examples.NestedFolder, d.examples.NestedContact = f, mb.contacts[len(mb.contacts)-2]
}

func newContact(rng *rand.Rand, folderID string, photo bool) *Contact {
	given := firstNames[rng.IntN(len(firstNames))]
	surname := lastNames[rng.IntN(len(lastNames))]
	p := partnerCompanies[rng.IntN(len(partnerCompanies))]
	c := &Contact{
		ID: exchangeID(rng), GivenName: given, Surname: surname, DisplayName: given + " " + surname,
		CompanyName: p.name, JobTitle: contactTitles[rng.IntN(len(contactTitles))],
		Email: strings.ToLower(given+"."+surname) + "@" + p.domain, ParentFolderID: folderID,
	}
	if photo {
		c.Photo = PhotoContact
	}
	return c
}

// exchangeID makes an id shaped like Exchange's (long, URL-safe base64).
func exchangeID(rng *rand.Rand) string {
	b := make([]byte, 69)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return "AAMkA" + base64.URLEncoding.EncodeToString(b)
}

// findContact looks a contact up in a mailbox, optionally inside one folder
// (the default folder's id works too).
func (mb *mailbox) findContact(folderID, contactID string) (*Contact, bool) {
	for _, c := range mb.contacts {
		if c.ID == contactID && (folderID == "" || c.ParentFolderID == folderID) {
			return c, true
		}
	}
	return nil, false
}

// findFolder resolves a folder id, accepting the default folder's id and the
// well-known name "contacts" like Outlook.
func (mb *mailbox) findFolder(id string) (*ContactFolder, bool) {
	if id == mb.root.ID || strings.EqualFold(id, "contacts") {
		return mb.root, true
	}
	for _, f := range mb.folders {
		if f.ID == id {
			return f, true
		}
	}
	return nil, false
}

// childFolders lists the folders directly inside a folder.
func (mb *mailbox) childFolders(parentID string) []*ContactFolder {
	var out []*ContactFolder
	for _, f := range mb.folders {
		if f.ParentFolderID == parentID {
			out = append(out, f)
		}
	}
	return out
}

// inFolder lists the contacts directly inside a folder.
func (mb *mailbox) inFolder(folderID string) []*Contact {
	var out []*Contact
	for _, c := range mb.contacts {
		if c.ParentFolderID == folderID {
			out = append(out, c)
		}
	}
	return out
}
