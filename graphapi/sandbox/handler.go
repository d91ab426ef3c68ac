package sandbox

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// FaultsHeader is the request header that replaces the server's faults for
// one request; its value uses the ParseFaults syntax.
const FaultsHeader = "X-Sandbox-Faults"

// maxBodyBytes caps request bodies; Graph's own limit for a $batch is 4 MB.
const maxBodyBytes = 4 << 20

// Handler serves the Graph side of the sandbox tenant under /v1.0 and /beta.
// It is safe for concurrent use; Server wraps one, and tests may mount one
// on an httptest server.
type Handler struct {
	dir      *Directory
	verifier TokenVerifier
	faults   atomic.Pointer[Faults]
	counters *counters
	limits   *mailboxLimits
	units    *directoryUnits
	now      func() time.Time // the limits' clock; tests move it instead of waiting
	observer atomic.Pointer[func(Seen)]
}

// NewHandler serves dir, trusting the tokens v verifies.
func NewHandler(dir *Directory, v TokenVerifier) *Handler {
	h := &Handler{dir: dir, verifier: v, counters: newCounters(), limits: newMailboxLimits(), units: newDirectoryUnits(), now: time.Now}
	h.faults.Store(&Faults{})
	return h
}

// SetFaults replaces the faults applied to requests without an
// X-Sandbox-Faults header.
func (h *Handler) SetFaults(f Faults) { h.faults.Store(&f) }

// Faults returns the faults currently applied.
func (h *Handler) Faults() Faults { return *h.faults.Load() }

// Stats returns a snapshot of the counters.
func (h *Handler) Stats() Stats { return h.counters.snapshot() }

// ResetStats zeroes the counters (photo requests in flight stay tracked).
func (h *Handler) ResetStats() { h.counters.reset() }

// ServeHTTP applies the network-level faults, answers the request and
// writes the reply, slowly if asked to.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := &call{
		ctx: r.Context(), method: r.Method, header: r.Header,
		requestID: newRequestID(), clientID: r.Header.Get("client-request-id"),
		faults: h.Faults(), kind: KindOther,
	}
	if c.clientID == "" {
		c.clientID = c.requestID
	}
	var rep *reply
	if spec := r.Header.Get(FaultsHeader); spec != "" {
		f, err := ParseFaults(spec)
		if err != nil {
			rep = c.fail(http.StatusBadRequest, "BadRequest", "Invalid "+FaultsHeader+" header: "+err.Error())
			h.counters.count(KindOther, rep.status)
		}
		c.faults = f
	}
	if !sleep(r.Context(), c.faults.Latency) {
		return
	}
	if chance(c.faults.ResetRate) {
		h.counters.addReset()
		resetConnection(w)
		return
	}
	if rep == nil {
		rep = h.serveHTTP(c, r)
	}
	h.write(w, c, rep)
}

// serveHTTP turns an HTTP request into a call and answers it.
func (h *Handler) serveHTTP(c *call, r *http.Request) *reply {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return c.fail(http.StatusBadRequest, "BadRequest", "The request body could not be read.")
	}
	c.body = body
	version, rest, ok := splitVersion(r.URL.EscapedPath())
	if !ok {
		rep := c.fail(http.StatusBadRequest, "BadRequest", "Invalid version: "+strings.Trim(version, "/"))
		h.counters.count(KindOther, rep.status)
		return rep
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	c.version, c.base = version, scheme+"://"+r.Host+"/"+version
	if rep := c.parsePath(rest, r.URL.RawQuery); rep != nil {
		h.counters.count(KindOther, rep.status)
		return rep
	}
	isBatch := len(c.segs) == 1 && c.segs[0] == "$batch"
	if len(body) > maxBodyBytes {
		return h.tooLarge(c, isBatch)
	}
	if isBatch {
		return h.serveBatch(c)
	}
	return h.serve(c)
}

// tooLarge is Graph's answer to a body over 4 MB (a photo upload or a
// $batch), sent before the request is authenticated or routed (wording from
// microsoft-graph-docs #11804), and counted under the kind it would have had.
func (h *Handler) tooLarge(c *call, isBatch bool) *reply {
	kind := KindBatch
	if !isBatch {
		kind, _ = h.route(c)
	}
	c.body = nil
	rep := c.fail(http.StatusRequestEntityTooLarge, "BadRequest", "The maximum request length supported is 4MB.")
	h.counters.count(kind, rep.status)
	return rep
}

// splitVersion separates "/v1.0" or "/beta" from the rest of the path.
func splitVersion(path string) (version, rest string, ok bool) {
	first, rest, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	switch strings.ToLower(first) {
	case "v1.0":
		return "v1.0", "/" + rest, true
	case "beta":
		return "beta", "/" + rest, true
	}
	return first, "", false
}

// parsePath fills c.path, c.segs and c.query from the escaped path after the
// version. Segments are unescaped one by one, so an escaped "#" or "/" in a
// UPN stays inside its segment.
func (c *call) parsePath(escaped, rawQuery string) *reply {
	c.path = escaped
	c.segs = nil
	for _, s := range strings.Split(strings.Trim(escaped, "/"), "/") {
		if s == "" {
			continue
		}
		u, err := url.PathUnescape(s)
		if err != nil {
			return c.fail(http.StatusBadRequest, "BadRequest", "Invalid URL segment: "+s)
		}
		c.segs = append(c.segs, u)
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return c.fail(http.StatusBadRequest, "BadRequest", "Invalid query string.")
	}
	c.query, c.rawQuery = q, rawQuery
	return nil
}

// serve answers one logical request (a plain request or a batch item):
// authentication, the service-side faults, then the route, counted once.
func (h *Handler) serve(c *call) *reply {
	rep := h.serveCounted(c)
	h.counters.count(c.kind, rep.status)
	h.observe(c, rep.status)
	return rep
}

func (h *Handler) serveCounted(c *call) *reply {
	kind, run := h.route(c)
	c.kind = kind
	if c.claims == nil {
		if rep := h.authenticate(c); rep != nil {
			return rep
		}
	}
	if chance(c.faults.ThrottleRate) {
		return c.throttled("TooManyRequests", "Too many requests.")
	}
	if chance(c.faults.UnavailableRate) {
		if chance(0.5) {
			r := c.fail(http.StatusServiceUnavailable, "ServiceNotAvailable", "The service is temporarily unavailable. Please try again later.")
			r.header.Set("Retry-After", c.faults.retryAfter())
			return r
		}
		return c.fail(http.StatusGatewayTimeout, "GatewayTimeout", "The gateway did not receive a response in time.")
	}
	if isDirectoryKind(kind) {
		if rep := h.directoryLimit(c); rep != nil {
			return rep
		}
	}
	if !isPhotoKind(kind) {
		return run()
	}
	app := c.claims.AppID
	n := h.counters.enterPhoto(app)
	defer h.counters.leavePhoto(app)
	if limit := c.faults.MaxPhotoConcurrency; limit > 0 && n > limit {
		h.counters.addConcurrencyThrottle()
		return c.throttled("ApplicationThrottled", "Application is over its MailboxConcurrency limit.")
	}
	// Only a request let in counts towards the mailbox's budgets: one
	// refused for concurrency was never served, and a client that retries
	// it must not run the budget down with refusals.
	if rep := h.mailboxLimit(c, kind); rep != nil {
		return rep
	}
	// ServerTime is the whole time the request holds its slot: the
	// sandbox's own work counts towards it, so a request is served in
	// ServerTime (or the work's time, if longer), not ServerTime plus the
	// work — which on a busy machine added a tenth to every photo.
	entered := time.Now()
	if c.ctx.Err() != nil { // the client is gone: apply nothing
		return c.fail(http.StatusGatewayTimeout, "GatewayTimeout", "The request was cancelled.")
	}
	rep := run()
	if !sleep(c.ctx, c.faults.ServerTime-time.Since(entered)) {
		return c.fail(http.StatusGatewayTimeout, "GatewayTimeout", "The request was cancelled.")
	}
	if kind == KindPhotoBytes && rep.status == http.StatusOK && chance(c.faults.CorruptRate) {
		rep.body = corrupt(rep.body)
	}
	return rep
}

// write sends the reply with the headers Graph puts on every answer.
func (h *Handler) write(w http.ResponseWriter, c *call, rep *reply) {
	hdr := w.Header()
	for k, v := range rep.header {
		hdr[wireName(k)] = v
	}
	// Graph spells these in lowercase; HTTP/1 clients see them as sent.
	hdr["request-id"] = []string{c.requestID}
	hdr["client-request-id"] = []string{c.clientID}
	hdr["x-ms-ags-diagnostic"] = []string{`{"ServerInfo":{"DataCenter":"Sandbox","Slice":"E","Ring":"5","ScaleUnit":"000","RoleInstance":"SANDBOX01","ADSiteName":"LOC"}}`}
	hdr.Set("Strict-Transport-Security", "max-age=31536000")
	hdr.Set("Content-Length", itoa(len(rep.body)))
	w.WriteHeader(rep.status)
	if c.method == http.MethodHead {
		return
	}
	n := writeSlowly(c.ctx, w, rep.body, c.faults.SlowBody)
	h.counters.addBytes(n)
}

// wireName spells a canonical header name the way Graph sends it.
func wireName(k string) string {
	switch k {
	case "Etag":
		return "ETag"
	case "Odata-Version":
		return "OData-Version"
	case "Www-Authenticate":
		return "WWW-Authenticate"
	}
	return k
}

// writeSlowly writes body in chunks spread over d (all at once when d is 0)
// and returns how many bytes went out.
func writeSlowly(ctx context.Context, w http.ResponseWriter, body []byte, d time.Duration) int {
	if d <= 0 || len(body) == 0 {
		n, _ := w.Write(body)
		return n
	}
	const chunks = 16
	size := max(1, (len(body)+chunks-1)/chunks)
	step := d / time.Duration((len(body)+size-1)/size)
	sent := 0
	flusher, _ := w.(http.Flusher)
	for len(body) > 0 {
		n := min(size, len(body))
		m, err := w.Write(body[:n])
		sent += m
		if err != nil {
			return sent
		}
		if flusher != nil {
			flusher.Flush()
		}
		body = body[n:]
		if !sleep(ctx, step) {
			return sent
		}
	}
	return sent
}

// resetConnection cuts the connection without an answer: a TCP reset on
// HTTP/1 (linger 0), a stream reset on HTTP/2.
func resetConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

// sleep waits for d or until ctx is done, reporting whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// newRequestID makes a random GUID, as Graph's request-id is.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// isPhotoKind reports whether a request is served by Exchange's photo
// service, which the concurrency rule and the server time apply to; writes
// are Outlook-backed like reads.
func isPhotoKind(kind string) bool {
	switch kind {
	case KindPhotoMeta, KindPhotoBytes, KindPhotoSizes, KindPhotoWrite, KindPhotoDelete:
		return true
	}
	return false
}
