package graphapi

import (
	"context"
	"encoding/base64"
	"testing"
	"time"
)

// TestBatchOnceHandsBackThrottledItems: BatchOnce sends every item once and
// never sleeps; throttled and busy items come back with RetryIn (their
// Retry-After, or the backoff) and tries left, the rest with their answers.
func TestBatchOnceHandsBackThrottledItems(t *testing.T) {
	c, mux, _, clock := setup(t)
	bs := newBatchServer(t, func(req wireBatchRequest, try int) *wireBatchResponse {
		switch req.ID {
		case "slow":
			return throttledItem("30")
		case "busy":
			return &wireBatchResponse{Status: 503}
		}
		return photoItem(base64.StdEncoding, []byte(req.ID))
	})
	mux.Handle("/v1.0/$batch", bs)
	ids := []string{"a", "slow", "busy"}
	var reqs []BatchRequest
	for _, id := range ids {
		reqs = append(reqs, BatchRequest{ID: id, URL: "/users/" + id + "/photos/48x48/$value"})
	}
	reqs[2].Tried = 1 // sent once before: the backoff of a second try
	got, err := c.BatchOnce(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	if len(bs.envelopeIDs()) != 1 || len(clock.Sleeps()) != 0 {
		t.Fatalf("%d envelopes, slept %v: want one envelope and no wait", len(bs.envelopeIDs()), clock.Sleeps())
	}
	if got[0].Err != nil || string(got[0].Body) != "a" || got[0].RetryIn != 0 {
		t.Errorf("a: %+v", got[0])
	}
	if got[1].Status != 429 || got[1].RetryIn != 30*time.Second || got[1].Attempts != 1 {
		t.Errorf("slow: status %d, RetryIn %v, attempts %d; want 429, 30s, 1", got[1].Status, got[1].RetryIn, got[1].Attempts)
	}
	if got[2].Status != 503 || got[2].RetryIn != 200*time.Millisecond || got[2].Attempts != 2 {
		t.Errorf("busy: status %d, RetryIn %v, attempts %d; want 503, 200ms, 2", got[2].Status, got[2].RetryIn, got[2].Attempts)
	}

	// Out of tries (MaxAttempts is 4), an item's answer is final: no RetryIn.
	reqs = []BatchRequest{{ID: "slow", URL: "/users/slow/photos/48x48/$value", Tried: 3}}
	got, err = c.BatchOnce(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Status != 429 || got[0].RetryIn != 0 || got[0].Err == nil {
		t.Errorf("slow out of tries: %+v", got[0])
	}
}
