package views

import (
	"github.com/photodesk/photodesk/graphapi"
)

// loadFolders fills the contact folder picker the first time My contacts is
// chosen; "All contacts" searches the default folder.
func (s *sidebar) loadFolders() {
	s.folders = []graphapi.ContactFolder{} // loading: do not ask twice
	s.bg.run(func() {
		folders, err := s.eng.ContactFolders(s.bg.ctx)
		s.bg.do(func() {
			if err != nil {
				s.folders = nil
				s.showError(err)
				return
			}
			s.folders = folders
			options := []string{allContacts}
			for _, f := range folders {
				options = append(options, f.DisplayName)
			}
			s.folder.SetOptions(options)
		})
	})
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
