package app

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi"
)

// waitFor polls cond until it holds or a generous deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		case <-tick.C:
		}
	}
}

// TestPhotoSharesOneDownload: two callers asking for the same photo at the
// same time cause one download.
func TestPhotoSharesOneDownload(t *testing.T) {
	jpg := encodeJPEG(t, 48, 48)
	var bytesRequests atomic.Int32
	gate := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bytesRequests.Add(1)
		<-gate
		w.Header().Set("Content-Type", "image/jpeg")
		w.Header().Set("ETag", `"X"`)
		_, _ = w.Write(jpg)
	}))
	defer srv.Close()
	e := NewEngine(Config{Client: graphapi.New(graphapi.WithBaseURL(srv.URL))})
	p := userPerson("ann")
	results := make([]*PhotoResult, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	wg.Go(func() { results[0], errs[0] = e.photo(t.Context(), p, "48x48", false) })
	waitFor(t, "the first download", func() bool { return bytesRequests.Load() == 1 })
	wg.Go(func() { results[1], errs[1] = e.photo(t.Context(), p, "48x48", false) })
	key := flightKey{photoKey{p.Subject, "48x48"}, false, e.cache.gen(p.Subject)}
	waitFor(t, "the second caller to wait", func() bool { return e.photoCalls.waiting(key) == 1 })
	close(gate)
	wg.Wait()
	for i := range 2 {
		if errs[i] != nil || results[i].Width != 48 {
			t.Fatalf("caller %d: %v", i, errs[i])
		}
	}
	if n := bytesRequests.Load(); n != 1 {
		t.Fatalf("%d downloads, want 1", n)
	}
}

func TestFlightFollowerOutlivesCancelledLeader(t *testing.T) {
	var f flight[string, int]
	leaderCtx, cancelLeader := context.WithCancel(t.Context())
	started := make(chan struct{})
	leaderDone := make(chan error, 1)
	go func() {
		_, err := f.do(leaderCtx, "k", func() (int, error) {
			close(started)
			<-leaderCtx.Done()
			return 0, leaderCtx.Err()
		})
		leaderDone <- err
	}()
	<-started
	follower := make(chan int, 1)
	go func() {
		v, err := f.do(t.Context(), "k", func() (int, error) { return 7, nil })
		if err != nil {
			t.Error(err)
		}
		follower <- v
	}()
	waitFor(t, "the follower to wait", func() bool { return f.waiting("k") == 1 })
	cancelLeader()
	if err := <-leaderDone; !errors.Is(err, context.Canceled) {
		t.Fatalf("leader: %v", err)
	}
	if v := <-follower; v != 7 {
		t.Fatalf("follower got %d, want its own result 7", v)
	}
}
