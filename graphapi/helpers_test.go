package graphapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync"
	"testing"
	"time"
)

const testToken = "test-token"

// fakeClock replaces RetryPolicy's Sleep and Now: sleeps return at once
// and are recorded, so tests see exactly how long the client would wait.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)}
}

func (f *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	f.sleeps = append(f.sleeps, d)
	f.now = f.now.Add(d)
	f.mu.Unlock()
	return ctx.Err()
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) Sleeps() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.sleeps...)
}

// policy is a retry policy on the fake clock with no jitter, so waits are exact.
func (f *fakeClock) policy() RetryPolicy {
	return RetryPolicy{
		MaxAttempts: 4,
		MaxWait:     time.Minute,
		BaseDelay:   100 * time.Millisecond,
		MaxDelay:    time.Second,
		Sleep:       f.Sleep,
		Now:         f.Now,
		Jitter:      func(d time.Duration) time.Duration { return d },
	}
}

// setup starts a test server and a client pointed at its /v1.0 root, in the
// style of go-github: handlers are registered on mux by each test.
func setup(t *testing.T, opts ...Option) (c *Client, mux *http.ServeMux, serverURL string, clock *fakeClock) {
	t.Helper()
	mux = http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	clock = newFakeClock()
	all := append([]Option{
		WithBaseURL(srv.URL + "/v1.0"),
		WithHTTPClient(srv.Client()),
		WithTokenSource(StaticToken(testToken)),
		WithRetry(clock.policy()),
	}, opts...)
	return New(all...), mux, srv.URL, clock
}

var guidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// checkRequest asserts what every Graph request must carry.
func checkRequest(t *testing.T, r *http.Request, method string) {
	t.Helper()
	if r.Method != method {
		t.Errorf("method = %s, want %s", r.Method, method)
	}
	if got := r.Header.Get("Authorization"); got != "Bearer "+testToken {
		t.Errorf("Authorization = %q", got)
	}
	if id := r.Header.Get("client-request-id"); !guidRE.MatchString(id) {
		t.Errorf("client-request-id = %q, want a v4 GUID", id)
	}
}

// writeGraphError writes Graph's error JSON.
func writeGraphError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("request-id", "req-"+code)
	w.WriteHeader(status)
	_, _ = w.Write([]byte(`{"error":{"code":"` + code + `","message":"` + msg +
		`","innerError":{"date":"2026-11-29T12:00:00","request-id":"inner-` + code + `","client-request-id":"c"}}}`))
}
