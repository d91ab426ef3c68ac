package views

import (
	"testing"

	"fyne.io/fyne/v2"
)

// Keyboard only: Tab from the editor's start reaches the frame first; the
// arrow keys move it (the upload follows the frame), and Escape there
// closes the editor as Cancel does, sending nothing.
func TestEditorFrameByKeyboard(t *testing.T) {
	h, f, w := newChangeHarness(t)
	h.m.editImageFile(f.people[0], writePicture(t, 400, 200))
	h.waitFor("the editor", func() bool { return h.dialogs.editor != nil })
	ed := h.dialogs.editor
	c := h.m.w.Canvas()
	c.FocusNext()
	if c.Focused() != fyne.Focusable(ed.crop) {
		t.Fatalf("Tab first reached %T, want the frame", c.Focused())
	}
	before := ed.edit.Square(ed.src)
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if after := ed.edit.Square(ed.src); after.Min.X <= before.Min.X {
		t.Errorf("Right left the upload's square at %v (was %v)", after, before)
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	h.waitIdle()
	if dialogOpen(c) {
		t.Error("Escape on the frame left the editor open")
	}
	if len(w.set) != 0 {
		t.Errorf("sent %d photos", len(w.set))
	}
}
