package graphapi

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
)

// A write retried after a try that got no answer (the connection dropped,
// a gateway's 504), then given up on with an answer of Graph's own (still
// throttled), may have gone through on that try: its error says so
// (ErrEarlierTryUnanswered), however final the last answer reads. It used
// to be the bare 429, which the change path takes for "Graph took
// nothing": the import sent the file again, backed up its own upload as
// the person's photo, and its undo walked past the first change, so the
// person's original was never put back. A read, or a write every try of
// which was answered, says nothing of the kind.
func TestWriteGivenUpAfterATryWithNoAnswerSaysItMayHaveGoneThrough(t *testing.T) {
	tests := []struct {
		name   string
		method string
		first  func(http.ResponseWriter, *http.Request)
		want   bool
	}{
		{"upload dropped, then throttled", http.MethodPut, hangUp, true},
		{"upload timed out at the gateway, then throttled", http.MethodPut, status(504, "GatewayTimeout"), true},
		{"upload throttled every time", http.MethodPut, throttle("1"), false},
		{"removal dropped, then throttled", http.MethodDelete, hangUp, true},
		{"read dropped, then throttled", http.MethodGet, hangUp, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mux, _, _ := setup(t)
			var calls atomic.Int32
			mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) == 1 {
					tt.first(w, r)
					return
				}
				throttle("1")(w, r)
			})
			var err error
			switch tt.method {
			case http.MethodPut:
				err = c.SetPhoto(context.Background(), User("u"), jpegBytes, "image/jpeg")
			case http.MethodDelete:
				err = c.DeletePhoto(context.Background(), User("u"))
			default:
				_, err = c.PhotoBytes(context.Background(), User("u"), "48x48")
			}
			if !IsThrottled(err) {
				t.Fatalf("err = %v, want the last answer, throttled", err)
			}
			if got := errors.Is(err, ErrEarlierTryUnanswered); got != tt.want {
				t.Errorf("errors.Is(%v, ErrEarlierTryUnanswered) = %v, want %v", err, got, tt.want)
			}
		})
	}
}

// The same inside $batch: an upload whose envelope, or whose own item,
// got no answer on one try and was throttled on the rest may have gone
// through; one throttled on every try did not.
func TestBatchUploadGivenUpAfterATryWithNoAnswerSaysItMayHaveGoneThrough(t *testing.T) {
	t.Run("item", func(t *testing.T) {
		c, mux, _, _ := setup(t)
		bs := newBatchServer(t, func(req wireBatchRequest, try int) *wireBatchResponse {
			switch {
			case req.ID == "0" && try == 1:
				return &wireBatchResponse{Status: 504}
			case req.ID == "1" && try == 1:
				return nil // left out: no answer
			}
			return throttledItem("1")
		})
		mux.Handle("/v1.0/$batch", bs)
		errs := c.SetPhotos(context.Background(), []PhotoUpload{
			{Subject: User("gateway"), Data: jpegBytes, ContentType: "image/jpeg"},
			{Subject: User("lost"), Data: jpegBytes, ContentType: "image/jpeg"},
			{Subject: User("throttled"), Data: jpegBytes, ContentType: "image/jpeg"},
		})
		for i, want := range []bool{true, true, false} {
			if !IsThrottled(errs[i]) {
				t.Errorf("upload %d: %v, want throttled", i, errs[i])
			}
			if got := errors.Is(errs[i], ErrEarlierTryUnanswered); got != want {
				t.Errorf("upload %d: errors.Is(%v, ErrEarlierTryUnanswered) = %v, want %v", i, errs[i], got, want)
			}
		}
	})
	t.Run("envelope", func(t *testing.T) {
		c, mux, _, _ := setup(t)
		var envelopes atomic.Int32
		bs := newBatchServer(t, func(wireBatchRequest, int) *wireBatchResponse { return throttledItem("1") })
		mux.HandleFunc("/v1.0/$batch", func(w http.ResponseWriter, r *http.Request) {
			if envelopes.Add(1) == 1 {
				hangUp(w, r)
				return
			}
			bs.ServeHTTP(w, r)
		})
		errs := c.SetPhotos(context.Background(), []PhotoUpload{{Subject: User("u"), Data: jpegBytes, ContentType: "image/jpeg"}})
		if !IsThrottled(errs[0]) || !errors.Is(errs[0], ErrEarlierTryUnanswered) {
			t.Errorf("upload whose first envelope got no answer: %v, want throttled and ErrEarlierTryUnanswered", errs[0])
		}
	})
	t.Run("reads", func(t *testing.T) {
		c, mux, _, _ := setup(t)
		bs := newBatchServer(t, func(req wireBatchRequest, try int) *wireBatchResponse {
			if try == 1 {
				return &wireBatchResponse{Status: 504}
			}
			return throttledItem("1")
		})
		mux.Handle("/v1.0/$batch", bs)
		got, err := c.Batch(context.Background(), []BatchRequest{{ID: "r", URL: "/users/r/photos/48x48/$value"}})
		if err != nil || !IsThrottled(got[0].Err) || errors.Is(got[0].Err, ErrEarlierTryUnanswered) {
			t.Errorf("a read: %+v, %v; want throttled, nothing about an earlier try", got, err)
		}
	})
}
