package graphapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// scripted answers each request with the next step; the last repeats.
func scripted(t *testing.T, calls *atomic.Int32, steps ...func(w http.ResponseWriter, r *http.Request)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n := int(calls.Add(1)) - 1
		checkRequest(t, r, http.MethodGet)
		steps[min(n, len(steps)-1)](w, r)
	}
}

func throttle(retryAfter string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		writeGraphError(w, http.StatusTooManyRequests, "TooManyRequests", "Application is over its MailboxConcurrency limit.")
	}
}

func status(code int, graphCode string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) { writeGraphError(w, code, graphCode, "busy") }
}

func ok(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(jpegBytes) }

// hangUp drops the connection without an answer.
func hangUp(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

// cutBody promises more bytes than it sends, then drops the connection.
func cutBody(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Length", "1000")
	_, _ = w.Write([]byte("partial"))
	_ = http.NewResponseController(w).Flush()
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

func TestRetries(t *testing.T) {
	clockStart := newFakeClock().Now()
	tests := []struct {
		name      string
		steps     []func(http.ResponseWriter, *http.Request)
		wantCalls int32
		wantSleep []time.Duration
		wantErr   func(error) bool
	}{
		{"fractional retry-after", []func(http.ResponseWriter, *http.Request){throttle("0.249"), ok}, 2, []time.Duration{249 * time.Millisecond}, nil},
		{"fraction not truncated", []func(http.ResponseWriter, *http.Request){throttle("2.128"), ok}, 2, []time.Duration{2128 * time.Millisecond}, nil},
		{"http-date retry-after", []func(http.ResponseWriter, *http.Request){throttle(clockStart.Add(7 * time.Second).Format(http.TimeFormat)), ok}, 2, []time.Duration{7 * time.Second}, nil},
		{"past date means now", []func(http.ResponseWriter, *http.Request){throttle(clockStart.Add(-time.Hour).Format(http.TimeFormat)), ok}, 2, []time.Duration{0}, nil},
		{"backoff doubles without retry-after", []func(http.ResponseWriter, *http.Request){status(503, "ServiceNotAvailable"), status(504, "GatewayTimeout"), throttle(""), ok}, 4, []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond}, nil},
		{"garbage retry-after backs off", []func(http.ResponseWriter, *http.Request){throttle("soon"), ok}, 2, []time.Duration{100 * time.Millisecond}, nil},
		{"dropped connection", []func(http.ResponseWriter, *http.Request){hangUp, ok}, 2, []time.Duration{100 * time.Millisecond}, nil},
		{"body cut short", []func(http.ResponseWriter, *http.Request){cutBody, ok}, 2, []time.Duration{100 * time.Millisecond}, nil},
		{"attempts capped", []func(http.ResponseWriter, *http.Request){throttle("1")}, 4, []time.Duration{time.Second, time.Second, time.Second}, IsThrottled},
		{"total wait capped", []func(http.ResponseWriter, *http.Request){throttle("40")}, 2, []time.Duration{40 * time.Second}, IsThrottled},
		{"404 not retried", []func(http.ResponseWriter, *http.Request){status(404, "ImageNotFound"), ok}, 1, nil, IsNoPhoto},
		{"401 not retried", []func(http.ResponseWriter, *http.Request){status(401, "InvalidAuthenticationToken"), ok}, 1, nil, IsUnauthorized},
		{"500 not retried", []func(http.ResponseWriter, *http.Request){status(500, "generalException"), ok}, 1, nil, func(err error) bool { return hasStatus(err, 500) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mux, _, clock := setup(t)
			var calls atomic.Int32
			mux.HandleFunc("/", scripted(t, &calls, tt.steps...))
			p, err := c.PhotoBytes(context.Background(), User("u"), "48x48")
			if tt.wantErr == nil && (err != nil || string(p.Bytes) != string(jpegBytes)) {
				t.Fatalf("PhotoBytes = %v, %v", p, err)
			}
			if tt.wantErr != nil && !tt.wantErr(err) {
				t.Fatalf("err = %v", err)
			}
			if calls.Load() != tt.wantCalls {
				t.Errorf("server saw %d requests, want %d", calls.Load(), tt.wantCalls)
			}
			if got := clock.Sleeps(); !slices.Equal(got, tt.wantSleep) {
				t.Errorf("slept %v, want %v", got, tt.wantSleep)
			}
		})
	}
}

func TestGivingUpKeepsRetryAfter(t *testing.T) {
	c, mux, _, _ := setup(t)
	var calls atomic.Int32
	mux.HandleFunc("/", scripted(t, &calls, throttle("0.5")))
	_, err := c.PhotoMeta(context.Background(), Me(), SizeLargest)
	var ge *Error
	if !errors.As(err, &ge) || ge.RetryAfter != 500*time.Millisecond {
		t.Fatalf("err = %v, want an *Error with RetryAfter 500ms", err)
	}
}

func TestCancelMidRetry(t *testing.T) {
	sleeping := make(chan struct{})
	policy := RetryPolicy{MaxWait: 2 * time.Hour, Sleep: func(ctx context.Context, d time.Duration) error {
		close(sleeping)
		return Sleep(ctx, d) // the real sleep: it must end when ctx does
	}}
	c, mux, _, _ := setup(t, WithRetry(policy))
	var calls atomic.Int32
	mux.HandleFunc("/", scripted(t, &calls, throttle("3600")))
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-sleeping
		cancel()
	}()
	_, err := c.PhotoBytes(ctx, Me(), SizeLargest)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if calls.Load() != 1 {
		t.Errorf("server saw %d requests after cancel, want 1", calls.Load())
	}
}

func TestCancelledBeforeStart(t *testing.T) {
	c, mux, _, _ := setup(t)
	var calls atomic.Int32
	mux.HandleFunc("/", scripted(t, &calls, ok))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.PhotoBytes(ctx, Me(), SizeLargest); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if calls.Load() != 0 {
		t.Errorf("%d requests sent on a dead context", calls.Load())
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"2", 2 * time.Second, true},
		{"2.128", 2128 * time.Millisecond, true},
		{"0.249", 249 * time.Millisecond, true},
		{" 0 ", 0, true},
		{".5", 500 * time.Millisecond, true},
		{"Sun, 29 Nov 2026 12:00:05 GMT", 5 * time.Second, true},
		{"Sunday, 29-Nov-26 12:01:00 GMT", time.Minute, true},
		{"Sun Nov 29 12:00:30 2026", 30 * time.Second, true},
		{"Sun, 29 Nov 2026 11:00:00 GMT", 0, true},
		{"", 0, false},
		{"-1", 0, false},
		{"NaN", 0, false},
		{"1e400", 0, false},
		{"999999999", 0, false},
		{"2.1.3", 0, false},
		{"tomorrow", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBackoffAndJitter(t *testing.T) {
	p := RetryPolicy{BaseDelay: time.Second, MaxDelay: 10 * time.Second}.withDefaults()
	for attempt, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 4: 8 * time.Second, 5: 10 * time.Second, 80: 10 * time.Second} {
		for range 50 {
			got := p.backoff(attempt)
			if got < want/2 || got >= want {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v)", attempt, got, want/2, want)
			}
		}
	}
	if d := New().retry; d.MaxAttempts != 5 || d.MaxWait != time.Minute || d.BaseDelay != 500*time.Millisecond {
		t.Errorf("defaults = %+v", d)
	}
}

func TestRetryableTransport(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{context.Canceled, false},
		{fmt.Errorf("get: %w", context.DeadlineExceeded), false},
		{io.ErrUnexpectedEOF, true},
		{&net.OpError{Op: "read", Err: syscall.ECONNRESET}, true},
		{&url.Error{Op: "Get", URL: "u", Err: syscall.ECONNREFUSED}, true},
		{&net.DNSError{Err: "timeout", IsTimeout: true}, true},
		{errors.New("http: server closed idle connection"), true},
		{fmt.Errorf("net/http: HTTP/1.x transport connection broken: %w", &net.OpError{Op: "write", Net: "tcp", Err: net.ErrClosed}), true},
		{errors.New("tls: failed to verify certificate"), false},
		{&url.Error{Op: "parse", URL: "::", Err: errors.New("missing protocol scheme")}, false},
	}
	for _, tt := range tests {
		if got := retryableTransport(tt.err); got != tt.want {
			t.Errorf("retryableTransport(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// A wait Graph asked for with Retry-After is told apart from a backoff the
// client chose, so a report counts only real Retry-After answers.
func TestSleepKnowsWhetherGraphAskedForTheWait(t *testing.T) {
	var asked []bool
	answers := []int{503, 429, 200}
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		status := answers[n]
		n++
		if status == 429 {
			w.Header().Set("Retry-After", "0.01")
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c := New(WithBaseURL(srv.URL), WithTokenSource(StaticToken("t")), WithRetry(RetryPolicy{
		BaseDelay: time.Millisecond,
		Sleep: func(ctx context.Context, d time.Duration) error {
			asked = append(asked, IsRetryAfterWait(ctx))
			return nil
		},
	}))
	if _, err := c.GetMe(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(asked) != 2 || asked[0] || !asked[1] {
		t.Errorf("waits marked as Retry-After = %v, want [false true] (a backoff, then Graph's)", asked)
	}
}
