package graphapi

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/photodesk/photodesk/internal/testkit"
)

const testToken = "test-token"

// newFakeClock is the clock RetryPolicy's Sleep and Now run on in these
// tests: sleeps return at once and are recorded, so tests see exactly how
// long the client would wait.
func newFakeClock() *testkit.Clock {
	return testkit.NewClockAt(time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC))
}

// fakePolicy is a retry policy on clock with no jitter, so waits are exact.
func fakePolicy(clock *testkit.Clock) RetryPolicy {
	return RetryPolicy{
		MaxAttempts: 4,
		MaxWait:     time.Minute,
		BaseDelay:   100 * time.Millisecond,
		MaxDelay:    time.Second,
		Sleep:       clock.Sleep,
		Now:         clock.Now,
		Jitter:      func(d time.Duration) time.Duration { return d },
	}
}

// setup starts a test server and a client pointed at its /v1.0 root, in the
// style of go-github: handlers are registered on mux by each test.
func setup(t *testing.T, opts ...Option) (c *Client, mux *http.ServeMux, serverURL string, clock *testkit.Clock) {
	t.Helper()
	mux = http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	clock = newFakeClock()
	all := append([]Option{
		WithBaseURL(srv.URL + "/v1.0"),
		WithHTTPClient(srv.Client()),
		WithTokenSource(StaticToken(testToken)),
		WithRetry(fakePolicy(clock)),
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
