package app

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// holdGate holds back the sandbox's answer to the first request it
// matches: the answer is read in full (so it is what Graph said at that
// moment) and handed to the client only when release is closed. Every
// other request passes straight through.
type holdGate struct {
	base    http.RoundTripper
	match   func(*http.Request) bool
	once    sync.Once
	held    chan struct{} // closed once the matching answer is read and held
	release chan struct{}
}

func newHoldGate(base http.RoundTripper, match func(*http.Request) bool) *holdGate {
	return &holdGate{base: base, match: match, held: make(chan struct{}), release: make(chan struct{})}
}

func (g *holdGate) RoundTrip(r *http.Request) (*http.Response, error) {
	hold := false
	if g.match(r) {
		g.once.Do(func() { hold = true })
	}
	resp, err := g.base.RoundTrip(r)
	if !hold || err != nil {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	close(g.held)
	select {
	case <-g.release:
	case <-r.Context().Done():
		return nil, r.Context().Err()
	}
	return resp, nil
}

// gatedRun is diskRun with g between the engine and the sandbox.
func (tn *tenant) gatedRun(t *testing.T, dir string, g *holdGate) *Engine {
	t.Helper()
	d, err := diskcache.Open(diskcache.Options{Dir: dir, Now: tn.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	hc := tn.GraphHTTPClient()
	g.base = hc.Transport
	if g.base == nil {
		g.base = http.DefaultTransport
	}
	gated := &http.Client{Transport: g, Timeout: hc.Timeout}
	e := NewEngine(Config{Client: tn.Client(tn.Token, quickRetry, graphapi.WithHTTPClient(gated)), Now: tn.clock.Now})
	e.UseDiskCache(d, "sandbox", "tenant-1")
	return e
}

// changePhoto uploads a new photo for u, as Change photo does.
func (tn *tenant) changePhoto(t *testing.T, u *sandbox.User) {
	t.Helper()
	writer, err := tn.UserToken(tn.ex.Helpdesk.UserPrincipalName, "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	if err := tn.Client(writer).SetPhoto(t.Context(), sbUser(u).Subject, encodeJPEG(t, 400, 400), "image/jpeg"); err != nil {
		t.Fatal(err)
	}
}

// photoWaiters counts callers waiting on any photo download in flight.
func photoWaiters(e *Engine) int {
	e.photoCalls.mu.Lock()
	defer e.photoCalls.mu.Unlock()
	n := 0
	for _, c := range e.photoCalls.calls {
		n += c.waiters
	}
	return n
}

// TestSandboxInvalidateDuringPhotoFetch: a download already in flight when
// the photo changes and Invalidate runs answers with the old photo. That
// answer goes to the caller who asked before the change, but it must not
// reach a caller who asks after it, nor the memory cache, nor the disk
// cache (where it would outlive a restart).
func TestSandboxInvalidateDuringPhotoFetch(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	dir := t.TempDir()
	u := tn.ex.FullHD
	p := sbUser(u)
	const size = graphapi.Size("240x240")
	gate := newHoldGate(nil, func(r *http.Request) bool {
		return strings.HasSuffix(r.URL.Path, "/$value") && strings.Contains(r.URL.Path, u.ID)
	})
	e := tn.gatedRun(t, dir, gate)

	type answer struct {
		r   *PhotoResult
		err error
	}
	before := make(chan answer, 1)
	go func() {
		r, err := e.Photo(t.Context(), p, size)
		before <- answer{r, err}
	}()
	<-gate.held // the old photo's bytes are read and held back

	tn.changePhoto(t, u)
	e.Invalidate(p)

	after := make(chan answer, 1)
	go func() {
		r, err := e.Photo(t.Context(), p, size)
		after <- answer{r, err}
	}()
	// Either the later caller fetched on its own and is done, or it joined
	// the download that is held back.
	var late *answer
	waitFor(t, "the later caller to finish or join", func() bool {
		select {
		case a := <-after:
			late = &a
			return true
		default:
			return photoWaiters(e) > 0
		}
	})
	close(gate.release)
	early := <-before
	if late == nil {
		a := <-after
		late = &a
	}
	if early.err != nil || late.err != nil {
		t.Fatalf("photo: before the change %v, after it %v", early.err, late.err)
	}
	old := early.r.Bytes
	if len(old) == 0 {
		t.Fatal("the held answer had no bytes")
	}
	if bytes.Equal(late.r.Bytes, old) {
		t.Error("a caller who asked after Invalidate got the photo from before the change")
	}

	// Memory: the next look (within the TTL, so no revalidation) must not
	// serve the old photo.
	r, err := e.Photo(t.Context(), p, size)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(r.Bytes, old) {
		t.Error("the memory cache serves the photo from before the change")
	}
	// Disk: no size holds the old photo, and a restart does not show it.
	for _, sz := range append([]graphapi.Size{graphapi.SizeLargest}, graphapi.HDSizes...) {
		if d := e.loadDisk(p.Subject, sz); d != nil && bytes.Equal(d.bytes, old) {
			t.Errorf("the disk cache holds the old photo at %s", sz)
		}
	}
	e.disk.cache.Settle() // as the window does when it closes
	r, err = tn.diskRun(t, dir).Photo(t.Context(), p, size)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(r.Bytes, old) {
		t.Error("after a restart the old photo is shown from disk")
	}
}

// TestSandboxInvalidateDuringAvatarFetch: the same for a $batch of avatars
// in flight when the photo changes.
func TestSandboxInvalidateDuringAvatarFetch(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	dir := t.TempDir()
	u := tn.ex.FullHD
	p := sbUser(u)
	gate := newHoldGate(nil, func(r *http.Request) bool { return strings.HasSuffix(r.URL.Path, "/$batch") })
	e := tn.gatedRun(t, dir, gate)

	var early Avatar
	done := make(chan struct{})
	go func() {
		defer close(done)
		e.Avatars(t.Context(), []Person{p}, func(_ int, a Avatar) { early = a })
	}()
	<-gate.held
	tn.changePhoto(t, u)
	e.Invalidate(p)
	close(gate.release)
	<-done
	if early.Err != nil || early.Image == nil {
		t.Fatalf("the avatar asked for before the change: %+v", early)
	}

	if d := e.loadDisk(p.Subject, avatarKeySize); d != nil && d.dec != nil && samePixels(thumbnail(d.dec.Image, AvatarSize), early.Image) {
		t.Error("the disk cache holds the avatar from before the change")
	}
	late := collectAvatars(t, e, []Person{p})[0]
	if late.Err != nil || late.Image == nil || samePixels(late.Image, early.Image) {
		t.Errorf("after Invalidate the avatar from before the change is served from memory: %+v", late)
	}
	e.disk.cache.Settle() // as the window does when it closes
	restarted := collectAvatars(t, tn.diskRun(t, dir), []Person{p})[0]
	if restarted.Err != nil || restarted.Image == nil || samePixels(restarted.Image, early.Image) {
		t.Errorf("after a restart the avatar from before the change is shown: %+v", restarted)
	}
}

// TestSandboxInvalidateForgetsDiskAtOnce: from the moment Invalidate
// returns, no size of the person is served from disk (though the files
// are deleted in the background, off the caller's goroutine), the next
// look shows the new photo, and so does a restart once the deletions are
// done.
func TestSandboxInvalidateForgetsDiskAtOnce(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	dir := t.TempDir()
	u := tn.ex.FullHD
	p := sbUser(u)
	const size = graphapi.Size("240x240")
	e := tn.diskRun(t, dir)
	before, err := e.Photo(t.Context(), p, size)
	if err != nil {
		t.Fatal(err)
	}
	if e.loadDisk(p.Subject, size) == nil {
		t.Fatal("the photo was not kept on disk")
	}
	tn.changePhoto(t, u)
	e.Invalidate(p)
	for _, sz := range append([]graphapi.Size{graphapi.SizeLargest}, graphapi.HDSizes...) {
		if d := e.loadDisk(p.Subject, sz); d != nil {
			t.Errorf("after Invalidate the disk cache still serves %s", sz)
		}
	}
	after, err := e.Photo(t.Context(), p, size)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(after.Bytes, before.Bytes) {
		t.Error("after Invalidate the photo from before the change is shown")
	}
	e.disk.cache.Settle()
	restarted, err := tn.diskRun(t, dir).Photo(t.Context(), p, size)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(restarted.Bytes, before.Bytes) {
		t.Error("after a restart the photo from before the change is shown")
	}
}

// TestInvalidateReachesBothNamesOfMe: the signed-in user is cached under
// /me and under /users/{id}. A change through either drops both, in
// memory and on disk, so neither the Me entry nor their row in a search
// shows the old photo afterwards, nor after a restart.
func TestInvalidateReachesBothNamesOfMe(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	dir := t.TempDir()
	e := tn.diskRun(t, dir)
	me, err := e.Me(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	asUser := sbUser(tn.ex.Helpdesk)
	if asUser.ID != me.ID {
		t.Fatalf("the demo account is %s as a user and %s as me", asUser.ID, me.ID)
	}
	writer, err := tn.UserToken(tn.ex.Helpdesk.UserPrincipalName, "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	const size = graphapi.Size("48x48")
	for i, via := range []Person{*me, asUser} {
		other := asUser
		if i == 1 {
			other = *me
		}
		before, err := e.Photo(t.Context(), other, size)
		if err != nil {
			t.Fatal(err)
		}
		if err := tn.Client(writer).SetPhoto(t.Context(), via.Subject, encodeJPEG(t, 400+100*i, 400+100*i), "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		e.Invalidate(via) // what the change path does
		after, err := e.Photo(t.Context(), other, size)
		if err != nil || after.FromCache || bytes.Equal(after.Bytes, before.Bytes) {
			t.Errorf("changed through %s: %s still shows the old photo (from cache %v, %v)", via.Subject, other.Subject, after != nil && after.FromCache, err)
		}
	}
	e.disk.cache.Settle()
	want, err := tn.Client(writer).PhotoBytes(t.Context(), asUser.Subject, size)
	if err != nil {
		t.Fatal(err)
	}
	r, err := tn.diskRun(t, dir).Photo(t.Context(), asUser, size)
	if err != nil || !bytes.Equal(r.Bytes, want.Bytes) {
		t.Errorf("after a restart %s shows another photo than Graph's (%v)", asUser.Subject, err)
	}
}

// TestInvalidateReachesTheWindowsDiskCache: an engine with no disk cache
// of its own (the command line's) that changes someone, named by UPN,
// deletes what the window keeps of them on disk under their object id, so
// the window's next look asks Graph; other people's entries stay.
func TestInvalidateReachesTheWindowsDiskCache(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	dir := t.TempDir()
	window := tn.diskRun(t, dir)
	changed, other := sbUser(tn.ex.FullHD), sbUser(tn.ex.UpTo504)
	for _, p := range []Person{changed, other} {
		if _, err := window.Photo(t.Context(), p, "48x48"); err != nil {
			t.Fatal(err)
		}
	}
	window.disk.cache.Settle()
	cli := NewEngine(Config{Client: tn.Client(tn.Token, quickRetry), Now: tn.clock.Now})
	cli.ForgetOnDiskElsewhere(ForgetElsewhere{Dir: dir, Cloud: "sandbox", Tenant: "tenant-1"})
	byUPN := changed
	byUPN.Subject = graphapi.User(changed.UPN)
	cli.Invalidate(byUPN)

	restarted := tn.diskRun(t, dir)
	if r, err := restarted.Photo(t.Context(), changed, "48x48"); err != nil || r.FromCache {
		t.Errorf("the changed person still comes from the window's disk (%v)", err)
	}
	if r, err := restarted.Photo(t.Context(), other, "48x48"); err != nil || !r.FromCache {
		t.Errorf("someone else's entry was dropped too (%v)", err)
	}
}
