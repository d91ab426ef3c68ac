package graphapi

import (
	"context"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// DefaultMaxWait is RetryPolicy.MaxWait's default: a minute of waits for
// one request, after which the caller hears that it is throttled rather
// than being held for as long as a server asks (up to a day, issue 14).
const DefaultMaxWait = 60 * time.Second

// RetryPolicy decides how often and how long a request is retried after a
// 429, 503, 504 or a dropped connection. Zero fields take the defaults in
// brackets. Sleep, Jitter and Now exist so tests control time.
type RetryPolicy struct {
	MaxAttempts int           // tries per request, first included [5]
	MaxWait     time.Duration // total time spent waiting between tries [60s]
	BaseDelay   time.Duration // first backoff when there is no Retry-After [500ms]
	MaxDelay    time.Duration // cap on one backoff step [30s]

	// Sleep waits d or until ctx ends, returning ctx.Err() in that case.
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter spreads a backoff step so clients do not retry in lockstep
	// [a random value in [d/2, d)].
	Jitter func(d time.Duration) time.Duration
	// Now is the clock used to turn an HTTP-date Retry-After into a wait.
	Now func() time.Time
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 5
	}
	if p.MaxWait <= 0 {
		p.MaxWait = DefaultMaxWait
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = 500 * time.Millisecond
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = 30 * time.Second
	}
	if p.Sleep == nil {
		p.Sleep = Sleep
	}
	if p.Jitter == nil {
		p.Jitter = equalJitter
	}
	if p.Now == nil {
		p.Now = time.Now
	}
	return p
}

// backoff is the wait before try number attempt+1 (attempt counts from 1)
// when the server gave no Retry-After.
func (p RetryPolicy) backoff(attempt int) time.Duration {
	d := p.BaseDelay << min(attempt-1, 30)
	if d <= 0 || d > p.MaxDelay {
		d = p.MaxDelay
	}
	return p.Jitter(d)
}

// Sleep waits d or until ctx ends, returning ctx.Err() in that case. It is
// RetryPolicy's default Sleep, for callers that wrap it (to show the wait)
// or wait the same way between rounds of their own.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func equalJitter(d time.Duration) time.Duration {
	if d < 2 {
		return d
	}
	return d/2 + rand.N(d/2)
}

// retryableStatus lists the statuses worth another try: throttling and the
// two "busy" answers Graph documents.
func retryableStatus(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryableTransport reports a dropped or reset connection, a body cut
// short, or a server that stopped answering (ErrNoAnswer), which a retry
// can fix, as opposed to a bad URL or a TLS failure. Writes are retried
// alike: a photo PUT or DELETE ends the same however often it is sent,
// and a $batch of them is those same requests again; what a retry cannot
// undo — an earlier try that may have gone through — is marked
// ErrEarlierTryUnanswered for the caller instead. net.ErrClosed ("use of
// closed network connection") is a reset seen from the other side: the
// transport closed the connection under an upload still being written
// when its reader saw the reset first.
func retryableTransport(err error) bool {
	// Checked first: a dial timeout also reads as context.DeadlineExceeded,
	// but only the caller's context (which do checks itself) is final.
	if errors.Is(err, ErrNoAnswer) {
		return true
	}
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNABORTED) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, net.ErrClosed) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	return strings.Contains(err.Error(), "server closed idle connection")
}

// maxRetryAfter bounds what a server may ask for; anything longer is
// treated as garbage rather than a reason to wait for days.
const maxRetryAfter = 24 * time.Hour

// parseRetryAfter reads Retry-After as seconds, fractions included ("2.128",
// which other SDKs truncate), or as an HTTP-date relative to now. A date in
// the past means "now". It reports false for anything else.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if c := v[0]; c >= '0' && c <= '9' || c == '.' {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
			return 0, false
		}
		if f*float64(time.Second) > float64(maxRetryAfter) {
			return 0, false
		}
		return time.Duration(math.Round(f * float64(time.Second))), true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	d := t.Sub(now)
	if d < 0 {
		return 0, true
	}
	if d > maxRetryAfter {
		return 0, false
	}
	return d, true
}
