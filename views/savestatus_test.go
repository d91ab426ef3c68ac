package views

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
)

// TestSaveAllSizesWordOutlivesALoad: someone else opened while Save all
// sizes fetched took the status bar ("Loading the photo of …" beside
// "Stop saving", which then read as stopping the load), and the load's end
// cleared it, so the save's "Saved 9 photos of …", arriving meanwhile,
// vanished: nothing said the save was done. A load now leaves the bar to
// a job running (the viewer says it is loading) and clears only its own
// word.
func TestSaveAllSizesWordOutlivesALoad(t *testing.T) {
	f := newFakeEngine(3)
	h := newShownFakeHarness(t, f)
	dir := t.TempDir()
	finish := make(chan struct{})
	f.mu.Lock()
	f.saveAll = func(ctx context.Context, p app.Person, dir string, _ bool) ([]string, error) {
		<-finish
		return []string{filepath.Join(dir, "a_48x48.png"), filepath.Join(dir, "a_96x96.png")}, nil
	}
	f.mu.Unlock()
	h.m.saveAllInto(dir)
	h.waitFor("the Stop link", func() bool { return h.m.status.stop.Visible() })

	other := f.people[1]
	f.hold(other)
	defer f.releaseAll()
	h.m.open(other)
	h.waitFor("the load", func() bool { return h.m.viewer.loading.Visible() })
	if got := h.m.status.activity.Text; !strings.Contains(got, "Saving every size of "+f.people[0].DisplayName) {
		t.Errorf("status while saving and loading = %q; want the save's word beside its Stop link", got)
	}

	close(finish)
	saved := "Saved 2 photos of " + f.people[0].DisplayName
	h.waitFor("the save's word", func() bool { return strings.HasPrefix(h.m.status.activity.Text, saved) })
	f.release(other)
	h.waitShown(other.DisplayName)
	h.waitIdle()
	if got := h.m.status.activity.Text; !strings.HasPrefix(got, saved) {
		t.Errorf("status after the load ended = %q; want %q kept", got, saved)
	}
}
