package views

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// kindOthersContacts lists the contacts of another person's mailbox, named
// in the owner entry: Graph allows it with Contacts.Read.Shared (asked the
// first time it is picked) for folders that person shared; otherwise its
// 403 is explained in the note.
const kindOthersContacts = "Someone's contacts"

// newOwnerEntry is the "whose contacts" field, hidden until Someone's
// contacts is picked; Enter opens the mailbox typed.
func newOwnerEntry(submitted func(string)) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder("Whose contacts? Their UPN or mail, then Enter")
	e.OnSubmitted = submitted
	e.Hide()
	return e
}

// mailbox is whose contacts the sidebar lists: "" for the signed-in
// user's, else the UPN or id typed in the owner entry.
func (s *sidebar) mailbox() string {
	if s.kind.Selected != kindOthersContacts {
		return ""
	}
	return strings.TrimSpace(s.owner.Text)
}

// contactsOwner is whose contacts a search lists: the mailbox submitted,
// whose folders the folder picker shows, even while another is typed over
// it (it counts once Enter is pressed) — or the mailbox typed when none
// was submitted yet.
func (s *sidebar) contactsOwner() string {
	if s.kind.Selected == kindOthersContacts && s.folders != nil && s.foldsOf != "" {
		return s.foldsOf
	}
	return s.mailbox()
}

// askOwner says what to do before anyone's contacts can be listed.
func (s *sidebar) askOwner() {
	s.setNote("Type whose contacts to open (their UPN or mail address) and press Enter. " +
		"They must have shared their Contacts folder with you.")
}

// onOwnerSubmitted opens the mailbox typed: its folders, then its contacts.
func (s *sidebar) onOwnerSubmitted(string) {
	s.setNote("")
	s.loadFolders()
	s.search(s.query.Text)
}

// ownerByMail opens the mailbox of the user whose mail is addr, typed as
// whose contacts but no one's UPN (notFound is Graph's answer to it): Graph
// reads a mailbox by id or UPN only, and many people's mail differs from
// their UPN. The field then shows the UPN opened. When no one has that mail
// either, the note says so of addr (Graph's "no such user, group or
// contact" spoke of groups and contacts, and not of what to check); a
// lookup that failed otherwise (offline, throttled) says why.
func (s *sidebar) ownerByMail(addr string, notFound error) {
	s.setNote("Looking up " + addr + "…")
	s.bg.run(func() {
		p, err := s.eng.LookupByMail(s.bg.ctx, addr)
		s.bg.do(func() {
			if s.kind.Selected != kindOthersContacts || s.foldsOf != addr {
				return // another mailbox (or kind) was opened meanwhile
			}
			switch {
			case errors.Is(err, app.ErrNoSuchMail) || graphapi.IsNotFound(err):
				s.folders = nil
				s.setNote(noOwnerText(addr))
				return
			case err != nil:
				s.folders = nil
				s.showError(err)
				return
			case p.UPN == "" || strings.EqualFold(p.UPN, addr):
				s.folders = nil
				s.showError(notFound)
				return
			}
			s.owner.SetText(p.UPN)
			s.onOwnerSubmitted(p.UPN)
		})
	})
}

// noOwnerText says that no one in the tenant has addr, typed as whose
// contacts to open, as UPN or mail, and what to check.
func noOwnerText(addr string) string {
	return "No one in this tenant has the UPN or mail address “" + addr + "”. Check how it is spelled, " +
		"or search Users for the person and copy their UPN."
}
