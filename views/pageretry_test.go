package views

import (
	"context"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// flakyPages is the fake engine whose searches list their people 20 a
// page, and whose second page fails while failing is set — as Graph's does
// when throttled past the retries — keeping its place like Graph's pager,
// so asking again loads it. A second page asked for while gate is set
// waits for it.
type flakyPages struct {
	*fakeEngine
	mu      sync.Mutex
	failing bool
	gate    chan struct{}
	retries int // requests for a page after the first
	// firstToo: the first page fails too while failing is set; fault is
	// the failure (nil: throttled past the retries).
	firstToo bool
	fault    error
}

const flakyPageSize = 20

func (e *flakyPages) set(failing bool, gate chan struct{}) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.failing, e.gate = failing, gate
}

// laterPages is how many pages after the first were asked for.
func (e *flakyPages) laterPages() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.retries
}

func (e *flakyPages) Search(_ app.Kind, query string) *app.SearchPager {
	var found []app.Person
	for _, p := range e.people {
		if strings.HasPrefix(strings.ToLower(p.DisplayName), strings.ToLower(strings.TrimSpace(query))) {
			found = append(found, p)
		}
	}
	next := 0 // the first person of the next page; written by the fetch, like Graph's pager
	done := false
	return app.NewSearchPager(func(context.Context) ([]app.Person, error) {
		e.mu.Lock()
		later := next > 0
		if later {
			e.retries++
		}
		failing, gate, fault := e.failing && (later || e.firstToo), e.gate, e.fault
		e.mu.Unlock()
		if later && gate != nil {
			<-gate
		}
		if failing {
			if fault == nil {
				fault = &graphapi.Error{Status: 429, Code: "TooManyRequests", RequestID: "req-429"}
			}
			return nil, fault
		}
		end := min(next+flakyPageSize, len(found))
		page := found[next:end]
		next, done = end, end == len(found)
		return page, nil
	}, func() bool { return done })
}

// newFlakyHarness is a window on a flakyPages engine of 30 people whose
// second page fails, with the first page listed and the list scrolled to
// its end, where the second page was asked for and failed.
func newFlakyHarness(t *testing.T) (*harness, *flakyPages) {
	eng := &flakyPages{fakeEngine: newFakeEngine(30), failing: true}
	a := test.NewTempApp(t)
	h := &harness{t: t, a: a, q: newUIQueue(), clip: &fakeClipboard{}}
	h.m = newTestMainWindow(a, eng, h.q.do, h.clip, nil, h.dialogs.add)
	h.m.w.Resize(fyne.NewSize(1180, 760))
	t.Cleanup(func() { h.m.photos.Stop(); h.waitIdle(); h.m.w.Close() })
	s := h.m.sidebar
	h.waitFor("the first page", func() bool { return len(s.results) == flakyPageSize })
	s.list.ScrollToBottom()
	h.waitFor("the second page to fail", func() bool { return s.pageFailed && !s.loading })
	h.waitIdle()
	return h, eng
}

// scrollList scrolls the result list by dy as the mouse wheel does
// (positive: towards the top).
func (h *harness) scrollList(dy float32) {
	h.t.Helper()
	sc := test.WidgetRenderer(h.m.sidebar.list).Objects()[0].(*container.Scroll)
	sc.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: dy}})
	h.waitIdle()
}

// checkWhole fails unless the list shows everyone once, in order, and no
// longer says it is incomplete.
func checkWhole(t *testing.T, s *sidebar, people []app.Person) {
	t.Helper()
	if len(s.results) != len(people) {
		t.Fatalf("%d rows, want %d", len(s.results), len(people))
	}
	for i, p := range s.results {
		if p.ID != people[i].ID {
			t.Fatalf("row %d is %s, want %s: a row lost or listed twice", i, p.DisplayName, people[i].DisplayName)
		}
	}
	if s.pageFailed || s.morePages() || s.retry.Visible() || strings.Contains(s.note.Text, "could not") {
		t.Errorf("the whole list still says it is incomplete: note %q, retry shown %v, more pages %v", s.note.Text, s.retry.Visible(), s.morePages())
	}
}

// A page after the first fails: the list says so and offers to load the
// rest. Redrawing its last rows (an avatar arriving) does not ask Graph
// again, nor does scrolling up; scrolling to the end again does, and the
// rest arrives with nobody lost or listed twice.
func TestFailedPageIsLoadedAgainByScrollingToTheEnd(t *testing.T) {
	h, eng := newFlakyHarness(t)
	s := h.m.sidebar
	for _, want := range []string{"20 people so far", "could not be loaded", "Scroll to the end"} {
		if !strings.Contains(s.note.Text, want) {
			t.Errorf("note %q does not say %q", s.note.Text, want)
		}
	}
	if !s.retry.Visible() || !s.morePages() {
		t.Fatalf("retry shown %v, more pages %v after a page failed", s.retry.Visible(), s.morePages())
	}
	if got := newExportForm(h.m).source.Options[0]; !strings.Contains(got, "loaded before the list stopped (retry below the list") {
		t.Errorf("Export offers %q, want it to say the list stopped and how to load the rest", got)
	}
	asked := eng.laterPages()

	eng.set(false, nil)
	s.list.Refresh() // the last rows drawn again, as when their avatars arrive
	h.waitIdle()
	h.scrollList(200)
	if n := eng.laterPages(); n != asked {
		t.Fatalf("%d requests for the failed page after a redraw and a scroll up, want none: only the person asks again", n-asked)
	}

	h.scrollList(-2000)
	h.waitFor("the rest of the list", func() bool { return len(s.results) > flakyPageSize && !s.loading })
	checkWhole(t, s, eng.people)
}

// The retry button loads the rest; its answer, arriving after a new search
// began, is never shown over the new search's results.
func TestRetryButtonLoadsTheRestAndALateAnswerIsDropped(t *testing.T) {
	h, eng := newFlakyHarness(t)
	s := h.m.sidebar

	eng.set(false, nil)
	test.Tap(s.retry)
	h.waitFor("the rest of the list", func() bool { return len(s.results) > flakyPageSize && !s.loading })
	checkWhole(t, s, eng.people)

	// Again, but a new search begins while the retry is on its way.
	eng.set(true, nil)
	h.search("")
	h.waitFor("the first page", func() bool { return len(s.results) == flakyPageSize && !s.loading })
	s.list.ScrollToBottom()
	h.waitFor("the second page to fail", func() bool { return s.pageFailed && !s.loading })
	gate := make(chan struct{})
	eng.set(false, gate)
	test.Tap(s.retry)
	if !s.loading || s.retry.Visible() {
		t.Fatalf("loading %v, retry shown %v right after the retry was pressed", s.loading, s.retry.Visible())
	}
	h.search("Person 0")
	h.waitFor("the new search", func() bool { return len(s.results) == 10 && !s.loading })
	close(gate)
	h.waitIdle()
	if len(s.results) != 10 || !strings.HasPrefix(s.results[9].DisplayName, "Person 0") {
		t.Errorf("%d rows after the old search's late page arrived, want the new search's 10", len(s.results))
	}
}

// A search whose first page fails while throttled offers to ask again,
// and asking again lists everyone.
func TestFailedFirstPageOffersARetry(t *testing.T) {
	eng := &flakyPages{fakeEngine: newFakeEngine(30), failing: true, firstToo: true}
	a := test.NewTempApp(t)
	h := &harness{t: t, a: a, q: newUIQueue(), clip: &fakeClipboard{}}
	h.m = newTestMainWindow(a, eng, h.q.do, h.clip, nil, h.dialogs.add)
	t.Cleanup(func() { h.m.photos.Stop(); h.waitIdle(); h.m.w.Close() })
	s := h.m.sidebar
	h.waitFor("the first page to fail", func() bool { return s.pageFailed && !s.loading })
	if !s.retry.Visible() || s.retry.Text != retrySearchLabel || !strings.Contains(s.note.Text, retrySearchLabel) {
		t.Fatalf("retry shown %v labelled %q, note %q: want the search offered again", s.retry.Visible(), s.retry.Text, s.note.Text)
	}
	if opts := newExportForm(h.m).source.Options; strings.Contains(strings.Join(opts, "|"), "listed") ||
		strings.Contains(strings.Join(opts, "|"), "loaded") {
		t.Errorf("Export offers %q with nobody listed", opts)
	}

	eng.set(false, nil)
	test.Tap(s.retry)
	h.waitFor("the first page", func() bool { return len(s.results) == flakyPageSize && !s.loading })
	s.list.ScrollToBottom()
	h.waitFor("the rest of the list", func() bool { return len(s.results) == len(eng.people) && !s.loading })
	checkWhole(t, s, eng.people)
}

// A page refused for good (no permission) offers no retry: asking again
// would only be refused again.
func TestRefusedPageOffersNoRetry(t *testing.T) {
	for _, firstToo := range []bool{false, true} {
		eng := &flakyPages{
			fakeEngine: newFakeEngine(30), failing: true, firstToo: firstToo,
			fault: &graphapi.Error{Status: 403, Code: "Authorization_RequestDenied", RequestID: "req-403"},
		}
		a := test.NewTempApp(t)
		h := &harness{t: t, a: a, q: newUIQueue(), clip: &fakeClipboard{}}
		h.m = newTestMainWindow(a, eng, h.q.do, h.clip, nil, h.dialogs.add)
		s := h.m.sidebar
		if !firstToo {
			h.waitFor("the first page", func() bool { return len(s.results) == flakyPageSize })
			s.list.ScrollToBottom()
		}
		h.waitFor("a page to be refused", func() bool { return !s.loading && strings.Contains(strings.ToLower(s.note.Text), "permission") })
		if s.retry.Visible() {
			t.Errorf("first page refused %v: a retry is offered for a refusal (note %q)", firstToo, s.note.Text)
		}
		h.m.photos.Stop()
		h.waitIdle()
		h.m.w.Close()
	}
}
