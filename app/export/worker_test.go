package export

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// TestThrottledItemDoesNotHoldItsWorker: one person's photo is throttled
// with a Retry-After of 30 s; with a single worker, everyone else must
// still be settled at once. Batch used to wait out the 30 s inside the
// worker before it took the next envelope, and at 5% throttling most
// envelopes of 20 have such an item.
func TestThrottledItemDoesNotHoldItsWorker(t *testing.T) {
	client := fakeBatchGraph(t, 0, func(url, entry string) *batchItem {
		switch {
		case !strings.Contains(url, "/photo"):
			return nil // the lookup finds everyone
		case strings.HasPrefix(entry, "slow"):
			return throttledBatchItem("30")
		}
		return &batchItem{
			Status: http.StatusNotFound, Headers: map[string]string{"Content-Type": "application/json"},
			Body: map[string]any{"error": map[string]string{"code": "ImageNotFound", "message": "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown."}},
		}
	})

	people := []string{"slow@contoso.com"}
	for i := range 25 {
		people = append(people, "p"+string(rune('a'+i))+"@contoso.com")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	var settled atomic.Int32
	sum, rows, _, err := exportRun(t, ctx, Options{
		Client: client, Source: Source{People: people}, Sizes: Sizes{Mode: ModeOne, Size: graphapi.SizeLargest},
		Workers: 1,
		OnRow: func(r Row) {
			if settled.Add(1) == int32(len(people)-1) {
				cancel() // everyone but the throttled person: done
			}
		},
	})
	if err != nil && ctx.Err() == nil {
		t.Fatal(err)
	}
	if int(settled.Load()) < len(people)-1 {
		t.Fatalf("%d of %d people settled before the 20 s deadline: the throttled item held the worker", settled.Load(), len(people)-1)
	}
	for _, r := range rows {
		if strings.HasPrefix(r.UPN, "slow") {
			t.Errorf("the throttled person has a row already: %+v", r)
		}
	}
	if sum.Throttled == 0 {
		t.Error("the throttled person was not requeued")
	}
}

// TestUnformablePathIsAnErrorRowNotARequest: a subject that cannot form
// its photo path — a contact at an HD size (contacts have none), an
// object without an id — ends as an error row saying why, and nothing is
// asked for it. The worker used to ask /users/{id}/photo instead, whatever
// the subject was: another object, whose 404 became a "no photo" row.
func TestUnformablePathIsAnErrorRowNotARequest(t *testing.T) {
	var mu sync.Mutex
	var urls []string
	client := fakeBatchGraph(t, 0, func(url, entry string) *batchItem {
		mu.Lock()
		urls = append(urls, url)
		mu.Unlock()
		return &batchItem{
			Status: http.StatusNotFound, Headers: map[string]string{"Content-Type": "application/json"},
			Body: map[string]any{"error": map[string]string{"code": "ImageNotFound", "message": "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown."}},
		}
	})
	good := app.PersonFromGroup(graphapi.GroupInfo{ID: "g1", DisplayName: "Sales"})
	// Listed as groups (the source checks Kind and ID), but their
	// subjects name no group photo.
	contact := app.Person{Kind: app.KindGroup, ID: "c9", DisplayName: "Filed wrongly", Subject: graphapi.Contact("c9")}
	noID := app.Person{Kind: app.KindGroup, ID: "g0", DisplayName: "Lost its id", Subject: graphapi.Group("")}

	sum, rows, _, err := exportRun(t, t.Context(), Options{
		Client: client, Source: Source{Groups: []app.Person{good, contact, noID}},
		Sizes: Sizes{Mode: ModeOne, Size: graphapi.Size("48x48")},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Row{}
	for _, r := range rows {
		got[r.ID] = r
	}
	if r := got["g1"]; r.Status != StatusNoPhoto {
		t.Errorf("the group that can be asked: %+v, want its no-photo row", r)
	}
	for id, why := range map[string]string{"c9": "contacts have no per-size photos", "g0": "without an id"} {
		r := got[id]
		if r.Status != StatusError || r.Size != "48x48" || !strings.Contains(r.Error, "no request sent") || !strings.Contains(r.Error, why) {
			t.Errorf("%s: %+v, want an error row at 48x48 saying no request was sent because %q", id, r, why)
		}
	}
	if sum.Errors != 2 || sum.NoPhoto != 1 || sum.Done != 3 {
		t.Errorf("summary %+v, want 2 errors and 1 no-photo of 3", sum.Progress)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, u := range urls {
		if !strings.HasPrefix(u, "/groups/g1/") {
			t.Errorf("asked %s: only g1 can be asked about", u)
		}
	}
}
