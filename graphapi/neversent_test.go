package graphapi

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/photodesk/photodesk/internal/testkit"
)

// refusedURL is an address nothing listens on: a dial to it is refused.
func refusedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return "http://" + addr + "/v1.0"
}

// neverSentClient is a client on the fake clock that sends to base
// through h.
func neverSentClient(base string, h *http.Client) *Client {
	return New(WithBaseURL(base), WithHTTPClient(h), WithTokenSource(StaticToken(testToken)), WithRetry(fakePolicy(newFakeClock())))
}

// A change whose every try failed before a connection was handed to it —
// a refused dial, a DNS failure, a proxy refusing CONNECT, a TLS handshake
// failure — never left this machine, and its error says so
// (ErrNeverSent). It used to read as a write that may have gone through:
// a refused dial is retried, and each retried try counted as one with no
// answer (ErrEarlierTryUnanswered), so the window and the command line
// said "lost while the change was on its way … look at the photo first"
// for a change nobody received. A reset after the request was written
// says nothing of the kind.
func TestChangeThatNeverLeftThisMachineSaysSo(t *testing.T) {
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { t.Error("the TLS server was reached") }))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes are the point
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)
	proxyURL := testkit.RefusingProxy(t, http.StatusForbidden)
	var resets atomic.Int32
	resetSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		resets.Add(1)
		hangUp(w, r)
	}))
	t.Cleanup(resetSrv.Close)

	noDNS := &net.Dialer{Resolver: &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
		return nil, errors.New("no DNS server here")
	}}}
	tests := []struct {
		name      string
		base      string
		client    *http.Client
		neverSent bool
	}{
		{"dial refused", refusedURL(t), &http.Client{}, true},
		{"DNS failure", "http://graph.example.invalid/v1.0", &http.Client{Transport: &http.Transport{DialContext: noDNS.DialContext}}, true},
		{"proxy refuses CONNECT", tlsSrv.URL + "/v1.0", &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxyURL)}}, true},
		{"TLS certificate not trusted", tlsSrv.URL + "/v1.0", &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{}}}, true},
		{"reset after it was written", resetSrv.URL + "/v1.0", resetSrv.Client(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := neverSentClient(tt.base, tt.client)
			for what, err := range map[string]error{
				"upload":  c.SetPhoto(context.Background(), User("u"), jpegBytes, "image/jpeg"),
				"removal": c.DeletePhoto(context.Background(), User("u")),
				"import":  c.SetPhotos(context.Background(), []PhotoUpload{{Subject: User("u"), Data: jpegBytes, ContentType: "image/jpeg"}})[0],
			} {
				if err == nil {
					t.Fatalf("%s: no error", what)
				}
				if got := errors.Is(err, ErrNeverSent); got != tt.neverSent {
					t.Errorf("%s: errors.Is(%v, ErrNeverSent) = %v, want %v", what, err, got, tt.neverSent)
				}
				if got := errors.Is(err, ErrEarlierTryUnanswered); got == tt.neverSent {
					t.Errorf("%s: errors.Is(%v, ErrEarlierTryUnanswered) = %v, want %v", what, err, got, !tt.neverSent)
				}
			}
		})
	}
	if resets.Load() == 0 {
		t.Error("the resetting server saw no request")
	}
}

// closeWhileWriting closes the first connection it makes once limit bytes
// of the request were written, as net/http does when its reader sees a
// reset while an upload is still being written: the next write fails with
// "use of closed network connection" (net.ErrClosed).
type closeWhileWriting struct {
	net.Conn
	left int
}

func (c *closeWhileWriting) Write(p []byte) (int, error) {
	if len(p) <= c.left {
		c.left -= len(p)
		return c.Conn.Write(p)
	}
	n, err := c.Conn.Write(p[:c.left])
	c.left = 0
	if err != nil {
		return n, err
	}
	_ = c.Conn.Close()
	m, err := c.Conn.Write(p[n:])
	return n + m, err
}

// An upload whose connection was closed under it while being written
// ("use of closed network connection", seen with the sandbox's
// --faults reset=0.8) failed on its first try, not retried as a reset
// seen as ECONNRESET is: PUT of a photo is idempotent, and a try that may
// have landed is marked ErrEarlierTryUnanswered anyway.
func TestUploadCutWhileBeingWrittenIsRetried(t *testing.T) {
	var puts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		checkRequest(t, r, http.MethodPut)
		var body bytes.Buffer
		if _, err := body.ReadFrom(r.Body); err != nil {
			return // the cut try
		}
		puts.Add(1)
	}))
	t.Cleanup(srv.Close)
	var dials atomic.Int32
	d := &net.Dialer{}
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := d.DialContext(ctx, network, addr)
		if err != nil || dials.Add(1) > 1 {
			return conn, err
		}
		return &closeWhileWriting{Conn: conn, left: 1000}, nil
	}}
	t.Cleanup(tr.CloseIdleConnections)
	c := neverSentClient(srv.URL+"/v1.0", &http.Client{Transport: tr})
	photo := append(append([]byte{}, jpegBytes...), make([]byte, 256<<10)...)
	err := c.SetPhoto(context.Background(), User("u"), photo, "image/jpeg")
	if err != nil || puts.Load() != 1 || dials.Load() != 2 {
		t.Errorf("upload cut while being written: %v, %d uploads received on %d connections; want it retried on a new one", err, puts.Load(), dials.Load())
	}
}

// A change stopped while it waits to retry, after tries whose dials were
// all refused, never left this machine and says so (ErrNeverSent), as it
// does once its tries are spent. Stopped in that wait it used to be the
// only such change not marked, and read as one that "may have gone
// through: look first". After a try that was written and cut off it
// stays a change that may have gone through.
func TestChangeStoppedWhileWaitingAfterRefusedTriesWasNeverSent(t *testing.T) {
	resetSrv := httptest.NewServer(http.HandlerFunc(hangUp))
	t.Cleanup(resetSrv.Close)
	tests := []struct {
		name      string
		base      string
		client    *http.Client
		neverSent bool
	}{
		{"dial refused", refusedURL(t), &http.Client{}, true},
		{"reset after it was written", resetSrv.URL + "/v1.0", resetSrv.Client(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for what, change := range map[string]func(context.Context, *Client) error{
				"upload":  func(ctx context.Context, c *Client) error { return c.SetPhoto(ctx, User("u"), jpegBytes, "image/jpeg") },
				"removal": func(ctx context.Context, c *Client) error { return c.DeletePhoto(ctx, User("u")) },
			} {
				ctx, cancel := context.WithCancel(t.Context())
				p := fakePolicy(newFakeClock())
				waits := 0
				p.Sleep = func(ctx context.Context, _ time.Duration) error {
					waits++
					cancel() // the person stops it during the wait
					return ctx.Err()
				}
				c := New(WithBaseURL(tt.base), WithHTTPClient(tt.client), WithTokenSource(StaticToken(testToken)), WithRetry(p))
				err := change(ctx, c)
				cancel()
				if waits != 1 || !errors.Is(err, context.Canceled) {
					t.Fatalf("%s: %v after %d waits, want it cancelled in the first", what, err, waits)
				}
				if got := errors.Is(err, ErrNeverSent); got != tt.neverSent {
					t.Errorf("%s: errors.Is(%v, ErrNeverSent) = %v, want %v", what, err, got, tt.neverSent)
				}
				if got := errors.Is(err, ErrEarlierTryUnanswered); got == tt.neverSent {
					t.Errorf("%s: errors.Is(%v, ErrEarlierTryUnanswered) = %v, want %v", what, err, got, !tt.neverSent)
				}
			}
		})
	}
}

// unreachableSignIn is a token source whose sign-in service cannot be
// reached: each Token asks signIn over client, as MSAL asks Entra ID for
// a new access token, and fails as that request does.
type unreachableSignIn struct {
	signIn string
	client *http.Client
}

func (f unreachableSignIn) Token(ctx context.Context) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, f.signIn, nil)
	if err != nil {
		return "", err
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return "", fmt.Errorf("auth: %w", err)
	}
	_ = resp.Body.Close()
	return "", errors.New("auth: the sign-in service answered " + resp.Status)
}

// A request whose access token could not be had — the sign-in service
// refused the dial while Graph would have answered — fails with a
// *TokenError holding the token source's error, so the words for it can
// name the sign-in service rather than Graph; it is a change never sent
// (ErrNeverSent), and Graph saw none of it. Asking who the token speaks
// for (Identity) fails the same way. It used to be a plain "get token: …"
// error that only read as Graph's network failing.
func TestNoTokenIsATokenErrorNeverSent(t *testing.T) {
	var reached atomic.Int32
	graph := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached.Add(1) }))
	t.Cleanup(graph.Close)
	signIn := refusedURL(t) + "/oauth2/v2.0/token"
	c := New(WithBaseURL(graph.URL+"/v1.0"), WithHTTPClient(graph.Client()),
		WithTokenSource(unreachableSignIn{signIn: signIn, client: &http.Client{}}), WithRetry(fakePolicy(newFakeClock())))
	_, idErr := c.Identity(t.Context())
	for what, err := range map[string]error{
		"removal":  c.DeletePhoto(t.Context(), User("u")),
		"upload":   c.SetPhoto(t.Context(), User("u"), jpegBytes, "image/jpeg"),
		"identity": idErr,
	} {
		var te *TokenError
		if !errors.As(err, &te) {
			t.Errorf("%s: %v is no *TokenError", what, err)
			continue
		}
		var ue *url.Error
		if !errors.As(te.Err, &ue) || ue.URL != signIn {
			t.Errorf("%s: the token error %v does not hold the sign-in request's *url.Error", what, te.Err)
		}
		if what != "identity" && !errors.Is(err, ErrNeverSent) {
			t.Errorf("%s: %v is not ErrNeverSent", what, err)
		}
	}
	if n := reached.Load(); n != 0 {
		t.Errorf("Graph saw %d requests, want none", n)
	}
}
