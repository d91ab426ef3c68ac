package views

import (
	"testing"
)

// Graph's /me/contacts lists the default Contacts folder only, not the
// contacts of its folders: the picker called that view "All contacts", so
// a helpdesk person looking for a supplier there was told there was no
// such contact. It names the default folder, and a contact of a folder is
// found by picking that folder.
func TestDefaultContactFolderIsNotCalledAllContacts(t *testing.T) {
	h := newShellHarness(t, nil)
	m := h.waitMain(demoStatus)
	ex := h.env().Sandbox.Directory().Examples()

	m.sidebar.kind.SetSelected(kindContacts)
	h.waitFor("the folders and the default folder's contacts", func() bool {
		return len(m.sidebar.folder.Options) > 1 && len(m.sidebar.results) > 0 && !m.sidebar.loading
	})
	for _, p := range m.sidebar.results {
		if p.ID == ex.FolderContact.ID {
			t.Fatalf("%s of %s is listed before the folder is picked; this test assumes Graph's default-folder list", ex.FolderContact.DisplayName, ex.Folder.DisplayName)
		}
	}
	if got := m.sidebar.folder.Selected; got == "All contacts" || got != defaultContacts {
		t.Errorf("folder picker reads %q over the default folder's contacts, want %q", got, defaultContacts)
	}
	if got := m.sidebar.folder.Options[0]; got != defaultContacts {
		t.Errorf("first folder choice %q, want %q", got, defaultContacts)
	}
}
