package views

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// loadFolders fills the contact folder picker the first time My contacts is
// chosen, or another person's contacts are opened; "All contacts" searches
// the default folder.
func (s *sidebar) loadFolders() {
	owner, kind := s.mailbox(), s.kind.Selected
	s.folders, s.foldsOf, s.foldsKind = []graphapi.ContactFolder{}, owner, kind // loading: do not ask twice
	s.foldsNote = ""
	s.folder.SetOptions([]string{defaultContacts})
	s.folder.Selected = defaultContacts
	s.folder.Refresh()
	if s.kind.Selected == kindOthersContacts && owner == "" {
		return // nobody named yet
	}
	s.bg.run(func() {
		folders, err := s.eng.ContactFoldersOf(s.bg.ctx, owner)
		s.bg.do(func() {
			if s.foldsOf != owner || s.foldsKind != kind {
				return // another mailbox was opened meanwhile
			}
			var unread *app.SubfoldersUnread
			if errors.As(err, &unread) {
				// The folders listed are offered all the same; only the
				// subfolders of those named are missing. The list's note
				// carries the words (updateNote): composed afresh when it
				// is shown, or when the list's page arrives, so they are
				// said once, and never beside a note of another load.
				s.foldsNote = unreadSubfoldersText(unread)
				if s.listNoted {
					s.updateNote()
				}
				err = nil
			}
			if err != nil {
				// A mailbox that is not enabled is that of someone found: no
				// lookup by mail finds anyone else.
				if graphapi.IsNotFound(err) && !graphapi.IsMailboxNotEnabled(err) && owner != "" && strings.Contains(owner, "@") {
					s.ownerByMail(owner, err)
					return
				}
				s.folders = nil
				s.wantFolder = ""
				s.showError(err)
				return
			}
			s.folders = append([]graphapi.ContactFolder{}, folders...) // loaded, even when none
			options := []string{defaultContacts}
			for _, f := range folders {
				options = append(options, f.DisplayName)
			}
			s.folder.SetOptions(options)
			if want := s.wantFolder; want != "" {
				s.wantFolder = ""
				if slices.Contains(options, want) {
					s.folder.SetSelected(want) // lists that folder
				}
			}
		})
	})
}

// unreadSubfoldersText says which folders' subfolders the picker lacks,
// and why in a few words, as a list's note names entries not looked up.
func unreadSubfoldersText(u *app.SubfoldersUnread) string {
	return fmt.Sprintf("The folders inside %s could not be read (%s), so the folder list lacks them; open these contacts again to retry.",
		firstFew(u.Folders), app.LookupTrouble(u.Why))
}

// folderID is the id of the chosen contact folder, "" for all contacts.
func (s *sidebar) folderID() string {
	for _, f := range s.folders {
		if f.DisplayName == s.folder.Selected {
			return f.ID
		}
	}
	return ""
}
