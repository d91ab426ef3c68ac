package graphapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestErrorRows drives every row of graph-facts.md's error table through a
// real request and checks the decoded Error and each predicate.
func TestErrorRows(t *testing.T) {
	type preds struct{ noPhoto, throttled, unauth, forbidden, personal, notFound, appGroup, noMailbox bool }
	tests := []struct {
		name   string
		subj   Subject
		status int
		code   string
		want   preds
	}{
		{"no photo today", User("u"), 404, "ImageNotFound", preds{noPhoto: true, notFound: true}},
		{"no photo older", User("u"), 404, "ErrorItemNotFound", preds{noPhoto: true, notFound: true}},
		{"no photo older 2", User("u"), 404, "GetUserPhoto", preds{noPhoto: true, notFound: true}},
		{"personal account", Me(), 404, "ConsumerPhotoIsNotSupported", preds{personal: true, notFound: true}},
		{"app-only group photo", Group("g"), 403, "ErrorAccessDenied", preds{forbidden: true, appGroup: true}},
		{"access denied on a user", User("u"), 403, "ErrorAccessDenied", preds{forbidden: true}},
		{"no mailbox", User("u"), 400, "AuthenticationError", preds{noMailbox: true, noPhoto: true}},
		{"unknown user", User("u"), 404, "Request_ResourceNotFound", preds{notFound: true}},
		{"unknown user 2", User("u"), 404, "ErrorInvalidUser", preds{notFound: true}},
		{"missing scope", User("u"), 403, "Authorization_RequestDenied", preds{forbidden: true}},
		{"bad token", User("u"), 401, "InvalidAuthenticationToken", preds{unauth: true}},
		{"throttled", User("u"), 429, "TooManyRequests", preds{throttled: true}},
		{"busy", User("u"), 503, "ServiceNotAvailable", preds{}},
		{"gateway", User("u"), 504, "GatewayTimeout", preds{}},
		{"contact size route", Contact("c"), 400, "BadRequest", preds{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mux, _, _ := setup(t)
			mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
				if tt.status == http.StatusUnauthorized {
					w.Header().Set("WWW-Authenticate", `Bearer realm=""`)
				}
				writeGraphError(w, tt.status, tt.code, "msg for "+tt.code)
			})
			_, err := c.PhotoBytes(context.Background(), tt.subj, SizeLargest)
			var ge *Error
			if !errors.As(err, &ge) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if ge.Status != tt.status || ge.Code != tt.code || ge.Message != "msg for "+tt.code ||
				ge.RequestID != "req-"+tt.code || !guidRE.MatchString(ge.ClientRequestID) ||
				!strings.HasSuffix(ge.URL, "/photo/$value") {
				t.Errorf("Error = %+v", ge)
			}
			got := preds{
				IsNoPhoto(err), IsThrottled(err), IsUnauthorized(err), IsForbidden(err),
				IsPersonalAccountUnsupported(err), IsNotFound(err), IsAppOnlyGroupPhotoDenied(err), IsNoMailbox(err),
			}
			if got != tt.want {
				t.Errorf("predicates = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestNonJSONErrorBody(t *testing.T) {
	c, mux, _, _ := setup(t)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("request-id", "r-2319") // Graph's, as on every answer
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, "The requested size\n is not  available.")
	})
	_, err := c.PhotoBytes(context.Background(), User("u"), "648x648")
	var ge *Error
	if !errors.As(err, &ge) || ge.Status != 404 || ge.Code != "" || ge.Message != "The requested size is not available." {
		t.Fatalf("err = %#v", err)
	}
	// The old answer for a missing size (microsoft-graph-docs #2319) means
	// "not at this size", like today's JSON 404.
	if !IsNotFound(err) || !IsNoPhoto(err) {
		t.Errorf("predicates wrong for %v", err)
	}
}

func TestDecodeError(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	long := strings.Repeat("é", 500)
	tests := []struct {
		name   string
		status int
		header http.Header
		body   string
		want   Error
	}{
		{
			"graph json", 429,
			http.Header{"Retry-After": {"2.128"}},
			`{"error":{"code":"TooManyRequests","message":"slow down","innerError":{"request-id":"r1","client-request-id":"c1"}}}`,
			Error{Status: 429, Code: "TooManyRequests", Message: "slow down", RequestID: "r1", ClientRequestID: "c1", RetryAfter: 2128 * time.Millisecond},
		},
		{
			"header request-id wins", 500,
			http.Header{"Request-Id": {"h1"}},
			`{"error":{"code":"x","message":"m","innerError":{"request-id":"r1"}}}`,
			Error{Status: 500, Code: "x", Message: "m", RequestID: "h1"},
		},
		{
			"html", 502, nil, "<html><body>Bad gateway</body></html>",
			Error{Status: 502, Message: "<html><body>Bad gateway</body></html>"},
		},
		{"empty body", 503, nil, "", Error{Status: 503, Message: "service unavailable"}},
		{"json without error", 400, nil, `{"value":[]}`, Error{Status: 400, Message: `{"value":[]}`}},
		{"long body", 500, nil, long, Error{Status: 500, Message: strings.Repeat("é", maxMessage) + "…"}},
		{"invalid utf8", 500, nil, "a\xffb", Error{Status: 500, Message: "a\uFFFDb"}},
	}
	for _, tt := range tests {
		got := decodeError(tt.status, tt.header, []byte(tt.body), "", now)
		if *got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, *got, tt.want)
		}
	}
}

func TestErrorString(t *testing.T) {
	e := &Error{Status: 404, Code: "ImageNotFound", Message: "gone", RequestID: "r"}
	if got, want := e.Error(), "graph 404 ImageNotFound: gone (request-id r)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	// The note people's words end with is the one Error ends with; none
	// without an id, nor for no error at all.
	if got := e.RequestIDNote(); got != " (request-id r)" || !strings.HasSuffix(e.Error(), got) {
		t.Errorf("RequestIDNote() = %q", got)
	}
	if got := (&Error{Status: 404}).RequestIDNote() + (*Error)(nil).RequestIDNote(); got != "" {
		t.Errorf("RequestIDNote without an id = %q, want none", got)
	}
	wrapped := fmt.Errorf("photo: %w", e)
	if !IsNoPhoto(wrapped) || IsNoPhoto(errors.New("x")) || IsNotFound(nil) {
		t.Error("predicates do not see through wrapping")
	}
}

// TestHistoricNoPhotoAnswers: the old text/plain 404 on a photo read and
// the mailbox-less 400 are "no photo"; an upload's bare 404 and a text 404
// elsewhere are not.
func TestHistoricNoPhotoAnswers(t *testing.T) {
	base := "https://graph.microsoft.com/v1.0/users/x"
	plain := func(method, url string) error {
		e := decodeError(404, http.Header{"Content-Type": {"text/plain"}, "Request-Id": {"r1"}}, []byte("Not Found"), url, time.Now())
		e.Method = method
		return e
	}
	notGraph := decodeError(404, http.Header{"Content-Type": {"text/plain"}}, []byte("404 page not found"), base+"/photo", time.Now())
	notGraph.Method = "GET"
	noMailbox := decodeError(400, nil, []byte(`{"error":{"code":"AuthenticationError","message":"Error authenticating with resource"}}`), base+"/photo", time.Now())
	for _, tt := range []struct {
		name string
		err  error
		want bool
	}{
		{"text/plain 404 for a size", plain("GET", base+"/photos/360x360/$value"), true},
		{"text/plain 404 metadata", plain("GET", base+"/photo"), true},
		{"text/plain 404 in a batch", plain("", base+"/photos/360x360"), true},
		{"upload's bare 404", plain("PUT", base+"/photo/$value"), false},
		{"text/plain 404 for a user", plain("GET", base), false},
		{"no mailbox", noMailbox, true},
		{"another web server's 404", notGraph, false},
	} {
		if got := IsNoPhoto(tt.err); got != tt.want {
			t.Errorf("%s: IsNoPhoto = %v, want %v", tt.name, got, tt.want)
		}
	}
	if !IsNoMailbox(noMailbox) || IsNoMailbox(plain("GET", base+"/photo")) {
		t.Error("IsNoMailbox tells the wrong answers apart")
	}
}
