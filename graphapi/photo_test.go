package graphapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

var jpegBytes = []byte("\xff\xd8\xff\xe0fake-jpeg")

// photoServer answers every photo route like Graph: bytes for $value,
// a collection for /photos, profilePhoto metadata otherwise. It records
// the decoded and escaped paths it saw.
type photoServer struct {
	mu      sync.Mutex
	paths   []string // r.URL.Path (decoded)
	escaped []string // r.URL.EscapedPath()
}

func (ps *photoServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ps.mu.Lock()
	ps.paths = append(ps.paths, r.URL.Path)
	ps.escaped = append(ps.escaped, r.URL.EscapedPath())
	ps.mu.Unlock()
	w.Header().Set("request-id", "rid-1")
	switch p := r.URL.Path; {
	case strings.HasSuffix(p, "/$value"):
		w.Header().Set("Content-Type", "image/Jpeg")
		w.Header().Set("ETag", `"89C63EA8"`)
		_, _ = w.Write(jpegBytes)
	case strings.HasSuffix(p, "/photos"):
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"@odata.context":"x","value":[
			{"@odata.mediaContentType":"image/jpeg","@odata.mediaEtag":"\"A\"","id":"48X48","width":48,"height":48},
			{"@odata.mediaContentType":"image/jpeg","@odata.mediaEtag":"\"A\"","id":"240x240","width":240,"height":240}]}`)
	default:
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"@odata.context":"ctx","@odata.mediaContentType":"image/jpeg","@odata.mediaEtag":"\"BA09D118\"","id":"240X240","width":240,"height":240}`)
	}
}

// everyPhotoPath lists each photo route in graph-facts.md with a subject
// and size that produce it, the guest UPN standing in for a user.
func everyPhotoPath() []struct {
	subj Subject
	size Size
	path string // decoded, under the API root, without /$value
} {
	type row = struct {
		subj Subject
		size Size
		path string
	}
	rows := []row{
		{Me(), SizeLargest, "/me/photo"},
		{User(guestUPN), SizeLargest, "/users/" + guestUPN + "/photo"},
		{User("0b1d-id"), SizeLargest, "/users/0b1d-id/photo"},
		{Group("g1"), SizeLargest, "/groups/g1/photo"},
		{Contact("c1"), SizeLargest, "/me/contacts/c1/photo"},
		{Contact("c1").OfUser(guestUPN), SizeLargest, "/users/" + guestUPN + "/contacts/c1/photo"},
		{Contact("c1").InFolder("f1"), SizeLargest, "/me/contactfolders/f1/contacts/c1/photo"},
		{Contact("c1").InFolder("f1").OfUser("u1"), SizeLargest, "/users/u1/contactfolders/f1/contacts/c1/photo"},
	}
	for _, size := range HDSizes {
		rows = append(rows,
			row{Me(), size, "/me/photos/" + string(size)},
			row{User(guestUPN), size, "/users/" + guestUPN + "/photos/" + string(size)},
			row{Group("g1"), size, "/groups/g1/photos/" + string(size)},
		)
	}
	return rows
}

func TestEveryPhotoPath(t *testing.T) {
	for _, version := range []string{"v1.0", "beta"} {
		t.Run(version, func(t *testing.T) {
			c, mux, url, _ := setup(t)
			c = New(WithBaseURL(url+"/"+version+"/"), WithHTTPClient(c.http), WithTokenSource(StaticToken(testToken)))
			ps := &photoServer{}
			mux.Handle("/", ps)
			ctx := context.Background()
			for _, row := range everyPhotoPath() {
				want := "/" + version + row.path
				m, err := c.PhotoMeta(ctx, row.subj, row.size)
				if err != nil {
					t.Fatalf("PhotoMeta(%v, %q): %v", row.subj, row.size, err)
				}
				if m.URL != url+"/"+version+mustPath(t, row.subj, row.size, false) || m.ETag != `"BA09D118"` ||
					m.ID != "240X240" || m.Width != 240 || m.RequestID != "rid-1" || m.Context != "ctx" {
					t.Errorf("PhotoMeta(%v) = %+v", row.subj, m)
				}
				p, err := c.PhotoBytes(ctx, row.subj, row.size)
				if err != nil {
					t.Fatalf("PhotoBytes(%v, %q): %v", row.subj, row.size, err)
				}
				if !bytes.Equal(p.Bytes, jpegBytes) || p.ContentType != "image/Jpeg" || p.ETag != `"89C63EA8"` || p.RequestID != "rid-1" {
					t.Errorf("PhotoBytes(%v) = %+v", row.subj, p)
				}
				ps.mu.Lock()
				got := ps.paths[len(ps.paths)-2:]
				ps.mu.Unlock()
				if got[0] != want || got[1] != want+"/$value" {
					t.Errorf("server saw %q, want %q and %q", got, want, want+"/$value")
				}
			}
			for _, s := range []Subject{Me(), User(guestUPN), Group("g1")} {
				sizes, err := c.PhotoSizes(ctx, s)
				if err != nil || len(sizes) != 2 || sizes[0].ID != "48X48" || sizes[1].Width != 240 {
					t.Fatalf("PhotoSizes(%v) = %+v, %v", s, sizes, err)
				}
				base, _ := s.base()
				ps.mu.Lock()
				last := ps.escaped[len(ps.escaped)-1]
				ps.mu.Unlock()
				if last != "/"+version+base+"/photos" {
					t.Errorf("PhotoSizes(%v) hit %q", s, last)
				}
			}
		})
	}
}

func mustPath(t *testing.T, s Subject, size Size, value bool) string {
	t.Helper()
	p, err := s.PhotoPath(size, value)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestGuestUPNArrivesIntact(t *testing.T) {
	c, mux, _, _ := setup(t)
	var path, raw string
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		checkRequest(t, r, http.MethodGet)
		path, raw = r.URL.Path, r.URL.EscapedPath()
		_, _ = w.Write(jpegBytes)
	})
	if _, err := c.PhotoBytes(context.Background(), User(guestUPN), "48x48"); err != nil {
		t.Fatal(err)
	}
	if want := "/v1.0/users/" + guestUPN + "/photos/48x48/$value"; path != want {
		t.Errorf("decoded path %q, want %q", path, want)
	}
	if !strings.Contains(raw, "jane_x.com%23EXT%23@tenant.onmicrosoft.com") {
		t.Errorf("escaped path %q does not carry the escaped UPN", raw)
	}
}

func TestContactSizeFailsBeforeRequest(t *testing.T) {
	c, mux, _, _ := setup(t)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("unexpected request %s", r.URL)
	})
	ctx := context.Background()
	subj := Contact("c1").InFolder("f")
	if _, err := c.PhotoMeta(ctx, subj, "48x48"); !errors.Is(err, ErrSizeUnsupported) {
		t.Errorf("PhotoMeta: %v", err)
	}
	if _, err := c.PhotoBytes(ctx, subj, "48x48"); !errors.Is(err, ErrSizeUnsupported) {
		t.Errorf("PhotoBytes: %v", err)
	}
	if _, err := c.PhotoSizes(ctx, subj); !errors.Is(err, ErrSizeUnsupported) {
		t.Errorf("PhotoSizes: %v", err)
	}
	res := c.PhotosBatch(ctx, []Subject{subj}, "48x48")
	if len(res) != 1 || !errors.Is(res[0].Err, ErrSizeUnsupported) {
		t.Errorf("PhotosBatch: %+v", res)
	}
}

func TestPlaceholderIsNoPhoto(t *testing.T) {
	tests := []struct {
		name, body string
		noPhoto    bool
	}{
		{"1x1 gif empty etag", `{"@odata.mediaContentType":"image/gif","@odata.mediaEtag":"","id":"1x1","width":1,"height":1}`, true},
		{"1x1 jpeg", `{"@odata.mediaContentType":"image/jpeg","@odata.mediaEtag":"\"A\"","id":"1X1","width":1,"height":1}`, true},
		{"empty etag", `{"@odata.mediaContentType":"image/jpeg","@odata.mediaEtag":"","id":"default","width":96,"height":96}`, true},
		{"quoted empty etag", `{"@odata.mediaContentType":"image/jpeg","@odata.mediaEtag":"\"\"","id":"default","width":96,"height":96}`, true},
		{"default id", `{"@odata.mediaContentType":"image/jpeg","@odata.mediaEtag":"\"A\"","id":"default","width":400,"height":300}`, false},
		{"gif photo", `{"@odata.mediaContentType":"image/gif","@odata.mediaEtag":"\"A\"","id":"96x96","width":96,"height":96}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mux, _, _ := setup(t)
			mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, tt.body)
			})
			m, err := c.PhotoMeta(context.Background(), Me(), SizeLargest)
			if IsNoPhoto(err) != tt.noPhoto {
				t.Fatalf("PhotoMeta = %+v, %v; want no photo %v", m, err, tt.noPhoto)
			}
			if !tt.noPhoto && m.ETag != `"A"` {
				t.Errorf("ETag %q", m.ETag)
			}
		})
	}
}

func TestEmptyBytesIsNoPhoto(t *testing.T) {
	c, mux, _, _ := setup(t)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
	})
	if _, err := c.PhotoBytes(context.Background(), Me(), SizeLargest); !IsNoPhoto(err) || IsAnsweredNoPhoto(err) {
		t.Errorf("err = %v, want no photo to show, but not Graph's word for it", err)
	}
	notFound := &Error{Status: 404, Code: "ImageNotFound", RequestID: "r"}
	placeholder := noPhotoError(200, "r", "u", "1x1 placeholder")
	if !IsAnsweredNoPhoto(notFound) || !IsAnsweredNoPhoto(placeholder) || IsAnsweredNoPhoto(errors.New("x")) {
		t.Error("Graph's own no-photo answers are not IsAnsweredNoPhoto")
	}
}

func TestNoTokenSourceSendsNoAuthorization(t *testing.T) {
	_, mux, url, _ := setup(t)
	var auth []string
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Values("Authorization")
		if ua := r.Header.Get("User-Agent"); ua != "desk/1" {
			t.Errorf("User-Agent %q", ua)
		}
		_, _ = w.Write(jpegBytes)
	})
	c := New(WithBaseURL(url+"/v1.0"), WithUserAgent("desk/1"))
	if c.BaseURL() != url+"/v1.0" {
		t.Errorf("BaseURL %q", c.BaseURL())
	}
	if _, err := c.PhotoBytes(context.Background(), Me(), SizeLargest); err != nil {
		t.Fatal(err)
	}
	if len(auth) != 0 {
		t.Errorf("Authorization sent without a token source: %q", auth)
	}
	if New().BaseURL() != DefaultBaseURL {
		t.Errorf("default base %q", New().BaseURL())
	}
}

type failingTokens struct{}

func (failingTokens) Token(context.Context) (string, error) { return "", errors.New("no account") }

func TestTokenErrorStopsRequest(t *testing.T) {
	c, mux, _, _ := setup(t, WithTokenSource(failingTokens{}))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { t.Error("request sent without a token") })
	_, err := c.PhotoBytes(context.Background(), Me(), SizeLargest)
	if err == nil || !strings.Contains(err.Error(), "no account") {
		t.Errorf("err = %v", err)
	}
}

func TestSameETag(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{`"BA09D118"`, `"BA09D118"`, true},
		{`"BA09D118"`, `BA09D118`, true},
		{`W/"ba09d118"`, `"BA09D118"`, true},
		{`"BA09D118"`, `"89C63EA8"`, false},
		{``, ``, false},
		{`""`, `""`, false},
	}
	for _, tt := range tests {
		if got := SameETag(tt.a, tt.b); got != tt.want {
			t.Errorf("SameETag(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func TestDecodePhotoList(t *testing.T) {
	body := []byte(`{"value":[
		{"@odata.mediaEtag":"\"E1\"","id":"1x1","width":1,"height":1},
		{"@odata.mediaContentType":"image/jpeg","@odata.mediaEtag":"\"E2\"","id":"240X240","width":240,"height":240},
		{"@odata.mediaEtag":"\"E3\"","id":"default","width":400,"height":300}]}`)
	list, err := DecodePhotoList(body)
	if err != nil || len(list) != 3 {
		t.Fatalf("DecodePhotoList = %+v, %v", list, err)
	}
	if !list[0].IsPlaceholder() || list[1].IsPlaceholder() || list[2].IsPlaceholder() {
		t.Errorf("placeholders wrong: %+v", list)
	}
	if list[1].HDSize() != "240x240" || list[1].ContentType != "image/jpeg" || list[2].HDSize() != "" {
		t.Errorf("list = %+v", list)
	}
	if _, err := DecodePhotoList([]byte(`{"value":`)); err == nil {
		t.Error("truncated list decoded")
	}
	m, err := DecodePhotoMeta([]byte(`{"@odata.mediaEtag":"W/\"E2\"","id":"48x48","width":48,"height":48}`))
	if err != nil || m.HDSize() != "48x48" || !SameETag(m.ETag, `"E2"`) {
		t.Errorf("DecodePhotoMeta = %+v, %v", m, err)
	}
}
