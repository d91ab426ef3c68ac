package views

import (
	"image"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/views/widgets"
)

// An avatar load already on its way when a person's photo changed (an
// import, a change, an undo: forgetAvatar) answers late with the old
// picture; the row keeps the new one.
func TestLateAvatarAfterAChangeIsNotShown(t *testing.T) {
	f := newFakeEngine(2)
	h := newFakeHarness(t, f)
	h.waitResults()
	p := f.people[0]
	h.waitFor("the first avatars", func() bool { return len(h.m.sidebar.avatars) > 0 && h.m.sidebar.avatars[0] != nil })
	h.waitIdle()

	// The avatar after the change has a colour of its own.
	old := square(app.AvatarSize, p.ID)
	key := "#changed"
	for sameColour(square(app.AvatarSize, p.ID+key), old) {
		key += "!"
	}
	gate := make(chan struct{})
	f.mu.Lock()
	f.avatarGate = gate // the first reload answers late, with the old picture
	f.mu.Unlock()
	h.m.sidebar.forgetAvatar(p)
	h.waitFor("the slow reload to be on its way", func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.avatarGate == nil
	})

	f.mu.Lock()
	f.avatarKey = key // the photo changes again; the next reload is quick
	f.mu.Unlock()
	h.m.sidebar.forgetAvatar(p)
	want := square(app.AvatarSize, p.ID+key)
	h.waitFor("the new avatar", func() bool {
		a := h.m.sidebar.avatars[0]
		return a != nil && sameColour(a, want)
	})

	close(gate)
	h.waitIdle()
	if a := h.m.sidebar.avatars[0]; a == nil || !sameColour(a, want) {
		t.Error("the late answer of the first reload put the old avatar back")
	}
}

// sameColour compares two one-colour images by their first pixel.
func sameColour(a, b image.Image) bool {
	r1, g1, b1, a1 := a.At(0, 0).RGBA()
	r2, g2, b2, a2 := b.At(0, 0).RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

// A row waits for its avatar with a grey disc, not the initials that mean
// "no photo" (on a slow network every row looked photo-less); once the
// answer is in, the row shows the photo or the initials.
func TestRowsWaitGreyForTheirAvatars(t *testing.T) {
	f := newFakeEngine(3)
	gate := make(chan struct{})
	f.avatarGate = gate
	h := newFakeHarness(t, f)
	h.waitResults()
	rows := func() []*widgets.ResultRow {
		var out []*widgets.ResultRow
		for _, o := range test.LaidOutObjects(h.m.sidebar.list) {
			if r, ok := o.(*widgets.ResultRow); ok && r.Visible() && r.Name() != "" {
				out = append(out, r)
			}
		}
		return out
	}
	h.waitFor("the rows", func() bool { return len(rows()) == 3 })
	for _, r := range rows() {
		if !r.Pending() {
			t.Errorf("%s does not wait for its avatar", r.Name())
		}
	}
	close(gate)
	h.waitFor("the avatars", func() bool {
		for _, r := range rows() {
			if r.Pending() {
				return false
			}
		}
		return true
	})
}
