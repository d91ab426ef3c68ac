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
	srv, err := sandbox.Start(sandbox.Options{Users: 30, Faults: sandbox.Faults{MaxPhotoConcurrency: sandbox.OutlookConcurrency}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	token, err := srv.DemoToken()
	if err != nil {
		t.Fatal(err)
	}

	var (
		mu       sync.Mutex
		answered int  // probes answered
		early    = -1 // probes answered when the first photo request arrived too soon; -1 = none did
		release  = make(chan struct{})
		freeOnce sync.Once
	)
	free := func() { freeOnce.Do(func() { close(release) }) }
	graph := srv.Handler()
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1.0/me" {
			<-release
			graph.ServeHTTP(w, r)
			mu.Lock()
			answered++ // before the answer is flushed: the client cannot have it yet
			mu.Unlock()
			return
		}
		if strings.HasSuffix(r.URL.Path, "/$batch") || strings.Contains(r.URL.Path, "/photo") {
			mu.Lock()
			if early < 0 && answered < netSamples {
				early = answered
			}
			mu.Unlock()
			free()
		}
		graph.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)

	c := New(WithBaseURL(front.URL+"/v1.0"), WithTokenSource(StaticToken(token)), WithNetworkProbes())
	waited := make(chan struct{})
	go func() { // polls the client, with a deadline, for a request waiting on the probes
		defer close(waited)
		deadline := time.Now().Add(10 * time.Second)
		for c.probe.waiting.Load() == 0 && time.Now().Before(deadline) {
			select {
			case <-release:
				return
			case <-time.After(time.Millisecond):
			}
		}
		free()
	}()

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
	srv, err := sandbox.Start(sandbox.Options{Users: 5})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	token, err := srv.DemoToken()
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu       sync.Mutex
		photoIn  bool
		release  = make(chan struct{})
		freeOnce sync.Once
	)
	free := func() { freeOnce.Do(func() { close(release) }) }
	graph := srv.Handler()
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1.0/me" {
			<-release
		} else if strings.Contains(r.URL.Path, "/photo") {
			mu.Lock()
			photoIn = true
			mu.Unlock()
			free()
		}
		graph.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	t.Cleanup(free)

	c := New(WithBaseURL(front.URL+"/v1.0"), WithTokenSource(StaticToken(token)), WithNetworkProbes())
	waited := false
	watched := make(chan struct{})
	go func() { // polls the client, with a deadline, for a request waiting on the probes
		defer close(watched)
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if c.probe.waiting.Load() > 0 {
				waited = true
				break
			}
			select {
			case <-release:
				return
			case <-time.After(time.Millisecond):
			}
		}
		free()
	}()
	_, err = c.PhotoBytes(Urgent(t.Context()), User(srv.Directory().Users()[0].ID), "48x48")
	if err != nil && !IsNoPhoto(err) {
		t.Fatal(err)
	}
	<-watched
	mu.Lock()
	defer mu.Unlock()
	if waited || !photoIn {
		t.Errorf("the urgent photo waited for the probes (%v) or never reached Graph (%v)", waited, !photoIn)
	}
	deadline := time.Now().Add(10 * time.Second)
	for c.Pacing().NetworkRTT <= 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if c.Pacing().NetworkRTT <= 0 {
		t.Error("the probes the urgent photo started never timed the network")
	}
}
