package sandbox

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// FuzzParseFaults checks the fault spec parser never panics and that what
// it accepts prints back to the same faults.
func FuzzParseFaults(f *testing.F) {
	for _, s := range []string{
		"latency=100ms,server=20ms,concurrency=4,throttle=0.1,retry-after=0.5,unavailable=0.05,reset=0.01,slow=200ms,corrupt=0.02",
		"retry-after=Wed, 21 Oct 2026 07:28:00 GMT,throttle=1", "none", "", "=", ",,", "throttle=1e-3",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		fs, err := ParseFaults(spec)
		if err != nil {
			return
		}
		back, err := ParseFaults(fs.String())
		if err != nil || back != fs {
			t.Fatalf("%q parsed to %+v, printed %q, reparsed %+v (%v)", spec, fs, fs.String(), back, err)
		}
	})
}

// FuzzQueryParsers feeds $filter and $search parsers arbitrary text: they
// must refuse or match, never panic.
func FuzzQueryParsers(f *testing.F) {
	for _, s := range []string{
		"startswith(displayName,'a') or (mail eq 'x' and userType eq 'Guest')",
		`"displayName:ann" OR "mail:ann"`, "id in ('a','b')", "((", "'", `"`, "a OR", "emailAddresses/any(a:a/address eq 'x')",
	} {
		f.Add(s)
	}
	d := NewDirectory(1, 10)
	items := []any{d.Examples().FullHD, d.Examples().Guest, d.Examples().Sales, d.Examples().ContactWithPhoto}
	types := []*entityType{userType, groupType, contactType}
	f.Fuzz(func(t *testing.T, expr string) {
		if strings.Count(expr, "(") > 50 {
			return // deep nesting only measures the stack
		}
		if m, err := parseFilter(expr, types); err == nil {
			keep(items, m)
		}
		if m, err := parseSearch(expr, types); err == nil {
			keep(items, m)
		}
	})
}

// demoClaims verifies every token as the demo account with all scopes, so
// fuzzing reaches the routes (and the photo decoder) instead of stopping at
// 401 or 403.
type demoClaims struct{ id string }

func (v demoClaims) Verify(string) (*identity.Claims, error) {
	return &identity.Claims{
		ObjectID: v.id, UPN: "helpdesk@contoso.onmicrosoft.com", AppID: PublicClientID,
		Scopes: []string{"User.Read", "User.ReadBasic.All", "Group.Read.All", "Contacts.Read", "ProfilePhoto.ReadWrite.All", "Contacts.ReadWrite"},
	}, nil
}

// fuzzMethods are the methods FuzzHandler picks from.
var fuzzMethods = []string{"GET", "HEAD", "PUT", "PATCH", "DELETE", "POST"}

// FuzzHandler sends arbitrary methods, paths, queries, headers and bodies
// (photo uploads included) to the handler: every answer must be a Graph
// answer (never a 500 or a panic), and errors must be JSON, but for the
// bare 404 Graph gives Entra-only people's large uploads.
func FuzzHandler(f *testing.F) {
	tiny := tinyPNG()
	for _, s := range []string{
		"/v1.0/me/photo/$value", "/beta/users?$search=%22displayName:a%22", "/v1.0/users?$top=5&$skiptoken=abc",
		"/v1.0/groups/x/members/$count", "/v1.0/me/contactFolders/contacts/contacts/y/photos/1x1",
		"/v1.0/users/%23EXT%23/photos/48x48", "/v1.0/$batch", "/v1.0/users?$filter=startswith(mail,'a')",
	} {
		f.Add(uint8(0), s, "eventual", []byte(nil))
	}
	f.Add(uint8(2), "/v1.0/me/photo/$value", "", tiny)
	f.Add(uint8(3), "/beta/users/lynne.robbins@contoso.onmicrosoft.com/photo/$value", "", tiny)
	f.Add(uint8(2), "/v1.0/me/photo/$value", "", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x7f\xff\xff\xff\x7f\xff\xff\xff"))
	f.Add(uint8(4), "/v1.0/me/photo", "", []byte(nil))
	f.Add(uint8(5), "/v1.0/$batch", "", []byte(`{"requests":[{"id":"1","method":"PUT","url":"/me/photo/$value","headers":{"Content-Type":"image/png"},"body":"AAAA"}]}`))
	d := NewDirectory(1, 12)
	h := NewHandler(d, demoClaims{d.Examples().Helpdesk.ID})
	f.Fuzz(func(t *testing.T, m uint8, target, consistency string, body []byte) {
		u, err := url.ParseRequestURI(target)
		if err != nil || strings.Contains(target, "faults") {
			return
		}
		method := fuzzMethods[int(m)%len(fuzzMethods)]
		req := httptest.NewRequest(method, "/", bytes.NewReader(body))
		req.URL = u
		req.Header.Set("Authorization", "Bearer x")
		req.Header.Set("ConsistencyLevel", consistency)
		req.Header.Set("Content-Type", "image/png")
		if method == "POST" {
			req.Header.Set("Content-Type", "application/json")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s: %d %s", method, target, rec.Code, rec.Body)
		}
		bareUpload404 := rec.Code == 404 && rec.Body.Len() == 0 && (method == "PUT" || method == "PATCH")
		if rec.Code >= 400 && method != "HEAD" && !bareUpload404 && !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %s: error body is not JSON: %s", method, target, rec.Body)
		}
	})
}

// tinyPNG is a valid 2x2 PNG for seeding uploads.
func tinyPNG() []byte {
	var buf bytes.Buffer
	_ = png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 2, 2)))
	return buf.Bytes()
}
