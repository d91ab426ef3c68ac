package views

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"slices"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/views/widgets"
)

// fakeEngine answers the window from memory, for UI tests that are about
// the window rather than Graph: made-up people, photos drawn once, and a
// gate per person that holds their photo's answer until the test opens it,
// so a test decides in which order answers arrive instead of racing a
// server's latency.
type fakeEngine struct {
	mu     sync.Mutex
	people []app.Person
	held   map[string]chan struct{} // person id → closed when their photo may answer
	photos []string                 // the person ids photos were asked for, in order
	shapes map[string]fakeShape     // person id → a photo other than the 96x96 default
	// avatarKey is added to a person's id to colour their avatar, so a
	// test can change everyone's avatar; avatarGate, when set, holds the
	// next Avatars call's answers (made before it waits) until closed.
	avatarKey  string
	avatarGate chan struct{}
	// saveAll, when set, answers SaveAllSizes.
	saveAll func(context.Context, app.Person, string, bool) ([]string, error)
	// lookupErr, when set, answers Lookup of its keys with their error.
	lookupErr map[string]error
	// lookupHeld holds Lookup of a key (lower case) until closed, and
	// lookups are the keys Lookup was asked, in order.
	lookupHeld map[string]chan struct{}
	lookups    []string
	// avatarAsks are the person ids of each Avatars call, in order.
	avatarAsks [][]string
	// avatarErr, when set, fails the avatars of its person ids, as a
	// fault in their $batch would.
	avatarErr map[string]error
}

// fakeShape is one person's photo: its dimensions and the HD sizes stored
// ([] for an Entra-only photo).
type fakeShape struct {
	w, h  int
	sizes []graphapi.Size
}

// setPhoto gives p a w x h photo with the HD sizes stored; sizes empty
// (not nil) is an Entra-only photo, whose size list Graph answers empty;
// 0 x 0 is no photo at all.
func (f *fakeEngine) setPhoto(p app.Person, w, h int, sizes []graphapi.Size) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.shapes == nil {
		f.shapes = map[string]fakeShape{}
	}
	f.shapes[p.ID] = fakeShape{w: w, h: h, sizes: sizes}
}

// shape is p's photo as setPhoto made it, or the default.
func (f *fakeEngine) shape(p app.Person) fakeShape {
	f.mu.Lock()
	defer f.mu.Unlock()
	if s, ok := f.shapes[p.ID]; ok {
		return s
	}
	return fakeShape{w: 96, h: 96, sizes: []graphapi.Size{"48x48", "64x64", "96x96"}}
}

// errNotInFake is Graph's answer for no one: a 404.
var errNotInFake = &graphapi.Error{Status: 404, Code: "Request_ResourceNotFound", Message: "not in the fake engine"}

// newFakeEngine has n people, "Person 00" … , each with a photo.
func newFakeEngine(n int) *fakeEngine {
	f := &fakeEngine{held: map[string]chan struct{}{}}
	for i := range n {
		id := fmt.Sprintf("00000000-0000-0000-0000-%012d", i)
		f.people = append(f.people, app.PersonFromUser(graphapi.UserInfo{
			ID: id, DisplayName: fmt.Sprintf("Person %02d", i), UserPrincipalName: fmt.Sprintf("person%02d@contoso.com", i),
		}))
	}
	return f
}

// hold makes p's photo wait until release.
func (f *fakeEngine) hold(p app.Person) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.held[p.ID] = make(chan struct{})
}

// releaseAll lets every held photo and lookup answer.
func (f *fakeEngine) releaseAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for id, ch := range f.held {
		close(ch)
		delete(f.held, id)
	}
	for key, ch := range f.lookupHeld {
		close(ch)
		delete(f.lookupHeld, key)
	}
}

// holdLookup makes Lookup of key wait until releaseLookup.
func (f *fakeEngine) holdLookup(key string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.lookupHeld == nil {
		f.lookupHeld = map[string]chan struct{}{}
	}
	f.lookupHeld[strings.ToLower(key)] = make(chan struct{})
}

// releaseLookup lets the held Lookup of key answer.
func (f *fakeEngine) releaseLookup(key string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if ch, ok := f.lookupHeld[strings.ToLower(key)]; ok {
		close(ch)
		delete(f.lookupHeld, strings.ToLower(key))
	}
}

// lookedUp is the keys Lookup was asked so far, in order.
func (f *fakeEngine) lookedUp() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.lookups)
}

// avatarCalls is the person ids of each Avatars call so far; forgetAvatarCalls
// starts the count again.
func (f *fakeEngine) avatarCalls() [][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.avatarAsks)
}

func (f *fakeEngine) forgetAvatarCalls() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.avatarAsks = nil
}

// release lets p's held photo answer.
func (f *fakeEngine) release(p app.Person) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if ch, ok := f.held[p.ID]; ok {
		close(ch)
		delete(f.held, p.ID)
	}
}

// asked is how many photos were asked for so far.
func (f *fakeEngine) asked() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.photos)
}

func (f *fakeEngine) pager(match func(app.Person) bool) *app.SearchPager {
	var page []app.Person
	for _, p := range f.people {
		if match(p) {
			page = append(page, p)
		}
	}
	done := false
	return app.NewSearchPager(func(context.Context) ([]app.Person, error) {
		done = true
		return page, nil
	}, func() bool { return done })
}

func (f *fakeEngine) Search(_ app.Kind, query string) *app.SearchPager {
	q := strings.ToLower(strings.TrimSpace(query))
	return f.pager(func(p app.Person) bool { return strings.HasPrefix(strings.ToLower(p.DisplayName), q) })
}

func (f *fakeEngine) SearchContacts(string, string) *app.SearchPager {
	return f.pager(func(app.Person) bool { return false })
}

func (f *fakeEngine) Lookup(_ context.Context, key string) (*app.Person, error) {
	f.mu.Lock()
	f.lookups = append(f.lookups, key)
	gate := f.lookupHeld[strings.ToLower(key)]
	f.mu.Unlock()
	if gate != nil {
		// An answer already on its way: it arrives even if the lookup was
		// cancelled meanwhile, which the window must cope with.
		<-gate
	}
	if err, ok := f.lookupErr[key]; ok {
		return nil, err
	}
	for _, p := range f.people {
		if strings.EqualFold(p.UPN, key) || p.ID == key {
			return &p, nil
		}
	}
	return nil, errNotInFake
}

func (f *fakeEngine) LookupByMail(_ context.Context, mail string) (*app.Person, error) {
	for _, p := range f.people {
		if p.Mail != "" && strings.EqualFold(p.Mail, mail) {
			return &p, nil
		}
	}
	return nil, errNotInFake
}

func (f *fakeEngine) LookupGroup(context.Context, string) (*app.Person, error) {
	return nil, errNotInFake
}

func (f *fakeEngine) Me(context.Context) (*app.Person, error) { return &f.people[0], nil }

func (f *fakeEngine) ContactFolders(context.Context) ([]graphapi.ContactFolder, error) {
	return nil, nil
}

func (f *fakeEngine) SearchContactsOf(string, string, string) *app.SearchPager {
	return f.pager(func(app.Person) bool { return false })
}

func (f *fakeEngine) ContactFoldersOf(context.Context, string) ([]graphapi.ContactFolder, error) {
	return nil, nil
}

func (f *fakeEngine) Avatars(ctx context.Context, people []app.Person, each func(int, app.Avatar)) {
	f.mu.Lock()
	key, gate := f.avatarKey, f.avatarGate
	f.avatarGate = nil
	ids := make([]string, len(people))
	errs := make([]error, len(people))
	for i, p := range people {
		ids[i], errs[i] = p.ID, f.avatarErr[p.ID]
	}
	f.avatarAsks = append(f.avatarAsks, ids)
	f.mu.Unlock()
	images := make([]image.Image, len(people))
	for i, p := range people {
		images[i] = square(app.AvatarSize, p.ID+key)
	}
	if gate != nil {
		<-gate // answers already on their way, as a slow $batch's would be
	}
	for i, p := range people {
		if ctx.Err() != nil {
			return
		}
		if errs[i] != nil {
			each(i, app.Avatar{Person: p, Err: errs[i]})
			continue
		}
		each(i, app.Avatar{Person: p, Image: images[i]})
	}
}

// failAvatar makes p's avatar fail (err) or, nil, load again.
func (f *fakeEngine) failAvatar(p app.Person, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.avatarErr == nil {
		f.avatarErr = map[string]error{}
	}
	f.avatarErr[p.ID] = err
}

// avatarAsked counts the Avatars calls that asked for p.
func (f *fakeEngine) avatarAsked(p app.Person) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, ids := range f.avatarAsks {
		for _, id := range ids {
			if id == p.ID {
				n++
			}
		}
	}
	return n
}

// StreamAvatars answers each batch of people the feed hands over as an
// Avatars call of its own (avatarCalls lists them), numbering the people
// in the order they were fed.
func (f *fakeEngine) StreamAvatars(ctx context.Context, feed *app.PeopleFeed, each func(int, app.Avatar)) {
	fed := 0
	for ctx.Err() == nil {
		people, last := feed.Next(ctx)
		if len(people) > 0 {
			from := fed
			fed += len(people)
			f.Avatars(ctx, people, func(i int, a app.Avatar) { each(from+i, a) })
		}
		if last {
			return
		}
	}
}

// PhotoInMemory: the fake keeps nothing, so every load goes through Photo
// (the real engine's memory hits are tested in app and by the sandbox tests).
func (f *fakeEngine) PhotoInMemory(app.Person, graphapi.Size) (*app.PhotoResult, bool) {
	return nil, false
}

func (f *fakeEngine) Photo(_ context.Context, p app.Person, size graphapi.Size) (*app.PhotoResult, error) {
	f.mu.Lock()
	f.photos = append(f.photos, p.ID)
	gate := f.held[p.ID]
	// The engine keeps a photo read as the person's avatar, which the
	// list's next ask gets from memory (app.TestAvatarFailedIsAnsweredByThePhotoShown).
	delete(f.avatarErr, p.ID)
	f.mu.Unlock()
	if gate != nil {
		// An answer already on its way: it arrives even if the load was
		// cancelled meanwhile, which is what the window must cope with.
		<-gate
	}
	sh := f.shape(p)
	if sh.w == 0 {
		return &app.PhotoResult{Person: p, Requested: size, NoPhoto: true, NoPhotoReason: app.ReasonNoPhoto}, nil
	}
	img := rectangle(sh.w, sh.h, p.ID)
	var encoded bytes.Buffer
	if err := png.Encode(&encoded, img); err != nil {
		return nil, err
	}
	r := &app.PhotoResult{
		Person: p, Requested: size, Served: size, Image: img, Format: "png",
		ContentType: "image/png", Width: sh.w, Height: sh.h, Bytes: encoded.Bytes(),
		Available: sh.sizes,
	}
	if len(sh.sizes) == 0 {
		// As the engine answers an Entra-only photo: the default photo,
		// its size list asked for afterwards.
		r.Served, r.Available = graphapi.SizeLargest, nil
	}
	return r, nil
}

func (f *fakeEngine) AvailableSizes(_ context.Context, p app.Person) ([]graphapi.Size, error) {
	return f.shape(p).sizes, nil
}

func (f *fakeEngine) Invalidate(app.Person) {}

func (f *fakeEngine) SaveAllSizes(ctx context.Context, p app.Person, dir string, overwrite bool) ([]string, error) {
	f.mu.Lock()
	saveAll := f.saveAll
	f.mu.Unlock()
	if saveAll != nil {
		return saveAll(ctx, p, dir, overwrite)
	}
	return nil, errNotInFake
}

func (f *fakeEngine) Client() *graphapi.Client { return nil }

// square is a side x side image in a colour of key's own.
func square(side int, key string) image.Image { return rectangle(side, side, key) }

// rectangle is a w x h image in a colour of key's own.
func rectangle(w, h int, key string) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	c := widgets.BadgeColor(key)
	draw.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{}, draw.Src)
	return img
}

// newShownFakeHarness is newFakeHarness once the first person's photo is
// shown and the window's work has settled: the start of a test of what
// the window does with a photo open.
func newShownFakeHarness(t *testing.T, f *fakeEngine) *harness {
	t.Helper()
	h := newFakeHarness(t, f)
	h.waitShown(f.people[0].DisplayName)
	h.waitIdle()
	return h
}

// newFakeHarness is the real window on the test driver, wired to f.
func newFakeHarness(t *testing.T, f *fakeEngine) *harness {
	t.Helper()
	return newEngineHarness(t, f, f)
}

// newEngineHarness is newFakeHarness for eng, a fake that wraps f to
// answer some calls its own way.
func newEngineHarness(t *testing.T, eng engine, f *fakeEngine) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	h := &harness{t: t, a: a, q: newUIQueue(), clip: &fakeClipboard{}}
	h.m = newTestMainWindow(a, eng, h.q.do, h.clip, nil, h.dialogs.add)
	t.Cleanup(func() {
		h.m.photos.Stop()
		f.releaseAll()
		h.waitIdle()
		closeWindow(a, h.m.w)
	})
	return h
}
