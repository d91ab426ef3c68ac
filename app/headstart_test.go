package app

import (
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// TestWarmUpIsTakenOver: the list and photo WarmUp fetches ahead are what
// the window's first Search and Photo get, not fetched again: one list
// request and one download for both; the rest of the list pages on.
func TestWarmUpIsTakenOver(t *testing.T) {
	tn := startTenant(t, sandbox.Options{Users: 120})
	tn.ResetStats()
	tn.e.WarmUp(t.Context(), KindUser, "48x48")
	pager := tn.e.Search(KindUser, "")
	if pager.Done() {
		t.Fatal("the head start's pager is done before its first page")
	}
	page, err := pager.Next(t.Context())
	if err != nil || len(page) != SearchPageSize {
		t.Fatalf("first page: %d people, %v", len(page), err)
	}
	r, err := tn.e.Photo(t.Context(), page[0], "48x48")
	if err != nil {
		t.Fatal(err)
	}
	if !r.NoPhoto && r.Image == nil {
		t.Fatalf("first person's photo: %+v", r)
	}
	st := tn.Stats()
	if st.Requests[sandbox.KindUsers] != 1 || st.Requests[sandbox.KindPhotoBytes] != 1 {
		t.Errorf("%d list requests and %d downloads for the first page and photo, want 1 and 1", st.Requests[sandbox.KindUsers], st.Requests[sandbox.KindPhotoBytes])
	}
	more, err := pager.Next(t.Context())
	if err != nil || len(more) != SearchPageSize || more[0].ID == page[0].ID {
		t.Fatalf("second page: %d people, %v", len(more), err)
	}
	// Taken once: a second full list is a search of its own.
	if _, err := tn.e.Search(KindUser, "").Next(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := tn.Stats().Requests[sandbox.KindUsers]; n != 3 {
		t.Errorf("%d list requests after two pages and a new search, want 3", n)
	}
}

// TestWarmUpGoesStale: a head start is not handed to a list of another
// kind, nor after its life.
func TestWarmUpGoesStale(t *testing.T) {
	tn := startTenant(t, sandbox.Options{Users: 20})
	tn.e.WarmUp(t.Context(), KindUser, "48x48")
	if tn.e.takeHeadStart(KindGroup) != nil {
		t.Error("a head start for people was handed to a list of groups")
	}
	tn.clock.Advance(headStartLife + time.Second)
	if h := tn.e.takeHeadStart(KindUser); h != nil {
		t.Error("a head start older than its life was handed out")
	}
}

// TestHeadStartReadyWithoutWaiting: once WarmUp's page and photo are here,
// the window takes them without a goroutine or a request — TryNext hands
// the page once, PhotoInMemory the fresh decoded photo — and neither
// answers for what is not in memory yet, forgotten or stale.
func TestHeadStartReadyWithoutWaiting(t *testing.T) {
	tn := startTenant(t, sandbox.Options{Users: 120})
	tn.ResetStats()
	tn.e.WarmUp(t.Context(), KindUser, "48x48")
	pager := tn.e.Search(KindUser, "")
	var page []Person
	waitFor(t, "the head start's page", func() bool {
		p, ok, err := pager.TryNext()
		if err != nil {
			t.Fatal(err)
		}
		page = p
		return ok
	})
	if len(page) != SearchPageSize {
		t.Fatalf("first page: %d people, want %d", len(page), SearchPageSize)
	}
	if _, ok, _ := pager.TryNext(); ok {
		t.Fatal("the head start's page was handed out twice")
	}
	if _, ok := tn.e.PhotoInMemory(page[1], "48x48"); ok {
		t.Fatal("a photo never fetched was in memory")
	}
	var r *PhotoResult
	waitFor(t, "the first person's photo in memory", func() bool {
		var ok bool
		r, ok = tn.e.PhotoInMemory(page[0], "48x48")
		return ok
	})
	if !r.NoPhoto && (r.Image == nil || r.Meta == nil) {
		t.Fatalf("photo in memory without its image or metadata: %+v", r)
	}
	if n := tn.Stats().Requests[sandbox.KindPhotoBytes]; n != 1 {
		t.Errorf("%d downloads, want WarmUp's one", n)
	}
	more, err := pager.Next(t.Context())
	if err != nil || len(more) != SearchPageSize || more[0].ID == page[0].ID {
		t.Fatalf("second page: %d people, %v", len(more), err)
	}

	tn.e.Invalidate(page[0])
	if _, ok := tn.e.PhotoInMemory(page[0], "48x48"); ok {
		t.Error("an invalidated photo was still in memory")
	}
	if _, err := tn.e.Photo(t.Context(), page[0], "48x48"); err != nil {
		t.Fatal(err)
	}
	if _, ok := tn.e.PhotoInMemory(page[0], "48x48"); !ok {
		t.Fatal("a photo just fetched was not in memory")
	}
	tn.clock.Advance(DefaultCacheTTL + time.Second)
	if _, ok := tn.e.PhotoInMemory(page[0], "48x48"); ok {
		t.Error("a stale photo was handed out without its ETag checked")
	}
}
