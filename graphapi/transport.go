package graphapi

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// ErrNoAnswer is wrapped by the error of a try that a NewHTTPClient
// timeout ended: no connection, no TLS handshake, no response headers, or
// a body that went silent. The retry path treats it like a 503. Test for it
// with errors.Is.
//
//lint:ignore ST1005 "Graph" is a proper noun, and these are the words a person sees.
var ErrNoAnswer = errors.New("Graph stopped answering")

// Timeouts bounds how long a stuck network may hold one try of a request.
// There is deliberately no limit on the whole exchange: a slow but healthy
// download must finish, so a body is bounded by silence (Stall), not by
// its total time. Zero fields take the defaults in brackets.
type Timeouts struct {
	Connect        time.Duration // TCP connect [15s]
	TLSHandshake   time.Duration // TLS handshake [15s]
	ResponseHeader time.Duration // request sent to status line; a $batch of 20 photos is slow [60s]
	Stall          time.Duration // longest wait for the next bytes of a body [30s]
}

func (t Timeouts) withDefaults() Timeouts {
	if t.Connect <= 0 {
		t.Connect = 15 * time.Second
	}
	if t.TLSHandshake <= 0 {
		t.TLSHandshake = 15 * time.Second
	}
	if t.ResponseHeader <= 0 {
		t.ResponseHeader = 60 * time.Second
	}
	if t.Stall <= 0 {
		t.Stall = 30 * time.Second
	}
	return t
}

// HTTPOption configures NewHTTPClient.
type HTTPOption func(*httpConfig)

type httpConfig struct {
	timeouts Timeouts
	tls      *tls.Config
}

// WithTimeouts replaces the default timeouts; zero fields keep theirs.
func WithTimeouts(t Timeouts) HTTPOption {
	return func(c *httpConfig) { c.timeouts = t }
}

// WithTLSConfig sets the TLS configuration, e.g. RootCAs holding the
// sandbox's CA or $PHOTODESK_CA_CERT. It is cloned, so the caller may keep
// changing its copy.
func WithTLSConfig(cfg *tls.Config) HTTPOption {
	return func(c *httpConfig) { c.tls = cfg }
}

// NewHTTPClient builds the HTTP client the window and the command line
// share for Graph: net/http's default transport (proxy from the
// environment, HTTP/2, keep-alives) with a connect, TLS handshake,
// response-header and body-stall timeout. A try ended by one of them fails
// with an error wrapping ErrNoAnswer; a proxy refusing the tunnel, with a
// *ProxyError.
func NewHTTPClient(opts ...HTTPOption) *http.Client {
	var cfg httpConfig
	for _, opt := range opts {
		opt(&cfg)
	}
	t := cfg.timeouts.withDefaults()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: t.Connect, KeepAlive: 30 * time.Second}).DialContext
	tr.TLSHandshakeTimeout = t.TLSHandshake
	tr.ResponseHeaderTimeout = t.ResponseHeader
	tr.OnProxyConnectResponse = CheckProxyConnect
	if cfg.tls != nil {
		tr.TLSClientConfig = cfg.tls.Clone()
	}
	return &http.Client{Transport: &stallTransport{base: tr, stall: t.Stall}}
}

// defaultHTTPClient is New's client when none is given: one for the
// process, so every Client shares its connection pool as they would
// http.DefaultClient's.
var defaultHTTPClient = sync.OnceValue(func() *http.Client { return NewHTTPClient() })

// stallTransport turns the transport's timeouts into ErrNoAnswer and
// bounds the silence between body reads, which net/http cannot do.
type stallTransport struct {
	base  http.RoundTripper
	stall time.Duration
}

// RoundTrip sends req on a context of its own, so a stalled body can be
// cut off by cancelling it: that unblocks a Read on HTTP/1 and HTTP/2
// alike, where closing the body from another goroutine is less certain.
func (t *stallTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancelCause(req.Context())
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel(nil)
		var ne net.Error
		// The caller's own deadline or cancellation is theirs to report,
		// not a server that stopped answering.
		if req.Context().Err() == nil && errors.As(err, &ne) && ne.Timeout() {
			return nil, &noAnswerError{why: err}
		}
		return nil, err
	}
	b := &stallBody{body: resp.Body, stall: t.stall, cancel: cancel}
	// The timer only runs while a Read waits (Read resets, then stops
	// it), so a caller that pauses between reads is never cut off. It is
	// made disarmed: a day is only there so it cannot fire before Stop.
	b.timer = time.AfterFunc(24*time.Hour, b.fire)
	b.timer.Stop()
	resp.Body = b
	return resp, nil
}

// stallBody fails a Read that waits longer than stall for its bytes.
type stallBody struct {
	body    io.ReadCloser
	stall   time.Duration
	cancel  context.CancelCauseFunc
	timer   *time.Timer
	stalled atomic.Bool
}

func (b *stallBody) fire() {
	b.stalled.Store(true)
	b.cancel(b.err())
}

func (b *stallBody) err() error {
	return &noAnswerError{why: fmt.Errorf("no data for %s while reading the answer", b.stall)}
}

// Read passes through to the body with the stall timer armed; once the
// timer has cut the request off, every error reads as ErrNoAnswer rather
// than the "context canceled" the transport reports.
func (b *stallBody) Read(p []byte) (int, error) {
	b.timer.Reset(b.stall)
	n, err := b.body.Read(p)
	b.timer.Stop()
	if err != nil && err != io.EOF && b.stalled.Load() {
		return n, b.err()
	}
	return n, err
}

// Close closes the body before cancelling the context, so a fully read
// HTTP/1 connection goes back to the pool instead of being torn down.
func (b *stallBody) Close() error {
	b.timer.Stop()
	err := b.body.Close()
	b.cancel(nil)
	return err
}

// noAnswerError is a try a timeout ended. It is ErrNoAnswer for errors.Is
// and a timeout for net.Error, and unwraps to what net/http reported.
type noAnswerError struct{ why error }

func (e *noAnswerError) Error() string        { return ErrNoAnswer.Error() + ": " + e.why.Error() }
func (e *noAnswerError) Unwrap() error        { return e.why }
func (e *noAnswerError) Is(target error) bool { return target == ErrNoAnswer }
func (e *noAnswerError) Timeout() bool        { return true }
func (e *noAnswerError) Temporary() bool      { return true }
