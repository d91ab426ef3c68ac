package graphapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// TestProbesGoBeforeThePhotoWork: a fresh client's first photo request
// (here an envelope, as an export's first is) waits for the probes that
// time the network, so no photo of it is being served while they are
// timed. Sent beside it, they were timed while the built-in sandbox drew
// the envelope's photos on the client's own CPU, and a fresh sandbox's
// first export took the loopback for a 20–46 ms network and had its
// second envelope refused for concurrency. The probes are held in front
// of the sandbox until a photo request arrives or the client says it is
// waiting for them, whichever comes first; nothing is timed.
func TestProbesGoBeforeThePhotoWork(t *testing.T) {
	var (
		mu       sync.Mutex
		answered int  // probes answered
		early    = -1 // probes answered when the first photo request arrived too soon; -1 = none did
	)
	srv, c, h := heldProbes(t, sandbox.Options{Users: 30, Faults: sandbox.Faults{MaxPhotoConcurrency: sandbox.OutlookConcurrency}},
		func() { // a probe answered, before it is flushed: the client cannot have it yet
			mu.Lock()
			answered++
			mu.Unlock()
		},
		func() {
			mu.Lock()
			if early < 0 && answered < netSamples {
				early = answered
			}
			mu.Unlock()
		})
	waited := h.watch(c)

	var subjects []Subject
	for _, u := range srv.Directory().Users()[:MaxBatch] {
		subjects = append(subjects, User(u.ID))
	}
	for _, r := range c.PhotosBatch(t.Context(), subjects, "48x48") {
		if r.Err != nil && !IsNoPhoto(r.Err) && !IsNotFound(r.Err) {
			t.Errorf("%s: %v", r.Subject, r.Err)
		}
	}
	<-waited
	mu.Lock()
	defer mu.Unlock()
	if early >= 0 {
		t.Errorf("a photo request reached Graph while the probes timing the network were unanswered (%d of %d answered)", early, netSamples)
	}
	if answered != netSamples || c.Pacing().NetworkRTT <= 0 {
		t.Errorf("%d probes answered, network round trip %v: want %d and known", answered, c.Pacing().NetworkRTT, netSamples)
	}
}

// TestUrgentPhotoDoesNotWaitForTheProbes: a photo someone is waiting to
// see (Urgent — the window's first person, after its head start's list)
// starts the probes but goes beside them: waiting for their answers put a
// whole round trip (up to probeWaitCap with a slow /me) before the
// window's first photo, which the head start exists to bring early. The
// probes are held in front of the sandbox until the photo request arrives
// or the client says a request is waiting for them; the photo must come
// first. The list's envelopes after it still wait (above).
func TestUrgentPhotoDoesNotWaitForTheProbes(t *testing.T) {
	var (
		mu      sync.Mutex
		photoIn bool
	)
	srv, c, h := heldProbes(t, sandbox.Options{Users: 5}, nil, func() {
		mu.Lock()
		photoIn = true
		mu.Unlock()
	})
	watched := h.watch(c)
	_, err := c.PhotoBytes(Urgent(t.Context()), User(srv.Directory().Users()[0].ID), "48x48")
	if err != nil && !IsNoPhoto(err) {
		t.Fatal(err)
	}
	waited := <-watched
	mu.Lock()
	defer mu.Unlock()
	if waited || !photoIn {
		t.Errorf("the urgent photo waited for the probes (%v) or never reached Graph (%v)", waited, !photoIn)
	}
	// The run the urgent photo started ends once its probes are answered,
	// and their answers time the network before it does.
	c.probe.mu.Lock()
	run := c.probe.run
	c.probe.mu.Unlock()
	if run != nil {
		select {
		case <-run:
		case <-time.After(10 * time.Second):
		}
	}
	if c.Pacing().NetworkRTT <= 0 {
		t.Error("the probes the urgent photo started never timed the network")
	}
}

// probeHold holds the probes (GET /me) in front of a sandbox until
// release is closed: by the first photo request, or once a request waits
// for the probes (watch).
type probeHold struct {
	release chan struct{}
	once    sync.Once
}

// free lets the held probes go, once.
func (h *probeHold) free() { h.once.Do(func() { close(h.release) }) }

// heldProbes starts a sandbox with opts behind a front that holds the
// probes (probeHold) and a client on the front with probes on. answered,
// if set, hears each probe answered (before its answer is flushed);
// photo each photo request or $batch arriving, before it frees the
// probes.
func heldProbes(t *testing.T, opts sandbox.Options, answered, photo func()) (*sandbox.Server, *Client, *probeHold) {
	t.Helper()
	srv, err := sandbox.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	token, err := srv.DemoToken()
	if err != nil {
		t.Fatal(err)
	}
	h := &probeHold{release: make(chan struct{})}
	t.Cleanup(h.free)
	graph := srv.Handler()
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/v1.0/me":
			<-h.release
			graph.ServeHTTP(w, r)
			if answered != nil {
				answered()
			}
			return
		case strings.HasSuffix(r.URL.Path, "/$batch") || strings.Contains(r.URL.Path, "/photo"):
			photo()
			h.free()
		}
		graph.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	return srv, New(WithBaseURL(front.URL+"/v1.0"), WithTokenSource(StaticToken(token)), WithNetworkProbes()), h
}

// watch polls c, with a deadline, for a request waiting on the probes;
// it frees them then (or at the deadline) and says whether one waited.
// Probes freed first by a photo request end the watch with false.
func (h *probeHold) watch(c *Client) <-chan bool {
	out := make(chan bool, 1)
	go func() {
		defer h.free()
		deadline := time.After(10 * time.Second)
		for c.probe.waiting.Load() == 0 {
			select {
			case <-h.release:
				out <- false
				return
			case <-deadline:
				out <- false
				return
			case <-time.After(time.Millisecond):
			}
		}
		out <- true
	}()
	return out
}
