package views

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/internal/dragout"
)

// TestCopiesSayTheSizeTheyTook: with a size picked that the person never
// uploaded (432x432 for Megan, whose largest is 240x240), Copy image,
// Copy file, Copy as base64 and Copy as mail attachment JSON said "Copied the photo
// of Megan Bowen …": nothing said the copy was 240x240, not what was
// picked, and the note under the picker is not where the eye is after a
// copy. Each now names the size it took and the fallback.
func TestCopiesSayTheSizeTheyTook(t *testing.T) {
	h, megan := openAtFallback(t)
	if got := h.m.current.ServedSizeName(); got != "240x240" {
		t.Fatalf("served %s for 432x432, want the 240x240 fallback", got)
	}
	files, err := app.NewDragFiles(filepath.Join(t.TempDir(), "drag"))
	if err != nil {
		t.Fatal(err)
	}
	h.m.drags = files // Copy file's, on a fake clipboard
	h.m.newDragSource = func() (dragout.Source, error) { return &fakeDragSource{}, nil }
	want, fallback := "Copied the 240x240 photo of "+megan.DisplayName+" as ", "(432x432 not uploaded)"
	for _, c := range []struct {
		name string
		copy func()
	}{
		{"Copy image", h.m.onCopyImage},
		{"Copy file", h.m.onCopyFile},
		{"Copy as base64", h.m.onCopyBase64},
		{"Copy as mail attachment JSON", h.m.onCopyMailJSON},
	} {
		h.m.status.setActivity("")
		c.copy()
		h.waitIdle()
		if got := h.m.status.activity.Text; !strings.HasPrefix(got, want) || !strings.HasSuffix(got, fallback) {
			t.Errorf("%s: status %q, want %q … %q", c.name, got, want, fallback)
		}
	}

	// At a size uploaded, the size alone.
	h.pickSize("120x120")
	h.waitIdle()
	h.m.onCopyBase64()
	if got := h.m.status.activity.Text; got != "Copied the 120x120 photo of "+megan.DisplayName+" as base64" {
		t.Errorf("status %q at an uploaded size", got)
	}
}

// TestSaveFormSaysTheSizeItSaves: with a size picked that was not
// uploaded, Save… named the file …_240x240.jpg and said nothing of why; the
// form now says it under the file name. At a size uploaded it does not.
func TestSaveFormSaysTheSizeItSaves(t *testing.T) {
	h, _ := openAtFallback(t)
	h.m.onSave()
	h.waitFor("the save form", func() bool { return h.dialogs.save != nil })
	if got := h.dialogs.save.nameItem.HintText; !strings.HasPrefix(got, "432x432 not uploaded: this is the 240x240 photo.") {
		t.Errorf("file name's hint = %q, want it to say the 240x240 photo is saved", got)
	}
	h.dialogs.save.dialog.Hide()
	h.dialogs.save = nil

	h.pickSize("120x120")
	h.waitIdle()
	h.m.onSave()
	h.waitFor("the save form", func() bool { return h.dialogs.save != nil })
	if got := h.dialogs.save.nameItem.HintText; got != saveNameHint {
		t.Errorf("file name's hint at an uploaded size = %q", got)
	}
}

// openAtFallback opens Megan Bowen, whose largest photo is 240x240, with
// 432x432 picked: a size she never uploaded, so the 240x240 is served.
func openAtFallback(t *testing.T) (*harness, *sandbox.User) {
	t.Helper()
	h := newHarness(t)
	h.waitResults()
	megan := h.tenant.Dir.Examples().UpTo240
	h.openUser(megan)
	h.waitIdle()
	h.pickSize("432x432")
	h.waitIdle()
	return h, megan
}
