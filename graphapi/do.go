package graphapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync/atomic"
	"time"
)

// maxBody caps how much of a response is read: a 648x648 photo is well under
// a megabyte and a $batch of 20 base64 photos a few; more is a broken server.
const maxBody = 64 << 20

// request is one logical Graph call; it may be sent several times.
type request struct {
	method string
	url    string // absolute
	header http.Header
	body   []byte
	// photoSlots is how many limiter slots each try holds: 1 for a photo
	// request, the number of photo items for a $batch, 0 otherwise.
	photoSlots int
	// unanswered is set by do once a try got no answer (see failed): a
	// $batch envelope's items may have been carried out on it too.
	unanswered bool
	// reached is set by do once a try was handed a connection, so that
	// some of it may have been written (see gaveUp).
	reached bool
}

// response is a successful (2xx/3xx) answer, body fully read.
type response struct {
	status    int
	header    http.Header
	body      []byte
	requestID string
	url       string
}

// url joins the API root and an already escaped path (which may carry a
// query string).
func (c *Client) url(path string) string {
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return c.baseURL + path
}

// get is do for a plain GET of an escaped path.
func (c *Client) get(ctx context.Context, path string, header http.Header, photoSlots int) (*response, error) {
	return c.do(ctx, &request{method: http.MethodGet, url: c.url(path), header: header, photoSlots: photoSlots})
}

// getJSON GETs path and decodes the JSON answer into v.
func (c *Client) getJSON(ctx context.Context, path string, header http.Header, photoSlots int, v any) (*response, error) {
	resp, err := c.get(ctx, path, header, photoSlots)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(resp.body, v); err != nil {
		return nil, fmt.Errorf("decode %s: %w", resp.url, err)
	}
	return resp, nil
}

// do is the one place requests are sent and retried. It adds the bearer
// token, client-request-id and User-Agent; holds limiter slots only while a
// try is on the wire, or until the pacer expects the server is done with it
// (pacer.go), never while waiting to retry; retries 429/503/504
// and dropped connections under the RetryPolicy; and turns any other
// non-2xx answer into an *Error.
func (c *Client) do(ctx context.Context, r *request) (*response, error) {
	p := c.retry
	clientReqID := newGUID()
	var waited time.Duration
	for attempt := 1; ; attempt++ {
		resp, reached, err := c.try(ctx, r, clientReqID)
		r.reached = r.reached || reached
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, fmt.Errorf("%s %s: %w", r.method, r.url, ctxErr)
		}
		var wait time.Duration
		asked := false // the wait is Graph's Retry-After, not a backoff
		switch {
		case err != nil:
			if !retryableTransport(err) {
				return nil, r.gaveUp(fmt.Errorf("%s %s: %w", r.method, r.url, err))
			}
			// A try that never had a connection wrote nothing: Graph
			// cannot have carried it out, so it leaves nothing open.
			r.unanswered = r.unanswered || reached
			wait = p.backoff(attempt)
		case resp.status < 400:
			return resp, nil
		default:
			gerr := decodeError(resp.status, resp.header, resp.body, r.url, p.Now())
			gerr.ClientRequestID = clientReqID // ours is authoritative, whatever was echoed
			gerr.Method = r.method
			if !retryableStatus(resp.status) {
				return nil, r.failed(gerr)
			}
			r.unanswered = r.unanswered || resp.status == http.StatusGatewayTimeout
			err = gerr
			if d, ok := parseRetryAfter(resp.header.Get("Retry-After"), p.Now()); ok {
				wait, asked = d, true
			} else {
				wait = p.backoff(attempt)
			}
		}
		if attempt >= p.MaxAttempts || waited+wait > p.MaxWait {
			return nil, r.gaveUp(fmt.Errorf("%s %s: giving up after %d tries: %w", r.method, r.url, attempt, err))
		}
		if serr := p.Sleep(withRetryAfter(ctx, asked), wait); serr != nil {
			// No try is on the wire while it waits: if none of them had
			// a connection, nothing of r left this machine, and a
			// change stopped here reads as one that was never sent.
			return nil, r.gaveUp(fmt.Errorf("%s %s: %w", r.method, r.url, serr))
		}
		waited += wait
	}
}

// try sends r once and reads the whole body, so a connection dropped
// mid-body is retried like one dropped before the headers. reached
// reports that the try was handed a connection (httptrace's GotConn, which
// both HTTP/1 and HTTP/2 report before writing a byte of the request):
// false, nothing of it left this machine — the dial, the DNS lookup, a
// proxy's CONNECT or the TLS handshake failed, or no token came.
func (c *Client) try(ctx context.Context, r *request, clientReqID string) (resp *response, reached bool, err error) {
	if r.photoSlots > 0 {
		c.awaitProbes(ctx) // at once when the network is known (probe.go)
	}
	tk, err := c.limiter.take(ctx, r.photoSlots)
	if err != nil {
		return nil, false, err
	}
	tk.envelope = strings.HasSuffix(r.url, "/$batch")
	status, answer := 0, []byte(nil)
	defer func() { tk.done(status, answer) }()

	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	// The pacer times a round trip from the request's last write (its
	// early release too; ticket.go) to the answer's first byte: the
	// server's slots are free once it starts answering, however long a
	// large body then takes to arrive.
	var gotConn atomic.Bool
	traced := httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GotConn: func(httptrace.GotConnInfo) { gotConn.Store(true) },
		WroteRequest: func(w httptrace.WroteRequestInfo) {
			if w.Err == nil {
				tk.wroteRequest()
			}
		},
		GotFirstResponseByte: tk.firstByte,
	})
	req, err := http.NewRequestWithContext(traced, r.method, r.url, body)
	if err != nil {
		return nil, false, err
	}
	for k, vs := range r.header {
		req.Header[k] = vs
	}
	if r.body != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("client-request-id", clientReqID)
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	if c.tokens != nil {
		tok, err := c.tokens.Token(ctx)
		if err != nil {
			return nil, false, &TokenError{Err: err}
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	hr, err := c.http.Do(req)
	if err != nil {
		return nil, gotConn.Load(), err
	}
	defer hr.Body.Close()
	data, err := io.ReadAll(io.LimitReader(hr.Body, maxBody+1))
	if err != nil {
		return nil, true, fmt.Errorf("read body: %w", err)
	}
	if len(data) > maxBody {
		return nil, true, fmt.Errorf("response body larger than %d bytes", maxBody)
	}
	status, answer = hr.StatusCode, data
	return &response{
		status:    hr.StatusCode,
		header:    hr.Header,
		body:      data,
		requestID: hr.Header.Get("request-id"),
		url:       r.url,
	}, true, nil
}
