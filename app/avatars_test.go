package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/graphapi"
)

// collectAvatars runs Avatars and gathers what each received, checking
// that calls never overlap and every index comes exactly once.
func collectAvatars(t *testing.T, e *Engine, people []Person) map[int]Avatar {
	t.Helper()
	got := map[int]Avatar{}
	var inCall sync.Mutex
	e.Avatars(t.Context(), people, func(i int, a Avatar) {
		if !inCall.TryLock() {
			t.Error("each called concurrently")
			return
		}
		defer inCall.Unlock()
		if _, dup := got[i]; dup {
			t.Errorf("index %d delivered twice", i)
		}
		if a.Person.ID != people[i].ID {
			t.Errorf("index %d carries %q", i, a.Person.ID)
		}
		got[i] = a
	})
	if len(got) != len(people) {
		t.Fatalf("delivered %d of %d", len(got), len(people))
	}
	return got
}

func TestAvatars(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	f.set("/users/full", hdPhoto(t, 648, "F"))
	f.set("/users/none", nil)
	f.set("/users/entra", &fakePhoto{def: encodeJPEG(t, 400, 300), defID: "default", defW: 400, defH: 300, contentType: "image/Jpeg", etag: "E"})
	f.set("/me/contacts/c1", &fakePhoto{def: encodePNG(t, testImage(96, 96)), defID: "default", defW: 96, defH: 96, contentType: "image/png", etag: "C"})
	f.set("/users/bad", &fakePhoto{sizes: map[string][]byte{"48x48": []byte("garbage")}, etag: "G"})
	people := []Person{
		userPerson("full"), userPerson("none"), userPerson("entra"),
		PersonFromContact(graphapi.ContactInfo{ID: "c1", DisplayName: "C"}, ""), userPerson("bad"),
	}
	got := collectAvatars(t, e, people)
	for _, i := range []int{0, 2, 3} {
		a := got[i]
		if a.Err != nil || a.NoPhoto || a.Image == nil || a.Image.Bounds().Dx() != AvatarSize || a.Image.Bounds().Dy() != AvatarSize {
			t.Errorf("%s: %+v", people[i].ID, a)
		}
	}
	if !got[1].NoPhoto || got[1].Image != nil || got[1].Err != nil {
		t.Errorf("no photo: %+v", got[1])
	}
	if !errors.Is(got[4].Err, ErrHeldDamaged) || f.count("GET /users/bad/photos/48x48/$value") != 1 {
		t.Errorf("garbage bytes: %v after %d reads again; want them read again once and held damaged", got[4].Err, f.count("GET /users/bad/photos/48x48/$value"))
	}
	if f.count("BATCH /me/contacts/c1/photos/48x48/$value") != 0 {
		t.Error("a contact was asked for a size")
	}
	if f.count("BATCH /users/entra/photo/$value") != 1 || f.count("BATCH /users/none/photo/$value") != 1 {
		t.Errorf("second pass at the default size missing: %v", f.hits)
	}

	// Everything but the failure is cached: one more round asks only for
	// it, and reads it again once, as the first did.
	before := f.count("BATCH /users/bad/photos/48x48/$value")
	total := f.total()
	got = collectAvatars(t, e, people)
	if got[0].Image == nil || !got[1].NoPhoto {
		t.Errorf("cached avatars wrong")
	}
	if f.count("BATCH /users/bad/photos/48x48/$value") != before+1 || f.total() != total+3 {
		t.Errorf("second round: want one envelope with the failed item only and its read again, hits %v", f.hits)
	}
	if f.count("BATCH /users/full/photos/48x48/$value") != 1 {
		t.Errorf("cached avatar fetched again")
	}
}

// fakeUsers puts n users u00, u01, … on f, each with a 48x48 photo except
// those whose index none reports, who have no photo.
func fakeUsers(t *testing.T, f *fakeGraph, n int, none func(i int) bool) []Person {
	t.Helper()
	photo := hdPhoto(t, 48, "S")
	people := make([]Person, n)
	for i := range n {
		id := fmt.Sprintf("u%02d", i)
		if none(i) {
			f.set("/users/"+id, nil)
		} else {
			f.set("/users/"+id, photo)
		}
		people[i] = userPerson(id)
	}
	return people
}

func TestAvatarsBatchesOf20(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	people := fakeUsers(t, f, 45, func(int) bool { return false })
	got := collectAvatars(t, e, people)
	for i, a := range got {
		if a.Image == nil {
			t.Errorf("%d: %+v", i, a)
		}
	}
	if n := f.count("POST /$batch"); n != 3 {
		t.Errorf("%d batches for 45 people, want 3", n)
	}
}

// TestAvatarsRetriesShareEnvelopes shows the default-size retries of
// people missing at 48x48 going out with first tries still to ask, not in
// envelopes of their own: 41 people, two without a photo in each of the
// first two envelopes, take at most 4 envelopes (5 when every envelope's
// retries went alone).
func TestAvatarsRetriesShareEnvelopes(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	// A slow run (-race, two busy cores) must not send row 40 alone after
	// the wait: the envelopes' answers decide here, not the clock.
	e.avatarPartWait = time.Minute
	none := func(i int) bool { return i == 1 || i == 2 || i == 21 || i == 22 }
	people := fakeUsers(t, f, 41, none)
	got := collectAvatars(t, e, people)
	for i, a := range got {
		if none := none(i); a.NoPhoto != none || (!none && a.Image == nil) {
			t.Errorf("%d: %+v", i, a)
		}
	}
	if n := f.count("POST /$batch"); n > 4 {
		t.Errorf("%d envelopes for 41 people and 4 retries, want at most 4", n)
	}
	if n := f.count("BATCH /users/u21/photo/$value"); n != 1 {
		t.Errorf("row 21 asked %d times at its default size", n)
	}
}

func TestAvatarsStopOnCancel(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	f.set("/users/a", hdPhoto(t, 48, "A"))
	var people []Person
	for range 100 {
		people = append(people, userPerson("a"))
	}
	ctx, cancel := contextWithCancel(t)
	calls := 0
	e.Avatars(ctx, people, func(int, Avatar) {
		calls++
		cancel()
	})
	if calls != 1 {
		t.Errorf("each called %d times after cancel, want 1", calls)
	}
}

func contextWithCancel(t *testing.T) (context.Context, context.CancelFunc) {
	return context.WithCancel(t.Context())
}

// An avatar's 404 that is not "no photo" (a user who does not exist)
// shows initials, but is not kept as "no photo" where the viewer reads:
// opened at the avatar's size, the person must show the 404 for what it is.
func TestAvatarOfAnUnknownUserIsNotKeptAsNoPhoto(t *testing.T) {
	f := newFakeGraph(t)
	d, err := diskcache.Open(diskcache.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(Config{Client: f.client(), CacheTTL: time.Hour})
	e.UseDiskCache(d, "sandbox", "tenant-1")
	ghost := userPerson("ghost")
	if got := collectAvatars(t, e, []Person{ghost}); !got[0].NoPhoto || got[0].Image != nil {
		t.Fatalf("avatar of an unknown user: %+v, want initials", got[0])
	}
	r, err := e.Photo(t.Context(), ghost, "48x48")
	if err == nil || (r != nil && r.NoPhoto) {
		t.Errorf("opened at 48x48: result %+v, error %v; want the 404 as an error, not \"no photo\"", r, err)
	}
}

// StreamAvatars delivers the first rows fed at once, without waiting for
// the feed to close or for an envelope to fill (the part-filled wait is a
// minute here), and returns when its context ends though the feed is still
// open, having sent only the first rows' envelope.
func TestStreamAvatarsFirstRowsAtOnceAndEndsWithItsContext(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	e.avatarPartWait = time.Minute
	people := fakeUsers(t, f, 2, func(int) bool { return false })
	feed := NewPeopleFeed()
	ctx, cancel := context.WithCancel(t.Context())
	delivered := make(chan int, len(people))
	done := make(chan struct{})
	go func() {
		defer close(done)
		e.StreamAvatars(ctx, feed, func(i int, a Avatar) {
			if a.Image == nil {
				t.Errorf("person %d: %+v", i, a)
			}
			delivered <- i
		})
	}()
	feed.Add(people...)
	for range people {
		select {
		case <-delivered:
		case <-time.After(10 * time.Second):
			t.Fatal("the first rows' avatars waited for more rows")
		}
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("StreamAvatars went on after its context ended")
	}
	if n := f.count("POST /$batch"); n != 1 {
		t.Errorf("%d envelopes, want the first rows' one", n)
	}
}

// TestAvatarFailedIsAnsweredByThePhotoShown: under faults a list's avatar
// failed and its row stayed a grey disc for good, though the viewer then
// showed the person's photo; asked again, the list went back to Graph,
// which could fail it again. A photo read now keeps its thumbnail as the
// avatar, answered from memory.
func TestAvatarFailedIsAnsweredByThePhotoShown(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	f.set("/users/ann", &fakePhoto{sizes: map[string][]byte{"48x48": []byte("garbage"), "240x240": encodeJPEG(t, 240, 240)}, etag: "A"})
	people := []Person{userPerson("ann")}
	if got := collectAvatars(t, e, people); got[0].Err == nil {
		t.Fatalf("the damaged avatar arrived as %+v; want its error", got[0])
	}
	if _, err := e.Photo(t.Context(), people[0], "240x240"); err != nil {
		t.Fatal(err)
	}
	before := f.total()
	got := collectAvatars(t, e, people)
	if a := got[0]; a.Err != nil || a.Image == nil || a.Image.Bounds().Dx() != AvatarSize {
		t.Errorf("after the photo was shown the avatar is %+v; want a %dx%d picture", a, AvatarSize, AvatarSize)
	}
	if f.total() != before {
		t.Errorf("the avatar was asked of Graph again (%d requests): %v", f.total()-before, f.hits)
	}
}
