package app

import (
	"sync"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// A list of 150 people whose rows come as their lookups answer, fed to
// StreamAvatars as the window feeds it (ListLookup's hand-overs, in the
// file's order), has its avatars go out in about as few $batch envelopes
// as the same people at once: full ones, the first rows' at once, and a
// part-filled one or two at the end. Asked for a few rows at a time, with
// an Avatars call each, every few rows cost an envelope and their
// default-size retries another.
func TestSandboxStreamedListFillsItsEnvelopes(t *testing.T) {
	// Every request takes 10 ms, so the lookups (four at a time) hand the
	// rows over a few at a time, while envelopes are out.
	tn := startTenant(t, sandbox.Options{Faults: sandbox.Faults{Latency: 10 * time.Millisecond}})
	users := tn.Dir.Users()[:150]
	upns := make([]string, len(users))
	for i, u := range users {
		upns[i] = u.UserPrincipalName
	}
	lookup := NewListLookup(tn.e, upns)
	feed := NewPeopleFeed()
	got := map[int]Avatar{}
	var streaming sync.WaitGroup
	streaming.Go(func() {
		tn.e.StreamAvatars(t.Context(), feed, func(i int, a Avatar) {
			if _, dup := got[i]; dup {
				t.Errorf("person %d delivered twice", i)
			}
			got[i] = a
		})
	})
	var fed []Person
	var handOvers int
	var handing sync.Mutex // a hand-over is taken and fed whole, in order
	lookup.Run(t.Context(), func() {
		handing.Lock()
		defer handing.Unlock()
		people, tally := lookup.Take()
		fed = append(fed, people...)
		handOvers++
		feed.Add(people...)
		if tally.Whole() {
			feed.Close()
		}
	})
	streaming.Wait()

	if len(fed) != len(users) || len(got) != len(users) {
		t.Fatalf("%d people fed and %d avatars delivered, want %d", len(fed), len(got), len(users))
	}
	if handOvers < 10 {
		t.Fatalf("the rows came in %d hand-overs: the list was not streamed", handOvers)
	}
	for i, u := range users {
		a := got[i]
		if fed[i].ID != u.ID || a.Person.ID != u.ID {
			t.Fatalf("person %d is %s, avatar for %s; want %s", i, fed[i].ID, a.Person.ID, u.ID)
		}
		if want := hasPhoto(u.Photo); a.Err != nil || want != (a.Image != nil) || a.NoPhoto == want {
			t.Errorf("%s (%v): image %v, no photo %v, error %v", u.UserPrincipalName, u.Photo, a.Image != nil, a.NoPhoto, a.Err)
		}
	}
	st := tn.Stats()
	items, envelopes := st.Requests[sandbox.KindBatchItem], st.Requests[sandbox.KindBatch]
	if full := (items + avatarBatch - 1) / avatarBatch; envelopes > full+2 {
		t.Errorf("%d envelopes for %d avatar asks (150 people and their default-size retries), want at most %d (%d full, two part-filled)",
			envelopes, items, full+2, full)
	}
	t.Logf("%d envelopes for %d asks, rows in %d hand-overs", envelopes, items, handOvers)
}
