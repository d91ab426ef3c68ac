package graphapi

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/photodesk/photodesk/internal/testkit"
)

// stuckSetup starts h and a client whose HTTP client has timeouts t and
// whose retries run on a fake clock. The test's context has a deadline, so
// a client without the timeouts fails instead of hanging the run.
func stuckSetup(t *testing.T, timeouts Timeouts, h http.HandlerFunc) (*Client, *testkit.Clock, context.Context) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	clock := newFakeClock()
	c := New(
		WithBaseURL(srv.URL+"/v1.0"),
		WithHTTPClient(NewHTTPClient(WithTimeouts(timeouts))),
		WithTokenSource(StaticToken(testToken)),
		WithRetry(fakePolicy(clock)),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return c, clock, ctx
}

// hold keeps a request open until the client hangs up (or srv.Close
// hangs up for it).
func hold(r *http.Request) { <-r.Context().Done() }

// backoffs503 is what fakePolicy waits between four tries answered 503
// without Retry-After: a stuck request must be retried the same way.
var backoffs503 = []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond}

func TestNoResponseHeadersRetriedThenNoAnswer(t *testing.T) {
	var tries atomic.Int32
	c, clock, ctx := stuckSetup(t, Timeouts{ResponseHeader: 50 * time.Millisecond}, func(w http.ResponseWriter, r *http.Request) {
		tries.Add(1)
		hold(r)
	})
	_, err := c.get(ctx, "/me", nil, 0)
	if !errors.Is(err, ErrNoAnswer) || !strings.Contains(err.Error(), "Graph stopped answering") {
		t.Fatalf("err = %v, want Graph stopped answering", err)
	}
	if n := tries.Load(); n != 4 {
		t.Errorf("%d tries, want 4", n)
	}
	if got := clock.Sleeps(); !slices.Equal(got, backoffs503) {
		t.Errorf("waits %v, want a 503's %v", got, backoffs503)
	}
}

func TestStalledBodyRetriedThenNoAnswer(t *testing.T) {
	var tries atomic.Int32
	c, clock, ctx := stuckSetup(t, Timeouts{Stall: 100 * time.Millisecond}, func(w http.ResponseWriter, r *http.Request) {
		tries.Add(1)
		w.Header().Set("Content-Length", "1000")
		_, _ = w.Write(bytes.Repeat([]byte("x"), 500))
		_ = http.NewResponseController(w).Flush()
		hold(r)
	})
	_, err := c.get(ctx, "/me/photo/$value", nil, 1)
	if !errors.Is(err, ErrNoAnswer) || !strings.Contains(err.Error(), "Graph stopped answering: no data for 100ms") {
		t.Fatalf("err = %v, want Graph stopped answering", err)
	}
	if n := tries.Load(); n != 4 {
		t.Errorf("%d tries, want 4", n)
	}
	if got := clock.Sleeps(); !slices.Equal(got, backoffs503) {
		t.Errorf("waits %v, want a 503's %v", got, backoffs503)
	}
}

// A slow download that never pauses as long as the stall timeout must
// finish, however long it takes overall: this is what the command line's
// old two-minute limit on the whole exchange got wrong.
func TestSlowSteadyBodySucceeds(t *testing.T) {
	const chunks, gap, stall = 8, 40 * time.Millisecond, 150 * time.Millisecond
	var tries atomic.Int32
	c, _, ctx := stuckSetup(t, Timeouts{Stall: stall}, func(w http.ResponseWriter, r *http.Request) {
		tries.Add(1)
		w.Header().Set("Content-Length", strconv.Itoa(chunks*100))
		tick := time.NewTicker(gap)
		defer tick.Stop()
		for range chunks {
			_, _ = w.Write(bytes.Repeat([]byte("x"), 100))
			_ = http.NewResponseController(w).Flush()
			<-tick.C
		}
	})
	start := time.Now()
	resp, err := c.get(ctx, "/me/photo/$value", nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took <= stall {
		t.Errorf("took %v: the body should outlast the stall timeout %v for this test to mean anything", took, stall)
	}
	if len(resp.body) != chunks*100 || tries.Load() != 1 {
		t.Errorf("got %d bytes in %d tries, want %d in 1", len(resp.body), tries.Load(), chunks*100)
	}
}

// A dial timeout also reads as context.DeadlineExceeded; wrapped as
// ErrNoAnswer it must still be retried.
func TestNoAnswerIsRetryable(t *testing.T) {
	if !retryableTransport(&noAnswerError{why: context.DeadlineExceeded}) {
		t.Error("a timed-out dial is not retried")
	}
}

func TestNewUsesTimeoutsByDefault(t *testing.T) {
	if _, ok := New().http.Transport.(*stallTransport); !ok {
		t.Errorf("New's default transport is %T, want the one NewHTTPClient builds", New().http.Transport)
	}
}
