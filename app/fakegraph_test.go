package app

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
)

// fakeGraph is a tiny photo-only Graph for tests that need exact control
// (ETags that change, lying Content-Types, corrupt bytes) and exact request
// counts. Broader behaviour is tested against the sandbox tenant.
type fakeGraph struct {
	t      testing.TB
	srv    *httptest.Server
	mu     sync.Mutex
	photos map[string]*fakePhoto // subject path ("/users/x", "/me/contacts/c1") -> photo; nil = no photo
	hits   map[string]int        // "GET /users/x/photo/$value" -> count
	// held, when set, holds each photo bytes request: its arrival is
	// sent on held.arrived, and it answers once held.release closes.
	held *heldReads
}

// heldReads holds photo bytes requests until released.
type heldReads struct {
	arrived chan struct{}
	release chan struct{}
}

// fakePhoto is one subject's stored photo.
type fakePhoto struct {
	sizes       map[string][]byte // HD size -> bytes
	def         []byte            // the default photo (/photo), if not the largest HD size
	defID       string            // id of the default photo's metadata
	defW, defH  int
	contentType string // sent on $value and as mediaContentType; "" = image/jpeg
	etag        string // without quotes
	placeholder bool   // old-tenant 1x1 GIF "no photo"
	personal    bool   // metadata answers ConsumerPhotoIsNotSupported
	busyMeta    int    // this many metadata calls answer 503 first
	// cutReads: this many bytes answers come cut short, each at another
	// length (a dropped connection); cutAlways: every one, the same way.
	cutReads  int
	cutAlways bool
}

func newFakeGraph(t testing.TB) *fakeGraph {
	f := &fakeGraph{t: t, photos: map[string]*fakePhoto{}, hits: map[string]int{}}
	f.srv = httptest.NewServer(f)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeGraph) client() *graphapi.Client {
	return graphapi.New(graphapi.WithBaseURL(f.srv.URL+"/v1.0"), graphapi.WithTokenSource(graphapi.StaticToken("t")),
		graphapi.WithRetry(graphapi.RetryPolicy{MaxAttempts: 1}))
}

func (f *fakeGraph) set(subject string, p *fakePhoto) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.photos[subject] = p
}

func (f *fakeGraph) count(key string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[key]
}

func (f *fakeGraph) total() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, v := range f.hits {
		n += v
	}
	return n
}

// hdPhoto is a photo in every HD size up to (and including) upTo.
func hdPhoto(t testing.TB, upTo int, etag string) *fakePhoto {
	p := &fakePhoto{sizes: map[string][]byte{}, etag: etag}
	for _, s := range graphapi.HDSizes {
		if s.Pixels() <= upTo {
			p.sizes[string(s)] = encodeJPEG(t, s.Pixels(), s.Pixels())
		}
	}
	return p
}

func (f *fakeGraph) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, "/v1.0")
	if path == "/$batch" && r.Method == http.MethodPost {
		f.batch(w, r)
		return
	}
	f.mu.Lock()
	f.hits[r.Method+" "+path]++
	held := f.held
	f.mu.Unlock()
	if held != nil && strings.HasSuffix(path, "/$value") {
		held.arrived <- struct{}{}
		<-held.release
	}
	f.serve(w, path)
}

func graphError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("request-id", "fake-req")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"error":{"code":%q,"message":%q,"innerError":{"request-id":"fake-req"}}}`, code, msg)
}

func (f *fakeGraph) serve(w http.ResponseWriter, path string) {
	subj, rest, ok := strings.Cut(path, "/photo")
	if !ok {
		graphError(w, 404, "Request_ResourceNotFound", "not a photo path: "+path)
		return
	}
	f.mu.Lock()
	p, known := f.photos[subj]
	f.mu.Unlock()
	if !known {
		graphError(w, 404, "Request_ResourceNotFound", "Resource '"+subj+"' does not exist")
		return
	}
	if p == nil {
		graphError(w, 404, "ImageNotFound", "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown.")
		return
	}
	value := strings.HasSuffix(rest, "/$value")
	rest = strings.TrimSuffix(rest, "/$value")
	ctype := p.contentType
	if ctype == "" {
		ctype = "image/jpeg"
	}
	var data []byte
	var id string
	var wd, ht int
	switch {
	case p.placeholder:
		data, id, wd, ht, ctype = encodeGIF(f.t, 1, 1), "1x1", 1, 1, "image/gif"
	case rest == "s": // /photos
		if p.personal {
			graphError(w, 404, "ConsumerPhotoIsNotSupported", "not supported")
			return
		}
		var list []map[string]any
		for _, s := range graphapi.HDSizes {
			if _, ok := p.sizes[string(s)]; ok {
				list = append(list, map[string]any{"id": strings.ToUpper(string(s)), "width": s.Pixels(), "height": s.Pixels(), "@odata.mediaEtag": `"` + p.etag + `"`})
			}
		}
		if p.def != nil {
			list = append(list, map[string]any{"id": p.defID, "width": p.defW, "height": p.defH})
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"value": list})
		return
	case strings.HasPrefix(rest, "s/"): // /photos/{size}
		size := strings.TrimPrefix(rest, "s/")
		b, ok := p.sizes[size]
		if !ok {
			graphError(w, 404, "ImageNotFound", "no such size")
			return
		}
		s := graphapi.Size(size)
		data, id, wd, ht = b, strings.ToUpper(size), s.Pixels(), s.Pixels()
	case p.def != nil:
		data, id, wd, ht = p.def, p.defID, p.defW, p.defH
	default: // the largest HD size
		for _, s := range graphapi.HDSizes {
			if b, ok := p.sizes[string(s)]; ok {
				data, id, wd, ht = b, strings.ToUpper(string(s)), s.Pixels(), s.Pixels()
			}
		}
	}
	if !value {
		f.mu.Lock()
		busy := p.busyMeta > 0
		if busy {
			p.busyMeta--
		}
		f.mu.Unlock()
		if busy {
			graphError(w, 503, "ServiceNotAvailable", "busy")
			return
		}
		if p.personal {
			graphError(w, 404, "ConsumerPhotoIsNotSupported", "not supported")
			return
		}
		etag := `"` + p.etag + `"`
		if p.placeholder {
			etag = ""
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('x')/photo/$entity", "@odata.mediaContentType": ctype,
			"@odata.mediaEtag": etag, "id": id, "width": wd, "height": ht,
		})
		return
	}
	f.mu.Lock()
	switch {
	case p.cutAlways:
		data = data[:len(data)/2]
	case p.cutReads > 0:
		p.cutReads--
		data = data[:len(data)/3+p.cutReads]
	}
	f.mu.Unlock()
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("ETag", `"`+p.etag+`"`)
	w.Header().Set("request-id", "fake-bytes")
	_, _ = w.Write(data)
}

// batch answers $batch the way Graph does: each item's photo body base64.
func (f *fakeGraph) batch(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Requests []struct{ ID, Method, URL string } `json:"requests"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		graphError(w, 400, "BadRequest", err.Error())
		return
	}
	f.mu.Lock()
	f.hits["POST /$batch"]++
	f.mu.Unlock()
	type item struct {
		ID      string            `json:"id"`
		Status  int               `json:"status"`
		Headers map[string]string `json:"headers"`
		Body    any               `json:"body"`
	}
	var out struct {
		Responses []item `json:"responses"`
	}
	for _, req := range in.Requests {
		u, _ := url.Parse(req.URL)
		p, _ := url.PathUnescape(u.EscapedPath())
		f.mu.Lock()
		f.hits["BATCH "+p]++
		f.mu.Unlock()
		rec := httptest.NewRecorder()
		f.serve(rec, p)
		it := item{ID: req.ID, Status: rec.Code, Headers: map[string]string{"Content-Type": rec.Header().Get("Content-Type")}}
		if et := rec.Header().Get("ETag"); et != "" {
			it.Headers["ETag"] = et
		}
		if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			it.Body = json.RawMessage(bytes.TrimSpace(rec.Body.Bytes()))
		} else {
			it.Body = base64.StdEncoding.EncodeToString(rec.Body.Bytes())
		}
		out.Responses = append(out.Responses, it)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}
