package views

import (
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// Giving a contact their first photo cannot be undone (Graph cannot
// remove a contact's photo): the editor says so before Upload, rather than
// Undo last change saying it afterwards. A contact with a photo, or a user
// without one, gets no such warning.
func TestEditorWarnsAContactsFirstPhotoCannotBeUndone(t *testing.T) {
	f := newFakeEngine(5)
	contact := &f.people[1]
	contact.Kind, contact.Subject = app.KindContact, graphapi.Contact(contact.ID)
	f.setPhoto(*contact, 0, 0, nil)
	f.setPhoto(f.people[2], 0, 0, nil)
	h := newFakeHarness(t, f)
	h.waitShown(f.people[0].DisplayName)
	h.waitIdle()
	for _, tc := range []struct {
		row  int
		warn bool
	}{{1, true}, {2, false}} {
		p := f.people[tc.row]
		h.m.sidebar.list.Select(tc.row)
		h.waitShown(p.DisplayName)
		h.dialogs.editor = nil
		h.m.editImageFile(p, writePicture(t, 300, 300))
		h.waitFor("the editor", func() bool { return h.dialogs.editor != nil })
		note := h.dialogs.editor.info.Text
		if warned := strings.Contains(note, "cannot be undone"); warned != tc.warn {
			t.Errorf("%s (%s, no photo): warned %v, want %v; note %q", p.DisplayName, p.Kind, warned, tc.warn, note)
		}
		h.dialogs.editor.dialog.Hide()
	}
}
