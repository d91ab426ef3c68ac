package graphapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// seenWrite is one request a write test server received.
type seenWrite struct {
	method, path, escaped, contentType string
	body                               []byte
}

// writeServer records every request and answers each with answer.
type writeServer struct {
	t      *testing.T
	mu     sync.Mutex
	seen   []seenWrite
	answer func(w http.ResponseWriter, r *http.Request)
}

func (ws *writeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	checkRequest(ws.t, r, r.Method)
	body, _ := io.ReadAll(r.Body)
	ws.mu.Lock()
	ws.seen = append(ws.seen, seenWrite{r.Method, r.URL.Path, r.URL.EscapedPath(), r.Header.Get("Content-Type"), body})
	ws.mu.Unlock()
	ws.answer(w, r)
}

func (ws *writeServer) requests() []seenWrite {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	return append([]seenWrite(nil), ws.seen...)
}

// newWriteServer is setup with a recording handler at the root; the client
// talks to /{version}.
func newWriteServer(t *testing.T, version string, answer func(http.ResponseWriter, *http.Request)) (*Client, *writeServer) {
	t.Helper()
	c, mux, url, clock := setup(t)
	ws := &writeServer{t: t, answer: answer}
	mux.Handle("/", ws)
	return New(WithBaseURL(url+"/"+version), WithHTTPClient(c.http), WithTokenSource(StaticToken(testToken)), WithRetry(fakePolicy(clock))), ws
}

// everyWriteSubject is each subject the update doc lists, guests' #EXT#
// UPNs included, with the decoded path of its photo.
var everyWriteSubject = []struct {
	subj Subject
	path string
}{
	{Me(), "/me/photo"},
	{User(guestUPN), "/users/" + guestUPN + "/photo"},
	{User("0b1d-id"), "/users/0b1d-id/photo"},
	{Group("g1"), "/groups/g1/photo"},
	{Contact("c1"), "/me/contacts/c1/photo"},
	{Contact("c1").OfUser(guestUPN), "/users/" + guestUPN + "/contacts/c1/photo"},
	{Contact("c1").InFolder("f1"), "/me/contactfolders/f1/contacts/c1/photo"},
	{Contact("c1").InFolder("f1").OfUser("u1"), "/users/u1/contactfolders/f1/contacts/c1/photo"},
}

func TestSetPhotoEveryPath(t *testing.T) {
	data := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 100)...)
	for _, version := range []string{"v1.0", "beta"} {
		t.Run(version, func(t *testing.T) {
			c, ws := newWriteServer(t, version, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
			for _, row := range everyWriteSubject {
				if err := c.SetPhoto(t.Context(), row.subj, data, "image/PNG"); err != nil {
					t.Fatalf("SetPhoto(%v): %v", row.subj, err)
				}
				seen := ws.requests()
				got := seen[len(seen)-1]
				escaped := "/" + version + mustPath(t, row.subj, SizeLargest, true)
				if got.method != http.MethodPut || got.path != "/"+version+row.path+"/$value" || got.escaped != escaped {
					t.Errorf("%v: %s %s (%s), want PUT %s", row.subj, got.method, got.path, got.escaped, escaped)
				}
				if got.contentType != "image/png" || !bytes.Equal(got.body, data) {
					t.Errorf("%v: Content-Type %q, %d bytes", row.subj, got.contentType, len(got.body))
				}
			}
			if n := len(ws.requests()); n != len(everyWriteSubject) {
				t.Errorf("%d requests for %d subjects", n, len(everyWriteSubject))
			}
		})
	}
}

func TestDeletePhotoEveryPath(t *testing.T) {
	for _, version := range []string{"v1.0", "beta"} {
		t.Run(version, func(t *testing.T) {
			c, ws := newWriteServer(t, version, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
			sent := 0
			for _, row := range everyWriteSubject {
				err := c.DeletePhoto(t.Context(), row.subj)
				if row.subj.Kind() == KindContact {
					if !errors.Is(err, ErrCannotDeleteContactPhoto) {
						t.Errorf("DeletePhoto(%v) = %v, want ErrCannotDeleteContactPhoto", row.subj, err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("DeletePhoto(%v): %v", row.subj, err)
				}
				sent++
				seen := ws.requests()
				got := seen[len(seen)-1]
				escaped := "/" + version + mustPath(t, row.subj, SizeLargest, false)
				if got.method != http.MethodDelete || got.path != "/"+version+row.path || got.escaped != escaped || len(got.body) != 0 {
					t.Errorf("%v: %s %s (%s), want DELETE %s", row.subj, got.method, got.path, got.escaped, escaped)
				}
			}
			if n := len(ws.requests()); n != sent {
				t.Errorf("%d requests for %d deletable subjects: contacts must fail before sending", n, sent)
			}
		})
	}
}

func TestSetPhotoRefusedLocally(t *testing.T) {
	c, ws := newWriteServer(t, "v1.0", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	jpeg := []byte("\xff\xd8\xff\xe0jpeg")
	tests := []struct {
		name string
		data []byte
		ct   string
		want error
	}{
		{"over 4 MB", make([]byte, MaxPhotoBytes+1), "image/jpeg", ErrPhotoTooLarge},
		{"empty", nil, "image/jpeg", ErrEmptyPhoto},
		{"gif", jpeg, "image/gif", ErrUnsupportedPhotoType},
		{"octet-stream", jpeg, "application/octet-stream", ErrUnsupportedPhotoType},
		{"no type", jpeg, "", ErrUnsupportedPhotoType},
		{"garbage type", jpeg, ";;", ErrUnsupportedPhotoType},
		{"bad subject", jpeg, "image/jpeg", nil}, // user without id: no request either
	}
	for _, tt := range tests {
		subj := Me()
		if tt.name == "bad subject" {
			subj = User("")
		}
		err := c.SetPhoto(t.Context(), subj, tt.data, tt.ct)
		if err == nil || tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
	if err := c.DeletePhoto(t.Context(), Group("")); err == nil {
		t.Error("DeletePhoto of a group without id succeeded")
	}
	if n := len(ws.requests()); n != 0 {
		t.Fatalf("%d requests sent for refused writes", n)
	}
	// the limit is inclusive, and types are compared without case or parameters
	for _, ct := range []string{"image/jpeg", "IMAGE/JPEG; charset=binary"} {
		if err := c.SetPhoto(t.Context(), Me(), make([]byte, MaxPhotoBytes), ct); err != nil {
			t.Errorf("SetPhoto of exactly 4 MB as %q: %v", ct, err)
		}
	}
	for _, r := range ws.requests() {
		if r.contentType != "image/jpeg" || len(r.body) != MaxPhotoBytes {
			t.Errorf("sent Content-Type %q with %d bytes", r.contentType, len(r.body))
		}
	}
}

// TestWritesRetried: a throttled or busy upload is sent again, whole, after
// Retry-After, and so is a DELETE; other failures are not retried.
func TestWritesRetried(t *testing.T) {
	var (
		mu    sync.Mutex
		calls int
		steps []func(http.ResponseWriter, *http.Request)
	)
	script := func(s ...func(http.ResponseWriter, *http.Request)) {
		mu.Lock()
		defer mu.Unlock()
		calls, steps = 0, s
	}
	tries := func() int {
		mu.Lock()
		defer mu.Unlock()
		return calls
	}
	c, ws := newWriteServer(t, "v1.0", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		step := steps[min(calls, len(steps)-1)]
		calls++
		mu.Unlock()
		step(w, r)
	})
	clock := newFakeClock()
	c.retry = fakePolicy(clock).withDefaults()
	data := bytes.Repeat([]byte{0xff, 0xd8}, 5000)

	script(throttle("0.5"), status(503, "ServiceNotAvailable"), hangUp,
		func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	if err := c.SetPhoto(t.Context(), User(guestUPN), data, "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	seen := ws.requests()
	if len(seen) != 4 {
		t.Fatalf("%d tries, want 4", len(seen))
	}
	for i, r := range seen {
		if r.method != http.MethodPut || !bytes.Equal(r.body, data) {
			t.Errorf("try %d: %s with %d bytes, want the whole PUT again", i+1, r.method, len(r.body))
		}
	}
	if got := clock.Sleeps(); len(got) != 3 || got[0] != 500*time.Millisecond {
		t.Errorf("waits %v, want Retry-After (0.5s) first, then backoff", got)
	}

	script(throttle("1"), func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	if err := c.DeletePhoto(t.Context(), Me()); err != nil || tries() != 2 {
		t.Errorf("DeletePhoto after a 429: %v after %d tries", err, tries())
	}

	script(status(400, "ErrorInvalidImage"))
	if err := c.SetPhoto(t.Context(), Me(), data, "image/jpeg"); !IsInvalidPhoto(err) || tries() != 1 {
		t.Errorf("a 400 upload: %v after %d tries, want IsInvalidPhoto after 1", err, tries())
	}
}

func TestWriteErrorPredicates(t *testing.T) {
	bare404 := func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotFound) }
	type preds struct{ invalid, entraOnly, role, forbidden, notFound bool }
	tests := []struct {
		name   string
		answer func(http.ResponseWriter, *http.Request)
		do     func(c *Client) error
		want   preds
	}{
		{"not an image", status(400, "ErrorInvalidImage"), set(User("u")), preds{invalid: true}},
		{"entra-only over 100 KB", bare404, set(User("u")), preds{entraOnly: true, notFound: true}},
		{"unknown user", status(404, "ErrorInvalidUser"), set(User("u")), preds{notFound: true}},
		{"unknown contact", status(404, "ErrorItemNotFound"), set(Contact("c")), preds{notFound: true}},
		{"no admin role", status(403, "Authorization_RequestDenied"), set(User("u")), preds{role: true, forbidden: true}},
		{"no scope", status(403, "ErrorAccessDenied"), set(User("u")), preds{forbidden: true}},
		{"delete without role", status(403, "Authorization_RequestDenied"), del(User("u")), preds{role: true, forbidden: true}},
		{"delete unknown user", status(404, "ErrorInvalidUser"), del(User("u")), preds{notFound: true}},
		{"bare 404 to a read", bare404, func(c *Client) error {
			_, err := c.PhotoBytes(context.Background(), User("u"), SizeLargest)
			return err
		}, preds{notFound: true}},
		{"directory 403 to a read", status(403, "Authorization_RequestDenied"), func(c *Client) error {
			_, err := c.PhotoMeta(context.Background(), User("u"), SizeLargest)
			return err
		}, preds{forbidden: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newWriteServer(t, "v1.0", tt.answer)
			err := tt.do(c)
			if err == nil {
				t.Fatal("no error")
			}
			got := preds{IsInvalidPhoto(err), IsPhotoTooLargeForEntraOnly(err), IsAdminRoleRequired(err), IsForbidden(err), IsNotFound(err)}
			if got != tt.want {
				t.Errorf("%v: predicates %+v, want %+v", err, got, tt.want)
			}
			var ge *Error
			if errors.As(err, &ge) && (ge.Method == "" || !strings.Contains(ge.URL, "/photo")) {
				t.Errorf("Error %+v lacks its method or URL", ge)
			}
		})
	}
}

func set(s Subject) func(*Client) error {
	return func(c *Client) error {
		return c.SetPhoto(context.Background(), s, []byte("\xff\xd8\xff"), "image/jpeg")
	}
}

func del(s Subject) func(*Client) error {
	return func(c *Client) error { return c.DeletePhoto(context.Background(), s) }
}

// TestDeleteMissingPhotoSucceeds: no photo is what DeletePhoto asks for.
func TestDeleteMissingPhotoSucceeds(t *testing.T) {
	c, ws := newWriteServer(t, "v1.0", status(404, "ImageNotFound"))
	if err := c.DeletePhoto(t.Context(), User("u")); err != nil {
		t.Errorf("DeletePhoto of a missing photo: %v", err)
	}
	if n := len(ws.requests()); n != 1 {
		t.Errorf("%d requests", n)
	}
}

// TestWritesShareThePhotoLimiter: an upload holds a photo slot, so with one
// slot a read waits for it (Outlook counts writes and reads together).
func TestWritesShareThePhotoLimiter(t *testing.T) {
	arrived, release := make(chan struct{}), make(chan struct{})
	c, ws := newWriteServer(t, "v1.0", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut {
			close(arrived)
			<-release
		}
		w.WriteHeader(http.StatusOK)
	})
	c.limiter = newLimiter(1)
	done := make(chan error, 1)
	go func() { done <- c.SetPhoto(context.Background(), Me(), []byte("\xff\xd8\xff"), "image/jpeg") }()
	<-arrived
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if _, err := c.PhotoBytes(ctx, Me(), SizeLargest); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("read during an upload with one slot: %v, want to wait until the deadline", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := len(ws.requests()); n != 1 {
		t.Errorf("%d requests reached the server, want only the upload", n)
	}
}

// TestSetPhotoTakesEverySuccessAnswer: the update document's success is
// 200 OK, and 204 No Content for a team (microsoft-graph-docs-contrib,
// api-reference/beta/api/profilephoto-update.md, "Response" and its team
// example), both without a body. Either is an upload taken, sent alone or
// as an item of a $batch.
func TestSetPhotoTakesEverySuccessAnswer(t *testing.T) {
	data := bytes.Repeat([]byte{0xff, 0xd8}, 50)
	for _, status := range []int{http.StatusOK, http.StatusNoContent} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			c, ws := newWriteServer(t, "v1.0", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(status) })
			if err := c.SetPhoto(t.Context(), Group("g1"), data, "image/jpeg"); err != nil || len(ws.requests()) != 1 {
				t.Errorf("SetPhoto answered %d: %v after %d requests", status, err, len(ws.requests()))
			}

			bc, mux, _, _ := setup(t)
			mux.Handle("/v1.0/$batch", newBatchServer(t, func(wireBatchRequest, int) *wireBatchResponse {
				return &wireBatchResponse{Status: status, Headers: map[string]string{}}
			}))
			ups := []PhotoUpload{{Group("g1"), data, "image/jpeg"}, {Me(), data, "image/png"}}
			for i, err := range bc.SetPhotos(t.Context(), ups) {
				if err != nil {
					t.Errorf("SetPhotos item %d answered %d: %v", i, status, err)
				}
			}
		})
	}
}
