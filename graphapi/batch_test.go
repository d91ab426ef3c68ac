package graphapi

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// batchServer is a fake POST /$batch: answer decides each item's reply
// given how many times that id has been seen.
type batchServer struct {
	t      *testing.T
	answer func(req wireBatchRequest, try int) *wireBatchResponse // nil: leave the item out

	mu        sync.Mutex
	envelopes [][]string // ids per envelope, in arrival order
	tries     map[string]int
	bodies    [][]byte
}

func newBatchServer(t *testing.T, answer func(wireBatchRequest, int) *wireBatchResponse) *batchServer {
	return &batchServer{t: t, answer: answer, tries: map[string]int{}}
}

func (bs *batchServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	checkRequest(bs.t, r, http.MethodPost)
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		bs.t.Errorf("batch Content-Type %q", ct)
	}
	body, _ := io.ReadAll(r.Body)
	var env struct {
		Requests []wireBatchRequest `json:"requests"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		bs.t.Errorf("batch body: %v", err)
	}
	if len(env.Requests) == 0 || len(env.Requests) > MaxBatch {
		bs.t.Errorf("batch of %d requests", len(env.Requests))
	}
	var ids []string
	var out []*wireBatchResponse
	bs.mu.Lock()
	bs.bodies = append(bs.bodies, body)
	for _, req := range env.Requests {
		if slices.Contains(ids, req.ID) {
			bs.t.Errorf("duplicate id %q in one batch", req.ID)
		}
		ids = append(ids, req.ID)
		bs.tries[req.ID]++
		if a := bs.answer(req, bs.tries[req.ID]); a != nil {
			a.ID = req.ID
			out = append(out, a)
		}
	}
	bs.envelopes = append(bs.envelopes, ids)
	bs.mu.Unlock()
	slices.Reverse(out) // Graph does not promise order
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"responses": out})
}

func (bs *batchServer) envelopeIDs() [][]string {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	return slices.Clone(bs.envelopes)
}

func jsonString(s string) json.RawMessage {
	b, _ := json.Marshal(s)
	return b
}

func photoItem(enc *base64.Encoding, data []byte) *wireBatchResponse {
	return &wireBatchResponse{
		Status:  200,
		Headers: map[string]string{"Content-Type": "image/jpeg", "ETag": `"E1"`, "request-id": "item-rid"},
		Body:    jsonString(enc.EncodeToString(data)),
	}
}

func throttledItem(retryAfter string) *wireBatchResponse {
	return &wireBatchResponse{
		Status:  429,
		Headers: map[string]string{"Retry-After": retryAfter, "Content-Type": "application/json"},
		Body:    json.RawMessage(`{"error":{"code":"TooManyRequests","message":"Application is over its MailboxConcurrency limit."}}`),
	}
}

// awkward has bytes whose base64 differs between the alphabets (+/ vs -_)
// and needs padding.
var awkward = []byte{0xfb, 0xff, 0xbf, 0xfe, 0x3e, 0x01, 0xff}

func TestBatchBodies(t *testing.T) {
	c, mux, _, _ := setup(t)
	bs := newBatchServer(t, func(req wireBatchRequest, try int) *wireBatchResponse {
		switch req.ID {
		case "std":
			return photoItem(base64.StdEncoding, awkward)
		case "rawstd":
			return photoItem(base64.RawStdEncoding, awkward)
		case "url":
			return photoItem(base64.URLEncoding, awkward)
		case "rawurl":
			return photoItem(base64.RawURLEncoding, awkward)
		case "json":
			return &wireBatchResponse{
				Status: 200, Headers: map[string]string{"content-type": "application/json"},
				Body: json.RawMessage(`{"id":"u1","displayName":"Ann"}`),
			}
		case "text":
			return &wireBatchResponse{Status: 200, Headers: map[string]string{"Content-Type": "text/plain"}, Body: jsonString("Not Found")}
		case "nobody":
			return &wireBatchResponse{Status: 204}
		case "missing":
			return &wireBatchResponse{
				Status: 404, Headers: map[string]string{"Content-Type": "application/json"},
				Body: json.RawMessage(`{"error":{"code":"ImageNotFound","message":"Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown."}}`),
			}
		case "badbase64":
			return &wireBatchResponse{Status: 200, Headers: map[string]string{"Content-Type": "image/jpeg"}, Body: jsonString("!!not base64!!")}
		}
		t.Errorf("unexpected id %q", req.ID)
		return nil
	})
	mux.Handle("/v1.0/$batch", bs)
	ids := []string{"std", "rawstd", "url", "rawurl", "json", "text", "nobody", "missing", "badbase64"}
	var reqs []BatchRequest
	for _, id := range ids {
		reqs = append(reqs, BatchRequest{ID: id, URL: "/users/" + id + "/photo/$value"})
	}
	got, err := c.Batch(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		if got[i].ID != id {
			t.Fatalf("response %d is %q, want %q (input order)", i, got[i].ID, id)
		}
	}
	for _, r := range got[:4] {
		if r.Err != nil || !bytes.Equal(r.Body, awkward) || r.Status != 200 || headerValue(r.Headers, "etag") != `"E1"` {
			t.Errorf("%s: %+v", r.ID, r)
		}
	}
	if string(got[4].Body) != `{"id":"u1","displayName":"Ann"}` || got[4].Err != nil {
		t.Errorf("json: %+v", got[4])
	}
	if string(got[5].Body) != "Not Found" || got[5].Err != nil {
		t.Errorf("text: %+v", got[5])
	}
	if got[6].Body != nil || got[6].Err != nil || got[6].Status != 204 {
		t.Errorf("no body: %+v", got[6])
	}
	var ge *Error
	if !IsNoPhoto(got[7].Err) || !errors.As(got[7].Err, &ge) || !strings.HasSuffix(ge.URL, "/v1.0/users/missing/photo/$value") {
		t.Errorf("missing: %+v", got[7])
	}
	if got[8].Err == nil || !strings.Contains(got[8].Err.Error(), "base64") {
		t.Errorf("bad base64: %+v", got[8])
	}
}

func TestBatchChunksAndOrder(t *testing.T) {
	c, mux, _, _ := setup(t)
	bs := newBatchServer(t, func(req wireBatchRequest, try int) *wireBatchResponse {
		return &wireBatchResponse{Status: 200, Body: json.RawMessage(`{"url":"` + req.URL + `"}`)}
	})
	mux.Handle("/v1.0/$batch", bs)
	var reqs []BatchRequest
	for i := range 45 {
		reqs = append(reqs, BatchRequest{URL: fmt.Sprintf("users/u%d", i)}) // no id, no method, no slash
	}
	got, err := c.Batch(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range got {
		if want := fmt.Sprintf(`{"url":"/users/u%d"}`, i); string(r.Body) != want || r.Err != nil {
			t.Fatalf("response %d = %s (%v), want %s", i, r.Body, r.Err, want)
		}
	}
	var sizes []int
	for _, env := range bs.envelopeIDs() {
		sizes = append(sizes, len(env))
	}
	slices.Sort(sizes)
	if !slices.Equal(sizes, []int{5, 20, 20}) {
		t.Errorf("envelope sizes %v, want 20, 20, 5", sizes)
	}
	if !strings.Contains(string(bs.bodies[0]), `"method":"GET"`) {
		t.Errorf("method not defaulted: %s", bs.bodies[0])
	}
	if got, err := c.Batch(context.Background(), nil); got != nil || err != nil {
		t.Errorf("empty batch = %v, %v", got, err)
	}
}

func TestBatchIDs(t *testing.T) {
	c := New()
	_, err := c.Batch(context.Background(), []BatchRequest{{ID: "a", URL: "/me"}, {ID: "a", URL: "/me"}})
	if err == nil {
		t.Error("duplicate ids accepted")
	}
	items, err := newBatchItems([]BatchRequest{{ID: "2"}, {}, {}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, it := range items {
		ids = append(ids, it.req.ID)
	}
	if !slices.Equal(ids, []string{"2", "1", "3"}) {
		t.Errorf("ids %v", ids)
	}
}

func TestBatchRetriesThrottledItems(t *testing.T) {
	c, mux, _, clock := setup(t)
	bs := newBatchServer(t, func(req wireBatchRequest, try int) *wireBatchResponse {
		switch {
		case req.ID == "slow" && try == 1:
			return throttledItem("1.5")
		case req.ID == "quick" && try == 1:
			return throttledItem("0.25")
		case req.ID == "lost" && try == 1:
			return nil // left out of the envelope
		case req.ID == "busy" && try == 1:
			return &wireBatchResponse{Status: 503}
		}
		return photoItem(base64.StdEncoding, []byte(req.ID))
	})
	mux.Handle("/v1.0/$batch", bs)
	ids := []string{"a", "slow", "quick", "lost", "busy"}
	var reqs []BatchRequest
	for _, id := range ids {
		reqs = append(reqs, BatchRequest{ID: id, URL: "/users/" + id + "/photos/48x48/$value"})
	}
	got, err := c.Batch(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range got {
		if r.Err != nil || string(r.Body) != ids[i] {
			t.Errorf("%s: %+v", ids[i], r)
		}
	}
	// lost and busy back off 100ms, quick waits 250ms, slow 1.5s: each is
	// sent again only once its own wait is over.
	wantEnv := [][]string{ids, {"lost", "busy"}, {"quick"}, {"slow"}}
	gotEnv := bs.envelopeIDs()
	for _, e := range gotEnv {
		slices.Sort(e)
	}
	for _, e := range wantEnv {
		slices.Sort(e)
	}
	if fmt.Sprint(gotEnv) != fmt.Sprint(wantEnv) {
		t.Errorf("envelopes %v, want %v", gotEnv, wantEnv)
	}
	if want := []time.Duration{100 * time.Millisecond, 150 * time.Millisecond, 1250 * time.Millisecond}; !slices.Equal(clock.Sleeps(), want) {
		t.Errorf("slept %v, want %v", clock.Sleeps(), want)
	}
}

func TestBatchNeverLosesItems(t *testing.T) {
	c, mux, _, _ := setup(t)
	bs := newBatchServer(t, func(req wireBatchRequest, try int) *wireBatchResponse {
		switch req.ID {
		case "throttled":
			return throttledItem("1")
		case "lost":
			return nil
		}
		return photoItem(base64.StdEncoding, []byte("ok"))
	})
	mux.Handle("/v1.0/$batch", bs)
	got, err := c.Batch(context.Background(), []BatchRequest{
		{ID: "throttled", URL: "/me/photo/$value"}, {ID: "lost", URL: "/me/photo/$value"}, {ID: "fine", URL: "/me/photo/$value"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || !IsThrottled(got[0].Err) || got[1].Err == nil || got[2].Err != nil {
		t.Fatalf("got %+v", got)
	}
	var ge *Error
	if !errors.As(got[0].Err, &ge) || ge.RetryAfter != time.Second {
		t.Errorf("throttled item error %v", got[0].Err)
	}
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if bs.tries["throttled"] != 4 || bs.tries["lost"] != 4 || bs.tries["fine"] != 1 {
		t.Errorf("tries %v, want 4 for the failing items (MaxAttempts)", bs.tries)
	}
}

func TestBatchMaxWait(t *testing.T) {
	c, mux, _, _ := setup(t, WithRetry(RetryPolicy{MaxWait: 2 * time.Second, Sleep: newFakeClock().Sleep}))
	bs := newBatchServer(t, func(req wireBatchRequest, try int) *wireBatchResponse { return throttledItem("1.5") })
	mux.Handle("/v1.0/$batch", bs)
	got, err := c.Batch(context.Background(), []BatchRequest{{ID: "x", URL: "/me/photo/$value"}})
	if err != nil || !IsThrottled(got[0].Err) {
		t.Fatalf("got %+v, %v", got, err)
	}
	if n := len(bs.envelopeIDs()); n != 2 {
		t.Errorf("%d envelopes, want 2 (1.5s + 1.5s exceeds the 2s budget)", n)
	}
}

func TestBatchEnvelopeRetriedThenFailed(t *testing.T) {
	c, mux, _, _ := setup(t)
	var bodies [][]byte
	var mu sync.Mutex
	mux.HandleFunc("/v1.0/$batch", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, b)
		n := len(bodies)
		mu.Unlock()
		switch n {
		case 1:
			writeGraphError(w, 503, "ServiceNotAvailable", "busy")
		case 2:
			fmt.Fprint(w, `{"responses":[{"id":"1","status":200,"body":{"ok":true}}]}`)
		default:
			writeGraphError(w, 400, "BadRequest", "Invalid batch payload")
		}
	})
	got, err := c.Batch(context.Background(), []BatchRequest{{URL: "/me"}})
	if err != nil || string(got[0].Body) != `{"ok":true}` {
		t.Fatalf("got %+v, %v", got, err)
	}
	if len(bodies) != 2 || !bytes.Equal(bodies[0], bodies[1]) || len(bodies[0]) == 0 {
		t.Errorf("retried body differs or is empty: %q", bodies)
	}
	got, err = c.Batch(context.Background(), []BatchRequest{{URL: "/me"}, {URL: "/me/photo"}})
	if err != nil || len(got) != 2 || !hasStatus(got[0].Err, 400) || !hasStatus(got[1].Err, 400) || got[1].Status != 400 {
		t.Errorf("failed envelope: %+v, %v", got, err)
	}
}

func TestBatchCancelledWhileWaiting(t *testing.T) {
	sleeping := make(chan struct{})
	var once sync.Once
	policy := RetryPolicy{Sleep: func(ctx context.Context, d time.Duration) error {
		once.Do(func() { close(sleeping) })
		return Sleep(ctx, d)
	}}
	c, mux, _, _ := setup(t, WithRetry(policy))
	mux.Handle("/v1.0/$batch", newBatchServer(t, func(req wireBatchRequest, try int) *wireBatchResponse { return throttledItem("30") }))
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-sleeping
		cancel()
	}()
	res := c.PhotosBatch(ctx, []Subject{Me(), User("u")}, "48x48")
	for _, r := range res {
		if !errors.Is(r.Err, context.Canceled) {
			t.Errorf("%v: %v, want context.Canceled", r.Subject, r.Err)
		}
	}
}

func TestPhotosBatch(t *testing.T) {
	c, mux, _, _ := setup(t)
	bs := newBatchServer(t, func(req wireBatchRequest, try int) *wireBatchResponse {
		switch {
		case strings.Contains(req.URL, "nophoto"):
			return &wireBatchResponse{Status: 404, Body: json.RawMessage(`{"error":{"code":"ImageNotFound","message":"x"}}`)}
		case strings.Contains(req.URL, "throttled") && try == 1:
			return throttledItem("0.1")
		case strings.Contains(req.URL, "empty"):
			return &wireBatchResponse{Status: 200, Headers: map[string]string{"Content-Type": "image/jpeg"}, Body: jsonString("")}
		}
		if !strings.HasSuffix(req.URL, "/photos/48x48/$value") {
			t.Errorf("url %q", req.URL)
		}
		return photoItem(base64.RawURLEncoding, []byte(req.URL))
	})
	mux.Handle("/v1.0/$batch", bs)
	subjects := []Subject{User(guestUPN), User("nophoto"), Contact("c1"), User("throttled"), Group("g1"), User("empty"), Me()}
	res := c.PhotosBatch(context.Background(), subjects, "48x48")
	if len(res) != len(subjects) {
		t.Fatalf("%d results", len(res))
	}
	for i, r := range res {
		if r.Subject != subjects[i] {
			t.Errorf("result %d is for %v, want %v", i, r.Subject, subjects[i])
		}
	}
	checkOK := func(r PhotoResult, path string) {
		t.Helper()
		if r.Err != nil || string(r.Photo.Bytes) != path || r.Photo.ContentType != "image/jpeg" ||
			r.Photo.ETag != `"E1"` || r.Photo.RequestID != "item-rid" || !strings.HasSuffix(r.Photo.URL, "/v1.0"+path) {
			t.Errorf("%v: %+v %v", r.Subject, r.Photo, r.Err)
		}
	}
	checkOK(res[0], "/users/jane_x.com%23EXT%23@tenant.onmicrosoft.com/photos/48x48/$value")
	checkOK(res[3], "/users/throttled/photos/48x48/$value")
	checkOK(res[4], "/groups/g1/photos/48x48/$value")
	checkOK(res[6], "/me/photos/48x48/$value")
	if !IsNoPhoto(res[1].Err) || !IsNoPhoto(res[5].Err) || !errors.Is(res[2].Err, ErrSizeUnsupported) {
		t.Errorf("errors: %v / %v / %v", res[1].Err, res[5].Err, res[2].Err)
	}
	for _, env := range bs.envelopeIDs() {
		if slices.Contains(env, strconv.Itoa(2)) {
			t.Error("the contact was sent despite having no sizes")
		}
	}
	if got := c.PhotosBatch(context.Background(), []Subject{Contact("c")}, "48x48"); len(bs.envelopeIDs()) != 2 || got[0].Err == nil {
		t.Errorf("a batch of only contacts sent a request or lost its error: %+v", got)
	}
}

// TestPhotosBatchOfMixesSizes shows one envelope carrying each subject at
// its own size, and a contact asked for an HD size refused without a
// request while the others go.
func TestPhotosBatchOfMixesSizes(t *testing.T) {
	c, mux, _, _ := setup(t)
	bs := newBatchServer(t, func(req wireBatchRequest, try int) *wireBatchResponse {
		return photoItem(base64.StdEncoding, []byte(req.URL))
	})
	mux.Handle("/v1.0/$batch", bs)
	asks := []PhotoAsk{{User("a"), "48x48"}, {User("b"), SizeLargest}, {Contact("c"), SizeLargest}, {Contact("d"), "48x48"}}
	res := c.PhotosBatchOf(context.Background(), asks)
	want := []string{"/users/a/photos/48x48/$value", "/users/b/photo/$value", "/me/contacts/c/photo/$value"}
	for i, path := range want {
		if res[i].Err != nil || string(res[i].Photo.Bytes) != path {
			t.Errorf("%v at %s: %+v %v, want %s", asks[i].Subject, asks[i].Size, res[i].Photo, res[i].Err, path)
		}
	}
	if !errors.Is(res[3].Err, ErrSizeUnsupported) {
		t.Errorf("contact at 48x48: %v", res[3].Err)
	}
	if envs := bs.envelopeIDs(); len(envs) != 1 || len(envs[0]) != 3 {
		t.Errorf("envelopes %v, want one of 3 items", envs)
	}
}

// TestBatchHoldsPhotoSlots shows a batch of photos takes every limiter slot
// while it is on the wire, since Graph counts its items against the
// four-concurrent rule, and gives them back after.
func TestBatchHoldsPhotoSlots(t *testing.T) {
	c, mux, _, _ := setup(t)
	arrived, gate := make(chan struct{}), make(chan struct{})
	var once sync.Once
	bs := newBatchServer(t, func(req wireBatchRequest, try int) *wireBatchResponse {
		return photoItem(base64.StdEncoding, []byte("x"))
	})
	mux.HandleFunc("/v1.0/$batch", func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(arrived) })
		<-gate
		bs.ServeHTTP(w, r)
	})
	done := make(chan []PhotoResult)
	subjects := make([]Subject, 20)
	for i := range subjects {
		subjects[i] = User(fmt.Sprint("u", i))
	}
	go func() { done <- c.PhotosBatch(context.Background(), subjects, "48x48") }()
	<-arrived
	if held := len(c.limiter.slots); held != DefaultMaxInFlight {
		t.Errorf("batch of 20 photos holds %d slots, want %d", held, DefaultMaxInFlight)
	}
	close(gate)
	for _, r := range <-done {
		if r.Err != nil {
			t.Error(r.Err)
		}
	}
	if held := len(c.limiter.slots); held != 0 {
		t.Errorf("%d slots still held after the batch", held)
	}
}

func TestIsPhotoPath(t *testing.T) {
	for u, want := range map[string]bool{
		"/me/photo/$value": true, "/users/x/photos/48x48": true, "/users/x/photos": true,
		"/me": false, "/users/photography": false, "/users?$filter=photo": false,
	} {
		if isPhotoPath(u) != want {
			t.Errorf("isPhotoPath(%q) = %v", u, !want)
		}
	}
}

// Issue 14, defect 14: retries that fall due close together travel in one
// envelope, not one each; and an item's tries count across Batch calls,
// so a caller that requeues it cannot multiply them.
func TestBatchRetriesTravelTogetherAndTriesAddUp(t *testing.T) {
	c, mux, _, _ := setup(t)
	bs := newBatchServer(t, func(req wireBatchRequest, try int) *wireBatchResponse {
		if try == 1 {
			// Due 1.0, 1.1 and 1.2 s from now: one round, not three.
			return throttledItem(map[string]string{"a": "1", "b": "1.1", "c": "1.2"}[req.ID])
		}
		return photoItem(base64.StdEncoding, []byte(req.ID))
	})
	mux.Handle("/v1.0/$batch", bs)
	var reqs []BatchRequest
	for _, id := range []string{"a", "b", "c"} {
		reqs = append(reqs, BatchRequest{ID: id, URL: "/users/" + id + "/photos/48x48/$value"})
	}
	got, err := c.Batch(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(bs.envelopeIDs()); n != 2 {
		t.Errorf("%d envelopes, want 2: the three retries together", n)
	}
	for _, r := range got {
		if r.Err != nil || r.Attempts != 2 {
			t.Errorf("%s: %+v, want ok after 2 attempts", r.ID, r)
		}
	}

	// "x" is throttled at its first send here; having been tried 3 times
	// before, it gets one more try (MaxAttempts is 4 in these tests).
	got, err = c.Batch(context.Background(), []BatchRequest{{ID: "x", URL: "/me/photo/$value", Tried: 3}})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Attempts != 4 || !IsThrottled(got[0].Err) {
		t.Errorf("an item tried 3 times before was sent until attempt %d, want at most MaxAttempts (4 here)", got[0].Attempts)
	}
}

// TestBatchItemErrorsCarryTheMethod: an item's error says which method it
// answered, as a single request's does, so a batched upload's bare 404 (an
// Entra-only person's photo over ~100 KB) is told from a read's "no
// photo"; an item sent without a method was a GET.
func TestBatchItemErrorsCarryTheMethod(t *testing.T) {
	c, mux, _, _ := setup(t)
	bs := newBatchServer(t, func(req wireBatchRequest, try int) *wireBatchResponse {
		return &wireBatchResponse{Status: 404} // bare, as Graph answered the large Entra-only upload
	})
	mux.Handle("/v1.0/$batch", bs)
	reqs := []BatchRequest{
		{ID: "put", Method: http.MethodPut, URL: "/users/u1/photo/$value", Headers: map[string]string{"Content-Type": "image/jpeg"}, Body: []byte("x")},
		{ID: "patch", Method: http.MethodPatch, URL: "/users/u2/photo/$value", Headers: map[string]string{"Content-Type": "image/jpeg"}, Body: []byte("x")},
		{ID: "get", Method: http.MethodGet, URL: "/users/u3/photo/$value"},
		{ID: "none", URL: "/users/u4/photo/$value"},
	}
	got, err := c.Batch(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{http.MethodPut, http.MethodPatch, http.MethodGet, http.MethodGet} {
		var ge *Error
		if !errors.As(got[i].Err, &ge) || ge.Method != want {
			t.Errorf("%s: %+v, want an *Error with Method %s", got[i].ID, got[i].Err, want)
		}
	}
	for _, r := range got[:2] {
		if !IsPhotoTooLargeForEntraOnly(r.Err) || IsNoPhoto(r.Err) {
			t.Errorf("%s: bare 404 to a batched upload reads as no photo: %v", r.ID, r.Err)
		}
	}
	for _, r := range got[2:] {
		if !IsNoPhoto(r.Err) || IsPhotoTooLargeForEntraOnly(r.Err) {
			t.Errorf("%s: bare 404 to a batched read is not no photo: %v", r.ID, r.Err)
		}
	}
}
