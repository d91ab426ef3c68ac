package app

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/internal/testkit"
)

func userPerson(id string) Person {
	return Person{Subject: graphapi.User(id), Kind: KindUser, ID: id, UPN: id + "@contoso.com", DisplayName: "User " + id}
}

func newFakeEngine(t *testing.T) (*fakeGraph, *Engine, *testkit.Clock) {
	f := newFakeGraph(t)
	clock := testkit.NewClock()
	return f, NewEngine(Config{Client: f.client(), Now: clock.Now, CacheTTL: time.Hour}), clock
}

func TestPhotoFetchThenCache(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	f.set("/users/ann", hdPhoto(t, 648, "AAA1"))
	p := userPerson("ann")
	r, err := e.Photo(t.Context(), p, "240x240")
	if err != nil {
		t.Fatal(err)
	}
	if r.NoPhoto || r.Served != "240x240" || r.Width != 240 || r.Height != 240 || r.Format != "jpeg" || r.Image == nil {
		t.Fatalf("result %+v", r)
	}
	if r.FromCache || r.Meta == nil || r.Meta.ID != "240X240" || !graphapi.SameETag(r.ETag, `"AAA1"`) || r.FallbackNote() != "" {
		t.Fatalf("meta %+v etag %q cache %v note %q", r.Meta, r.ETag, r.FromCache, r.FallbackNote())
	}
	if f.count("GET /users/ann/photos/240x240/$value") != 1 || f.count("GET /users/ann/photos/240x240") != 1 || f.total() != 2 {
		t.Fatalf("requests %v", f.hits)
	}
	r2, err := e.Photo(t.Context(), p, "240x240")
	if err != nil || !r2.FromCache || r2.Image != r.Image {
		t.Fatalf("second: %v %+v", err, r2)
	}
	if f.total() != 2 {
		t.Fatalf("a fresh cache entry made requests: %v", f.hits)
	}
}

func TestPhotoStaleRevalidatesByETag(t *testing.T) {
	f, e, clock := newFakeEngine(t)
	f.set("/users/ann", hdPhoto(t, 648, "AAA1"))
	p := userPerson("ann")
	if _, err := e.Photo(t.Context(), p, "96x96"); err != nil {
		t.Fatal(err)
	}
	clock.Advance(2 * time.Hour)
	r, err := e.Photo(t.Context(), p, "96x96")
	if err != nil {
		t.Fatal(err)
	}
	if !r.FromCache || f.count("GET /users/ann/photos/96x96/$value") != 1 || f.count("GET /users/ann/photos/96x96") != 2 {
		t.Fatalf("unchanged ETag: cache %v, hits %v", r.FromCache, f.hits)
	}
	// Revalidated: fresh again for another TTL.
	if _, err := e.Photo(t.Context(), p, "96x96"); err != nil || f.count("GET /users/ann/photos/96x96") != 2 {
		t.Fatalf("not fresh after revalidation: %v", f.hits)
	}

	// The photo changes: a stale entry is downloaded again.
	f.set("/users/ann", hdPhoto(t, 648, "BBB2"))
	clock.Advance(2 * time.Hour)
	r, err = e.Photo(t.Context(), p, "96x96")
	if err != nil {
		t.Fatal(err)
	}
	if r.FromCache || !graphapi.SameETag(r.ETag, "BBB2") || f.count("GET /users/ann/photos/96x96/$value") != 2 {
		t.Fatalf("changed ETag: %+v hits %v", r, f.hits)
	}
}

func TestPhotoStaleWhileOffline(t *testing.T) {
	f, e, clock := newFakeEngine(t)
	f.set("/users/ann", hdPhoto(t, 648, "AAA1"))
	p := userPerson("ann")
	first, err := e.Photo(t.Context(), p, graphapi.SizeLargest)
	if err != nil {
		t.Fatal(err)
	}
	f.srv.Close()
	clock.Advance(2 * time.Hour)
	r, err := e.Photo(t.Context(), p, graphapi.SizeLargest)
	if err != nil || !r.FromCache || r.Image != first.Image {
		t.Fatalf("offline revalidation: %v %+v", err, r)
	}
	// Nothing cached for another size: the error is the network's.
	if _, err := e.Photo(t.Context(), p, "48x48"); err == nil || !strings.Contains(Friendly(err), "Cannot reach") {
		t.Fatalf("uncached while offline: %v / %s", err, Friendly(err))
	}
}

func TestPhotoNoPhotoIsCached(t *testing.T) {
	f, e, clock := newFakeEngine(t)
	f.set("/users/nophoto", nil)
	p := userPerson("nophoto")
	for _, size := range []graphapi.Size{graphapi.SizeLargest, "648x648"} {
		r, err := e.Photo(t.Context(), p, size)
		if err != nil {
			t.Fatal(err)
		}
		if !r.NoPhoto || r.NoPhotoReason != ReasonNoPhoto || r.Image != nil || r.SuggestedFileName() != "" || r.FallbackNote() != "" {
			t.Fatalf("%q: %+v", size, r)
		}
	}
	before := f.total()
	for _, size := range []graphapi.Size{graphapi.SizeLargest, "648x648"} {
		if r, err := e.Photo(t.Context(), p, size); err != nil || !r.NoPhoto {
			t.Fatal(err)
		}
	}
	if f.total() != before {
		t.Fatalf("cached no-photo made requests: %v", f.hits)
	}
	// After the shorter life of "no photo" (well within the photo TTL of an
	// hour) it is asked again: the person may have uploaded one.
	f.set("/users/nophoto", hdPhoto(t, 648, "NEW"))
	clock.Advance(noPhotoTTL + time.Minute)
	if _, ok := e.PhotoInMemory(p, graphapi.SizeLargest); ok {
		t.Error("an old \"no photo\" is still shown from memory")
	}
	if r, err := e.Photo(t.Context(), p, graphapi.SizeLargest); err != nil || r.NoPhoto || r.Width != 648 {
		t.Fatalf("after upload: %v %+v", err, r)
	}
	f.set("/users/none", nil)
	none := []Person{userPerson("none")}
	if got := collectAvatars(t, e, none); !got[0].NoPhoto {
		t.Fatalf("avatar: %+v", got[0])
	}
	f.set("/users/none", hdPhoto(t, 648, "ADDED"))
	clock.Advance(noPhotoTTL + time.Minute)
	if got := collectAvatars(t, e, none); got[0].NoPhoto || got[0].Image == nil {
		t.Errorf("an old \"no photo\" avatar is still shown: %+v", got[0])
	}
}

func TestPhotoSizeFallback(t *testing.T) {
	tests := []struct {
		name      string
		upTo      int
		requested graphapi.Size
		served    graphapi.Size
		note      string
	}{
		{"504 uploaded", 504, "648x648", "504x504", "648x648 not uploaded — showing 504x504"},
		{"240 uploaded", 240, "432x432", "240x240", "432x432 not uploaded — showing 240x240"},
		{"exists", 240, "120x120", "120x120", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, e, _ := newFakeEngine(t)
			f.set("/users/u", hdPhoto(t, tt.upTo, "E1"))
			p := userPerson("u")
			r, err := e.Photo(t.Context(), p, tt.requested)
			if err != nil {
				t.Fatal(err)
			}
			if r.Requested != tt.requested || r.Served != tt.served || r.Width != tt.served.Pixels() || r.FallbackNote() != tt.note {
				t.Fatalf("served %q %dx%d note %q", r.Served, r.Width, r.Height, r.FallbackNote())
			}
			wantLists := 0
			if tt.note != "" {
				wantLists = 1
				var want []graphapi.Size
				for _, s := range graphapi.HDSizes {
					if s.Pixels() <= tt.upTo {
						want = append(want, s)
					}
				}
				if !slices.Equal(r.Available, want) {
					t.Errorf("Available = %v, want %v", r.Available, want)
				}
			}
			if f.count("GET /users/u/photos") != wantLists {
				t.Errorf("listed /photos %d times", f.count("GET /users/u/photos"))
			}
			before := f.total()
			if r2, err := e.Photo(t.Context(), p, tt.requested); err != nil || r2.Served != tt.served || !r2.FromCache {
				t.Fatalf("again: %v %+v", err, r2)
			}
			if f.total() != before {
				t.Errorf("cached fallback made requests")
			}
		})
	}
}

func TestPhotoEntraOnly(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	f.set("/users/lynne", &fakePhoto{def: encodeJPEG(t, 400, 300), defID: "default", defW: 400, defH: 300, contentType: "image/Jpeg", etag: "E0"})
	p := userPerson("lynne")
	r, err := e.Photo(t.Context(), p, "240x240")
	if err != nil {
		t.Fatal(err)
	}
	if r.Served != graphapi.SizeLargest || r.Width != 400 || r.Height != 300 || r.ContentType != "image/Jpeg" || r.Format != "jpeg" {
		t.Fatalf("%+v", r)
	}
	if r.FallbackNote() != "240x240 not uploaded — showing the only photo (400x300)" {
		t.Errorf("note %q", r.FallbackNote())
	}
	sizes, err := e.AvailableSizes(t.Context(), p)
	if err != nil || sizes == nil || len(sizes) != 0 {
		t.Errorf("AvailableSizes = %v, %v", sizes, err)
	}
	if r.SuggestedFileName() != "lynne@contoso.com_400x300.jpg" {
		t.Errorf("file name %q", r.SuggestedFileName())
	}
}

func TestPhotoContactHasOneSize(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	f.set("/me/contacts/c1", &fakePhoto{def: encodePNG(t, testImage(120, 120)), defID: "default", defW: 120, defH: 120, contentType: "image/png", etag: "C1"})
	p := PersonFromContact(graphapi.ContactInfo{ID: "c1", DisplayName: "Bob Contact"}, "")
	r, err := e.Photo(t.Context(), p, "96x96")
	if err != nil {
		t.Fatal(err)
	}
	if r.Served != graphapi.SizeLargest || r.Format != "png" || r.FallbackNote() != "contacts have one photo size" || r.Available == nil || len(r.Available) != 0 {
		t.Fatalf("%+v note %q", r, r.FallbackNote())
	}
	for k := range f.hits {
		if strings.Contains(k, "/photos") {
			t.Errorf("a per-size request was sent for a contact: %s", k)
		}
	}
	if r, _ := e.Photo(t.Context(), p, graphapi.SizeLargest); r.FallbackNote() != "" {
		t.Errorf("largest contact photo has a note %q", r.FallbackNote())
	}
}

func TestPhotoNeverTrustsContentType(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	pngAsJPEG := &fakePhoto{def: encodePNG(t, testImage(64, 64)), defID: "default", defW: 64, defH: 64, contentType: "image/jpeg", etag: "P"}
	f.set("/users/png", pngAsJPEG)
	html := &fakePhoto{def: []byte("<html>gateway error</html>"), defID: "default", defW: 64, defH: 64, contentType: "image/jpeg", etag: "H"}
	f.set("/users/html", html)
	f.set("/users/bomb", &fakePhoto{def: pngBomb(t, 60000, 60000), defID: "default", defW: 60000, defH: 60000, contentType: "image/png", etag: "B"})

	r, err := e.Photo(t.Context(), userPerson("png"), graphapi.SizeLargest)
	if err != nil || r.Format != "png" || !strings.HasSuffix(r.SuggestedFileName(), ".png") {
		t.Fatalf("png labelled jpeg: %v %+v", err, r)
	}
	_, err = e.Photo(t.Context(), userPerson("html"), graphapi.SizeLargest)
	if !errors.Is(err, ErrNotImage) {
		t.Fatalf("html labelled jpeg: %v", err)
	}
	// A failed decode is not cached: the next try asks again (each try
	// reads twice: the same bytes twice are what Graph holds).
	_, _ = e.Photo(t.Context(), userPerson("html"), graphapi.SizeLargest)
	if n := f.count("GET /users/html/photo/$value"); n != 4 {
		t.Errorf("corrupt photo fetched %d times, want 4", n)
	}
	if _, err := e.Photo(t.Context(), userPerson("bomb"), graphapi.SizeLargest); !errors.Is(err, ErrImageTooLarge) {
		t.Fatalf("bomb: %v", err)
	}
}

func TestPhotoPlaceholderAndPersonal(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	f.set("/users/gif", &fakePhoto{placeholder: true, etag: ""})
	r, err := e.Photo(t.Context(), userPerson("gif"), graphapi.SizeLargest)
	if err != nil || !r.NoPhoto {
		t.Fatalf("1x1 placeholder: %v %+v", err, r)
	}

	// A personal account reads its own bytes, but not metadata.
	f.set("/me", &fakePhoto{sizes: hdPhoto(t, 648, "x").sizes, personal: true, etag: "ME"})
	me := Person{Subject: graphapi.Me(), Kind: KindUser, DisplayName: "Alex"}
	r, err = e.Photo(t.Context(), me, graphapi.SizeLargest)
	if err != nil || r.NoPhoto || r.Meta != nil || !graphapi.IsPersonalAccountUnsupported(r.MetaErr) || r.Width != 648 {
		t.Fatalf("personal: %v %+v", err, r)
	}
}

func TestPhotoUnknownUserIsAnError(t *testing.T) {
	_, e, _ := newFakeEngine(t)
	for _, size := range []graphapi.Size{graphapi.SizeLargest, "48x48"} {
		_, err := e.Photo(t.Context(), userPerson("ghost"), size)
		if !graphapi.IsNotFound(err) || graphapi.IsNoPhoto(err) {
			t.Fatalf("%q: %v", size, err)
		}
	}
}

func TestPhotoInvalidate(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	f.set("/users/ann", hdPhoto(t, 648, "A"))
	p := userPerson("ann")
	if _, err := e.Photo(t.Context(), p, "48x48"); err != nil {
		t.Fatal(err)
	}
	e.Invalidate(p)
	r, err := e.Photo(t.Context(), p, "48x48")
	if err != nil || r.FromCache || f.count("GET /users/ann/photos/48x48/$value") != 2 {
		t.Fatalf("after Invalidate: %v %+v", err, r)
	}
}

// TestPhotoCancel: cancelling the context ends a load that the server is
// still working on.
func TestPhotoCancel(t *testing.T) {
	arrived := make(chan struct{}, 4)
	unblock := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		select {
		case <-r.Context().Done():
		case <-unblock:
		}
	}))
	defer srv.Close()
	defer close(unblock)
	e := NewEngine(Config{Client: graphapi.New(graphapi.WithBaseURL(srv.URL))})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := e.Photo(ctx, userPerson("slow"), "48x48")
		done <- err
	}()
	<-arrived
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// Only the photos used most recently keep their decoded image; one looked
// at long ago is decoded again from its cached bytes, without a request.
func TestDecodedImagesOfOldPhotosReleased(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	var people []Person
	for i := range decodedKeep + 5 {
		id := string(rune('a'+i%26)) + strings.Repeat("x", i/26)
		f.set("/users/"+id, hdPhoto(t, 96, "E"+id))
		people = append(people, userPerson(id))
	}
	first, err := e.Photo(t.Context(), people[0], "96x96")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people[1:] {
		if _, err := e.Photo(t.Context(), p, "96x96"); err != nil {
			t.Fatal(err)
		}
	}
	held := 0
	e.cache.mu.Lock()
	for _, ent := range e.cache.photos {
		if ent.dec != nil {
			held++
		}
	}
	released := e.cache.photos[photoKey{people[0].Subject, "96x96"}].dec == nil
	e.cache.mu.Unlock()
	if held != decodedKeep || !released {
		t.Fatalf("%d decoded images held (want %d), the first released: %v", held, decodedKeep, released)
	}
	requests := f.total()
	again, err := e.Photo(t.Context(), people[0], "96x96")
	if err != nil || !again.FromCache || again.Image == nil || again.Width != 96 || !samePixels(first.Image, again.Image) {
		t.Fatalf("the released photo again: %v %+v", err, again)
	}
	if f.total() != requests {
		t.Errorf("decoding again made %d requests", f.total()-requests)
	}
	if first.Image == nil {
		t.Error("a result handed out lost its image")
	}
}

// A metadata call that failed for a passing reason (a 503) is asked again
// the next time the photo is shown, instead of the photo showing no ETag
// or size for the cache's whole hour; a personal account's "not
// supported" is kept, and not asked again.
func TestPassingMetadataFailureIsAskedAgain(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	ann := hdPhoto(t, 648, "AAA1")
	ann.busyMeta = 1
	f.set("/users/ann", ann)
	p := userPerson("ann")
	r, err := e.Photo(t.Context(), p, "240x240")
	if err != nil || r.Meta != nil || r.MetaErr == nil {
		t.Fatalf("first: %v, meta %+v, metaErr %v; want the photo and the 503", err, r.Meta, r.MetaErr)
	}
	r, err = e.Photo(t.Context(), p, "240x240")
	if err != nil || r.Meta == nil || r.MetaErr != nil {
		t.Fatalf("second: %v, meta %+v, metaErr %v; want the metadata now", err, r.Meta, r.MetaErr)
	}
	if n := f.count("GET /users/ann/photos/240x240/$value"); n != 1 {
		t.Errorf("the bytes were downloaded %d times, want once (the ETag had not changed)", n)
	}

	f.set("/users/bob", &fakePhoto{sizes: hdPhoto(t, 648, "BBB1").sizes, etag: "BBB1", personal: true})
	bob := userPerson("bob")
	for range 2 {
		if _, err := e.Photo(t.Context(), bob, graphapi.SizeLargest); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.count("GET /users/bob/photo"); n != 1 {
		t.Errorf("a personal account's metadata was asked %d times, want once", n)
	}
}
