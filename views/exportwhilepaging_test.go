package views

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestExportOffersWhatTheListShowsWhilePaging: Export… was once seen to
// offer only "Every user in the tenant" while the list said "50 people so
// far", under a slow, throttled sandbox. The form reads the results the
// list draws, on the same goroutine, so it must offer what the list
// shows: the page loaded while the next one is on its way, the whole list
// once it came, and — when a search restarts and the rows go — nothing,
// with the list empty and saying so too, never the count before.
func TestExportOffersWhatTheListShowsWhilePaging(t *testing.T) {
	eng := &flakyPages{fakeEngine: newFakeEngine(30)}
	gate := make(chan struct{})
	eng.set(false, gate) // the second page waits for the gate
	a := test.NewTempApp(t)
	h := &harness{t: t, a: a, q: newUIQueue(), clip: &fakeClipboard{}}
	h.m = newTestMainWindow(a, eng, h.q.do, h.clip, nil, h.dialogs.add)
	h.m.w.Resize(fyne.NewSize(1180, 760))
	released := false
	release := func() {
		if !released {
			released = true
			close(gate)
		}
	}
	t.Cleanup(func() { release(); h.m.photos.Stop(); h.waitIdle(); h.m.w.Close() })
	s := h.m.sidebar
	h.waitFor("the first page", func() bool { return len(s.results) == flakyPageSize })
	s.list.ScrollToBottom()
	h.waitFor("the second page on its way", func() bool { return s.loading })

	listedOption := func() (label string, people int) {
		f := newExportForm(h.m)
		for l, who := range f.whos {
			if who == exportWhoListed {
				return l, len(f.sources[l].People)
			}
		}
		return "", 0
	}
	label, n := listedOption()
	if n != flakyPageSize || !strings.Contains(label, fmt.Sprintf("%d people loaded so far", flakyPageSize)) {
		t.Errorf("next page on its way: the list shows %d, the form offers %q (%d people)", flakyPageSize, label, n)
	}

	release()
	h.waitFor("the second page", func() bool { return len(s.results) == 30 && !s.loading })
	if label, n = listedOption(); n != 30 || !strings.Contains(label, "30 people listed") {
		t.Errorf("whole list: the form offers %q (%d people), want the 30 listed", label, n)
	}

	// A search restarting empties the list it draws and its note at once:
	// the form offers no list then, and the list shows none either.
	s.onQuerySubmitted("")
	if label, _ = listedOption(); label != "" {
		t.Errorf("search restarted: the form offers %q", label)
	}
	if s.length() != 0 || strings.Contains(s.note.Text, "people") {
		t.Errorf("search restarted: the list draws %d rows, note %q, while the form offers none", s.length(), s.note.Text)
	}
	h.waitFor("the search's rows", func() bool { return len(s.results) > 0 && !s.loading })
	if label, n = listedOption(); n != len(s.results) {
		t.Errorf("search's rows: the list shows %d, the form offers %q (%d people)", len(s.results), label, n)
	}
	h.waitIdle()
}
