package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"go.uber.org/goleak"
)

// Test clients and registrations on the shared server.
const (
	noRolesAppID   = "0a0a0a0a-0000-4000-8000-000000000001" // app with no permissions
	usersOnlyAppID = "0a0a0a0a-0000-4000-8000-000000000002" // app with User.Read.All only
	teamsAppID     = "0a0a0a0a-0000-4000-8000-000000000003" // app with TeamSettings.ReadWrite.All only
)

// shared is one sandbox for the read-only tests: starting one per test
// would spend most of the run making RSA keys. Tests that read Stats or
// change faults use isolated handlers instead (see isolated).
var shared *Server

func TestMain(m *testing.M) {
	s, err := Start(Options{Apps: map[string]identity.App{
		noRolesAppID:   {Secret: "x"},
		usersOnlyAppID: {Secret: "y", Roles: []string{"User.Read.All"}},
		teamsAppID:     {Secret: "z", Roles: []string{"TeamSettings.ReadWrite.All"}},
	}})
	if err != nil {
		fmt.Fprintln(os.Stderr, "start sandbox:", err)
		os.Exit(1)
	}
	shared = s
	code := m.Run()
	_ = s.Close()
	if code == 0 {
		// After Close, so the shared server's goroutines are gone too.
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goleak: goroutines left behind:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// result is a response read in full.
type result struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body as a JSON object.
func (r result) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body is not a JSON object (%v): %.300s", err, r.body)
	}
	return m
}

// client talks to one Graph base URL with one token.
type client struct {
	t     *testing.T
	base  string // ".../v1.0"
	token string
	http  *http.Client
}

// demo is a client of the shared server with the demo helpdesk token.
func demo(t *testing.T) *client {
	t.Helper()
	tok, err := shared.DemoToken()
	if err != nil {
		t.Fatal(err)
	}
	return &client{t: t, base: shared.GraphURL("v1.0"), token: tok, http: shared.GraphHTTPClient()}
}

// as is a client of the shared server with another token.
func (c *client) as(token string) *client {
	cp := *c
	cp.token = token
	return &cp
}

// userToken issues a delegated token on the shared server.
func userToken(t *testing.T, upn string, scopes ...string) string {
	t.Helper()
	tok, err := shared.UserToken(upn, scopes...)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// appToken issues an application token on the shared server.
func appToken(t *testing.T, clientID string) string {
	t.Helper()
	tok, err := shared.AppToken(clientID)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// get sends GET base+path with extra headers given as "Name: value".
func (c *client) get(path string, headers ...string) result {
	c.t.Helper()
	return c.do(http.MethodGet, path, nil, headers...)
}

func (c *client) do(method, path string, body []byte, headers ...string) result {
	c.t.Helper()
	url := path
	if !strings.HasPrefix(path, "http") {
		url = c.base + path
	}
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ":")
		req.Header.Set(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return result{status: resp.StatusCode, header: resp.Header, body: b}
}

// wantStatus fails unless the status matches.
func wantStatus(t *testing.T, r result, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %.400s", r.status, status, r.body)
	}
}

// wantError checks Graph's error shape: status, code, and an innerError
// with date, request-id and client-request-id matching the headers.
func wantError(t *testing.T, r result, status int, code string) string {
	t.Helper()
	wantStatus(t, r, status)
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("error Content-Type %q, want application/json", ct)
	}
	var body struct {
		Error struct {
			Code       string `json:"code"`
			Message    string `json:"message"`
			InnerError struct {
				Date            string `json:"date"`
				RequestID       string `json:"request-id"`
				ClientRequestID string `json:"client-request-id"`
			} `json:"innerError"`
		} `json:"error"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatalf("error body is not JSON: %v: %s", err, r.body)
	}
	e := body.Error
	if e.Code != code {
		t.Fatalf("error code %q, want %q (message %q)", e.Code, code, e.Message)
	}
	if e.Message == "" {
		t.Error("error message is empty")
	}
	if _, err := time.Parse("2006-01-02T15:04:05", e.InnerError.Date); err != nil {
		t.Errorf("innerError.date %q: %v", e.InnerError.Date, err)
	}
	if rid := r.header.Get("request-id"); rid != "" && e.InnerError.RequestID != rid {
		t.Errorf("innerError.request-id %q, header %q", e.InnerError.RequestID, rid)
	}
	if e.InnerError.ClientRequestID == "" {
		t.Error("innerError.client-request-id is empty")
	}
	return e.Message
}

// keys lists a JSON object's keys in document order.
func keys(t *testing.T, body []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not a JSON object: %s", body)
	}
	var out []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// isolated serves a fresh directory through its own handler (own stats and
// faults) behind an httptest server, trusting the shared provider's tokens.
func isolated(t *testing.T, users int) (*Handler, *client) {
	t.Helper()
	dir := NewDirectory(1, users)
	h := NewHandler(dir, shared.Provider())
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c := demo(t)
	c.base, c.http = srv.URL+"/v1.0", srv.Client()
	return h, c
}

// parallel runs f n times at once and waits.
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { f(i) })
	}
	wg.Wait()
}
