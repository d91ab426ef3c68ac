package views

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app/change"
)

// The first change waits for the write permission — a silent token
// request, or a sign-in in the browser, during which the editor is in
// sight again. Cancel meanwhile sends nothing once the permission comes,
// and Upload tapped again does not send the photo twice (two backups, two
// log lines: the first undo put back the first upload, not the photo from
// before).
func TestEditorWaitingForThePermission(t *testing.T) {
	t.Run("Cancel sends nothing", func(t *testing.T) {
		h, f, w := newChangeHarness(t)
		var pending []func(bool)
		h.m.askWrite = func(_ string, then func(bool)) { pending = append(pending, then) }
		h.m.editImageFile(f.people[0], writePicture(t, 100, 100))
		h.waitFor("the editor", func() bool { return h.dialogs.editor != nil })
		test.Tap(h.dialogs.editor.upload)
		h.tapDialogButton("Cancel")
		for _, then := range pending {
			then(true)
		}
		h.waitIdle()
		if got := w.uploaded(f.people[0].Subject); got != nil {
			t.Errorf("sent %d bytes after Cancel", len(got))
		}
		if entries, _ := change.ReadLog(h.m.backups); len(entries) != 0 {
			t.Errorf("change log = %+v, want nothing", entries)
		}
	})
	t.Run("Upload twice sends once", func(t *testing.T) {
		h, f, w := newChangeHarness(t)
		var pending []func(bool)
		h.m.askWrite = func(_ string, then func(bool)) { pending = append(pending, then) }
		h.m.editImageFile(f.people[0], writePicture(t, 100, 100))
		h.waitFor("the editor", func() bool { return h.dialogs.editor != nil })
		ed := h.dialogs.editor
		test.Tap(ed.upload)
		test.Tap(ed.upload)
		for _, then := range pending {
			then(true)
		}
		h.waitFor("the change", func() bool { return w.uploaded(f.people[0].Subject) != nil })
		h.waitIdle()
		w.mu.Lock()
		uploads := w.uploads
		w.mu.Unlock()
		if uploads != 1 {
			t.Errorf("%d uploads, want 1", uploads)
		}
	})
	t.Run("refused, Upload works again", func(t *testing.T) {
		h, f, w := newChangeHarness(t)
		refuse := true
		h.m.askWrite = func(_ string, then func(bool)) { then(!refuse) }
		h.m.editImageFile(f.people[0], writePicture(t, 100, 100))
		h.waitFor("the editor", func() bool { return h.dialogs.editor != nil })
		ed := h.dialogs.editor
		test.Tap(ed.upload)
		refuse = false
		test.Tap(ed.upload)
		h.waitFor("the change", func() bool { return w.uploaded(f.people[0].Subject) != nil })
	})
}
