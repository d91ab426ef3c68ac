package views

import (
	"strings"
	"testing"
)

// Someone else opened while the picture is read (a large one takes a
// moment): the editor, for the person the picture was chosen for, still
// words their photo — here none, so no backup is promised.
func TestEditorNoteKeepsItsPersonWhenAnotherIsOpened(t *testing.T) {
	h, f, _ := newChangeHarness(t)
	p := f.people[1]
	f.setPhoto(p, 0, 0, nil)
	h.m.sidebar.list.Select(1)
	h.waitShown(p.DisplayName)
	h.m.editImageFile(p, writePicture(t, 300, 300))
	h.m.sidebar.list.Select(0) // before the picture is read
	h.waitFor("the editor", func() bool { return h.dialogs.editor != nil })
	if note := h.dialogs.editor.info.Text; !strings.Contains(note, "nothing to back up") {
		t.Errorf("note for someone without a photo, another person shown: %q", note)
	}
}
