package views

import (
	"strings"
	"testing"
)

// A picture dropped while the editor is open over the window does not
// stack a second editor on the first (two editors, one Upload of each,
// for whoever was shown at each drop): the drop is refused, and the
// status bar says to finish with the dialog first.
func TestDropWhileTheEditorIsOpenIsRefused(t *testing.T) {
	h, f, _ := newChangeHarness(t)
	h.m.editImageFile(f.people[0], writePicture(t, 100, 100))
	h.waitFor("the editor", func() bool { return h.dialogs.editor != nil })
	first := h.dialogs.editor
	h.drop(writePicture(t, 120, 120))
	h.waitIdle()
	if n := len(h.m.w.Canvas().Overlays().List()); n != 1 || h.dialogs.editor != first {
		t.Errorf("%d dialogs open after the drop, want the first editor alone", n)
	}
	if got := h.m.status.activity.Text; !strings.Contains(got, "dialog") {
		t.Errorf("status = %q, want the drop refused while the dialog is open", got)
	}
}

// Change photo…'s first question says "Or drop an image file on the
// window": a picture dropped then is taken, and the question goes — it
// stayed under the editor, and was still open once the photo was sent.
func TestDropOnChangePhotosQuestionOpensTheEditorInItsPlace(t *testing.T) {
	h, _, _ := newChangeHarness(t)
	h.m.onChangePhoto()
	h.waitFor("the question", func() bool { return strings.Contains(h.overlayText(), "drop an image file") })
	h.drop(writePicture(t, 120, 120))
	h.waitFor("the editor", func() bool { return h.dialogs.editor != nil })
	h.waitIdle()
	if n := len(h.m.w.Canvas().Overlays().List()); n != 1 {
		t.Errorf("%d dialogs open after the drop, want the editor alone", n)
	}
}
