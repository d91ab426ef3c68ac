package views

import (
	"strings"
	"testing"
)

// A photo kept only in Entra ID has no HD sizes, and an upload for that
// person is kept there at its own size too (the sandbox's Lynne): the
// editor's note promised "a 400 px square gets sizes up to 360x360", which
// the viewer contradicted right after the upload ("One photo, 400x400,
// stored in Entra ID (no HD sizes)"). It says the photo stays one photo in
// Entra ID instead, and still promises the backup.
func TestEditorNoteForAnEntraOnlyPhotoPromisesNoSizes(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	ex := h.tenant.Dir.Examples()
	h.openListed(ex.EntraOnly.ID, ex.EntraOnly.DisplayName)
	h.waitFor("the size list", func() bool { return h.m.viewer.sizes.available != nil })
	note := h.editorNoteFor(400)
	if strings.Contains(note, "sizes up to") || strings.Contains(note, "no 648x648") {
		t.Errorf("the note for an Entra-only photo promises HD sizes: %q", note)
	}
	if !strings.Contains(note, "Entra ID") || !strings.Contains(note, "A backup of the current photo is saved first.") {
		t.Errorf("the note for an Entra-only photo: %q; want it kept in Entra ID said, and the backup promised", note)
	}
	h.closeEditor()

	// Someone whose photo is in HD sizes is still told which sizes a
	// smaller square gets.
	h.openListed(ex.FullHD.ID, ex.FullHD.DisplayName)
	if note := h.editorNoteFor(400); !strings.Contains(note, "sizes up to 360x360") {
		t.Errorf("the note for an HD photo: %q; want the sizes a 400 px square gets", note)
	}
}

// An Outlook contact's photo has one size and no size list either, but it
// lives in the mailbox, not in Entra ID: the editor's note for a contact
// with a photo said "This photo is kept in Entra ID only, with no HD
// sizes", as for Lynne, once the viewer had the contact's (single) size.
func TestEditorNoteForAContactsPhotoDoesNotSayEntraID(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	ex := h.tenant.Dir.Examples()
	h.m.sidebar.kind.SetSelected(kindContacts)
	h.openListed(ex.ContactWithPhoto.ID, ex.ContactWithPhoto.DisplayName)
	h.waitFor("the size list", func() bool { return h.m.viewer.sizes.available != nil })
	note := h.editorNoteFor(400)
	if strings.Contains(note, "Entra ID") {
		t.Errorf("the note for a contact's photo calls it kept in Entra ID: %q", note)
	}
	if !strings.Contains(note, "A backup of the current photo is saved first.") {
		t.Errorf("the note for a contact's photo: %q; want the backup promised", note)
	}
}
