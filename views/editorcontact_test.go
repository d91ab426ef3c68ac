package views

import (
	"strings"
	"testing"
)

// Giving an Outlook contact their first photo cannot be undone (Graph
// cannot remove a contact's photo): the editor says so before Upload,
// as Undo last change says it afterwards — it used to promise only that
// there was nothing to back up.
func TestEditorWarnsAContactsFirstPhotoCannotBeUndone(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	ex := h.tenant.Dir.Examples()
	h.m.sidebar.kind.SetSelected(kindContacts)
	h.openListed(ex.ContactNoPhoto.ID, ex.ContactNoPhoto.DisplayName)
	if note := h.editorNoteFor(300); !strings.Contains(note, "cannot be undone") {
		t.Errorf("the note for a contact's first photo: %q", note)
	}
	h.closeEditor()

	// A contact who has a photo: replacing it is undone like any change.
	h.openListed(ex.ContactWithPhoto.ID, ex.ContactWithPhoto.DisplayName)
	if note := h.editorNoteFor(300); strings.Contains(note, "cannot be undone") || !strings.Contains(note, "A backup of the current photo is saved first.") {
		t.Errorf("the note for a contact's photo replaced: %q", note)
	}
}
