package views

import (
	"strings"
	"testing"
)

// For a user Graph answers as having no Exchange mailbox the viewer shows
// no photo, but nobody knows there is none: the editor must not promise
// "nothing to back up" (it used to), and says what Upload will meet —
// the photo cannot be read, so nothing is changed without a backup — with
// Upload off, not live beside a note that says it changes nothing.
func TestEditorNoteForAUserWithoutAMailbox(t *testing.T) {
	h := newImportHarness(t)
	u := h.tenant.Dir.Examples().NoMailbox
	h.openUser(u)
	note := h.editorNoteFor(300)
	if strings.Contains(note, "nothing to back up") || strings.Contains(note, "A backup of the current photo is saved first") {
		t.Errorf("the note promises what is not known: %q", note)
	}
	if !strings.Contains(note, "no Exchange mailbox") || !strings.Contains(note, "cannot be backed up") {
		t.Errorf("the note does not say the photo cannot be read or backed up: %q", note)
	}
	if !h.dialogs.editor.upload.Disabled() {
		t.Error("Upload is live beside a note that says it changes nothing")
	}
}

// Remove photo… for a user without a mailbox says why nothing can be
// removed: "has no photo to remove" claimed what Graph did not say.
func TestRemoveForAUserWithoutAMailboxSaysWhy(t *testing.T) {
	h := newImportHarness(t)
	u := h.tenant.Dir.Examples().NoMailbox
	h.openUser(u)
	h.m.onRemovePhoto()
	h.waitFor("the word", func() bool { return strings.Contains(h.overlayText(), u.DisplayName) })
	text := h.overlayText()
	if strings.Contains(text, "has no photo to remove") || !strings.Contains(text, "no Exchange mailbox") {
		t.Errorf("Remove photo… says %q", text)
	}
	if total, _ := h.writeCount(); total != 0 {
		t.Errorf("%d writes", total)
	}
}
