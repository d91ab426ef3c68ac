package change

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// fakeGraph is a tenant in memory: Reader and Writer over one map of
// photos, counting writes.
type fakeGraph struct {
	mu          sync.Mutex
	photos      map[graphapi.Subject][]byte
	etags       map[graphapi.Subject]int
	writes      int
	failWrites  error
	invalidated int
	// damagedReads is how many of the next photo reads arrive cut short,
	// each at another length, as a dropped connection leaves them.
	damagedReads int
	// me, when set, is the user /me is, as Graph has one photo for both.
	me graphapi.Subject
}

// subject is s with /me read as the user it is.
func (g *fakeGraph) subject(s graphapi.Subject) graphapi.Subject {
	if s == graphapi.Me() && g.me != (graphapi.Subject{}) {
		return g.me
	}
	return s
}

func newFakeGraph() *fakeGraph {
	return &fakeGraph{photos: map[graphapi.Subject][]byte{}, etags: map[graphapi.Subject]int{}}
}

func (g *fakeGraph) PhotoBytes(_ context.Context, s graphapi.Subject, _ graphapi.Size) (*graphapi.Photo, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	s = g.subject(s)
	data, ok := g.photos[s]
	if !ok {
		return nil, &graphapi.Error{Status: 404, Code: "ImageNotFound"}
	}
	if g.damagedReads > 0 {
		data = data[:len(data)/(1+g.damagedReads)]
		g.damagedReads--
	}
	return &graphapi.Photo{Bytes: data, ContentType: "image/jpeg", ETag: fmt.Sprintf("\"etag-%d\"", g.etags[s])}, nil
}

func (g *fakeGraph) Invalidate(app.Person) {
	g.mu.Lock()
	g.invalidated++
	g.mu.Unlock()
}

func (g *fakeGraph) SetPhoto(_ context.Context, s graphapi.Subject, data []byte, _ string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	s = g.subject(s)
	g.writes++
	if g.failWrites != nil {
		return g.failWrites
	}
	g.photos[s] = append([]byte(nil), data...)
	g.etags[s]++
	return nil
}

func (g *fakeGraph) DeletePhoto(_ context.Context, s graphapi.Subject) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	s = g.subject(s)
	g.writes++
	if g.failWrites != nil {
		return g.failWrites
	}
	delete(g.photos, s)
	g.etags[s]++
	return nil
}

func (g *fakeGraph) photo(s graphapi.Subject) []byte {
	g.mu.Lock()
	defer g.mu.Unlock()
	s = g.subject(s)
	return g.photos[s]
}

var ann = app.Person{Subject: graphapi.User("ann@contoso.com"), Kind: app.KindUser, ID: "ann@contoso.com", DisplayName: "Ann Lee", UPN: "ann@contoso.com"}

func newTestChanger(t *testing.T) (*Changer, *fakeGraph) {
	t.Helper()
	g := newFakeGraph()
	return &Changer{Graph: g, Cache: g, Dir: filepath.Join(t.TempDir(), "backups"), Account: "helpdesk@contoso.com", Tenant: "contoso.com"}, g
}

// A set backs up the photo it replaces and logs the change, started then
// done, with both ETags.
func TestSetBacksUpAndLogsFirst(t *testing.T) {
	c, g := newTestChanger(t)
	g.photos[ann.Subject] = []byte("old photo")
	e, err := c.Set(context.Background(), ann, []byte("new photo"), "image/jpeg")
	if err != nil {
		t.Fatal(err)
	}
	if got := g.photo(ann.Subject); string(got) != "new photo" {
		t.Fatalf("photo now %q", got)
	}
	if b, _ := os.ReadFile(e.Backup); string(b) != "old photo" {
		t.Errorf("backup %q holds %q, want the old photo", e.Backup, b)
	}
	if _, err := os.Stat(e.Backup + ".json"); err != nil {
		t.Errorf("no metadata next to the backup: %v", err)
	}
	if e.Status != StatusDone || e.OldETag != `"etag-0"` || e.NewETag != `"etag-1"` || e.Account != c.Account || e.Target.UPN != ann.UPN {
		t.Errorf("entry = %+v", e)
	}
	raw, _ := os.ReadFile(filepath.Join(c.Dir, LogName))
	if lines := bytes.Count(raw, []byte("\n")); lines != 2 || !bytes.Contains(raw, []byte(`"status":"started"`)) {
		t.Errorf("log = %s, want a started and a done line", raw)
	}
	if g.invalidated < 1 {
		t.Error("the cache was not dropped after the change")
	}
}

// No backup, no change: a backups folder that cannot be written stops the
// change before anything is sent.
func TestFailedBackupMeansNoChange(t *testing.T) {
	c, g := newTestChanger(t)
	g.photos[ann.Subject] = []byte("old photo")
	if err := os.WriteFile(c.Dir, []byte("a file, not a folder"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := c.Set(context.Background(), ann, []byte("new"), "image/jpeg")
	if !errors.Is(err, ErrBackupFailed) {
		t.Fatalf("err = %v, want ErrBackupFailed", err)
	}
	if g.writes != 0 || string(g.photo(ann.Subject)) != "old photo" {
		t.Errorf("%d writes sent, photo %q: the change went through without a backup", g.writes, g.photo(ann.Subject))
	}
}

// A change Graph refuses is logged as failed, leaves the photo, and is not
// something to undo.
func TestRefusedChangeIsLoggedAndNotUndoable(t *testing.T) {
	c, g := newTestChanger(t)
	g.photos[ann.Subject] = []byte("old photo")
	g.failWrites = &graphapi.Error{Status: 403, Code: "ErrorAccessDenied", RequestID: "r"}
	e, err := c.Set(context.Background(), ann, []byte("new"), "image/jpeg")
	if err == nil || e.Status != StatusFailed || e.Error == "" {
		t.Fatalf("entry %+v, err %v", e, err)
	}
	entries, _ := ReadLog(c.Dir)
	if _, ok := LastUndoable(entries, Who{Account: c.Account, Tenant: c.Tenant}); ok {
		t.Error("a failed change can be undone")
	}
	if _, err := c.Undo(context.Background(), ""); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("undo = %v", err)
	}
}

// Remove needs a photo, and contacts cannot be removed at all.
func TestRemoveRules(t *testing.T) {
	c, g := newTestChanger(t)
	if _, err := c.Remove(context.Background(), ann); !errors.Is(err, ErrNothingToRemove) || g.writes != 0 {
		t.Errorf("remove without a photo: %v, %d writes", err, g.writes)
	}
	contact := app.Person{Subject: graphapi.Contact("c1"), Kind: app.KindContact, ID: "c1"}
	if _, err := c.Remove(context.Background(), contact); !errors.Is(err, ErrContactsCannotBeRemoved) {
		t.Errorf("remove a contact's photo: %v", err)
	}
	g.photos[ann.Subject] = []byte("photo")
	e, err := c.Remove(context.Background(), ann)
	if err != nil || g.photo(ann.Subject) != nil || e.NewETag != "" {
		t.Fatalf("remove: %v, photo %q, entry %+v", err, g.photo(ann.Subject), e)
	}
	if b, _ := os.ReadFile(e.Backup); string(b) != "photo" {
		t.Errorf("backup holds %q", b)
	}
}

// Undo walks back: each undo reverts the newest change not undone yet —
// a replaced photo comes back, an added one goes.
func TestUndoWalksBack(t *testing.T) {
	c, g := newTestChanger(t)
	ctx := context.Background()
	if _, err := c.Set(ctx, ann, []byte("first"), "image/jpeg"); err != nil { // ann had no photo
		t.Fatal(err)
	}
	if _, err := c.Set(ctx, ann, []byte("second"), "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Undo(ctx, ""); err != nil || string(g.photo(ann.Subject)) != "first" {
		t.Fatalf("first undo: %v, photo %q, want first back", err, g.photo(ann.Subject))
	}
	e, err := c.Undo(ctx, "")
	if err != nil || g.photo(ann.Subject) != nil {
		t.Fatalf("second undo: %v, photo %q, want none (ann had none)", err, g.photo(ann.Subject))
	}
	if e.Action != ActionUndo || e.Undoes == "" {
		t.Errorf("undo entry = %+v", e)
	}
	if _, err := c.Undo(ctx, ""); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("third undo = %v, want nothing to undo", err)
	}
}

// A damaged line does not hide the rest of the log.
func TestLogSurvivesADamagedLine(t *testing.T) {
	c, g := newTestChanger(t)
	g.photos[ann.Subject] = []byte("old")
	if _, err := c.Set(context.Background(), ann, []byte("new"), "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	f, _ := os.OpenFile(filepath.Join(c.Dir, LogName), os.O_APPEND|os.O_WRONLY, 0)
	_, _ = f.WriteString("{not json\n")
	_ = f.Close()
	entries, err := ReadLog(c.Dir)
	if err != nil || len(entries) != 1 || entries[0].Status != StatusDone {
		t.Fatalf("entries = %+v, %v", entries, err)
	}
}

// A target comes back from the log as the same subject, contacts in
// other mailboxes and folders included.
func TestTargetRoundTrip(t *testing.T) {
	for _, p := range []app.Person{
		ann,
		{Subject: graphapi.Me(), Kind: app.KindUser},
		{Subject: graphapi.Group("g1"), Kind: app.KindGroup, ID: "g1"},
		{Subject: graphapi.Contact("c1").OfUser("bob@contoso.com").InFolder("f1"), Kind: app.KindContact, ID: "c1"},
	} {
		back, err := TargetOf(p).Person()
		if err != nil || back.Subject != p.Subject || back.Kind != p.Kind {
			t.Errorf("%v came back as %v (%v)", p.Subject, back.Subject, err)
		}
	}
	if _, err := (Target{Kind: "team"}).Person(); err == nil {
		t.Error("an unknown kind was accepted")
	}
}

// A photo that cannot be decoded is backed up byte for byte and can be
// replaced: fixing broken photos is what changes are for.
func TestDamagedPhotoIsBackedUpAndReplaced(t *testing.T) {
	c, g := newTestChanger(t)
	g.photos[ann.Subject] = []byte("\xff\xd8 truncated jpeg")
	e, err := c.Set(context.Background(), ann, []byte("new"), "image/jpeg")
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(e.Backup); string(b) != "\xff\xd8 truncated jpeg" {
		t.Errorf("backup = %q", b)
	}
}

// Undo is the account's own, in its tenant: another account's change is
// never undone by it; a change shown and then overtaken is not undone.
func TestUndoBelongsToTheAccountAndTheChangeShown(t *testing.T) {
	c, g := newTestChanger(t)
	ctx := context.Background()
	g.photos[ann.Subject] = []byte("original")
	mine, err := c.Set(ctx, ann, []byte("mine"), "image/jpeg")
	if err != nil {
		t.Fatal(err)
	}
	other := &Changer{Graph: g, Cache: g, Dir: c.Dir, Account: "someone@contoso.com", Tenant: c.Tenant}
	if _, err := other.Set(ctx, ann, []byte("theirs"), "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	elsewhere := &Changer{Graph: g, Cache: g, Dir: c.Dir, Account: c.Account, Tenant: "fabrikam.com"}
	if _, err := elsewhere.Undo(ctx, ""); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("undo in another tenant = %v, want nothing to undo", err)
	}
	if _, err := c.Undo(ctx, "some-other-id"); !errors.Is(err, ErrUndoMovedOn) {
		t.Errorf("undo of a change no longer last = %v, want ErrUndoMovedOn", err)
	}
	// The other account changed Ann since: not overwritten without asking.
	if _, err := c.Undo(ctx, mine.ID); !errors.Is(err, ErrChangedSince) || string(g.photo(ann.Subject)) != "theirs" {
		t.Errorf("undo past another account's change = %v, photo %q; want ErrChangedSince and theirs kept", err, g.photo(ann.Subject))
	}
	e, err := c.UndoWith(ctx, mine.ID, UndoOptions{Overwrite: true})
	if err != nil || e.Undoes != mine.ID || string(g.photo(ann.Subject)) != "original" {
		t.Errorf("undo = %+v, %v; photo %q, want my change undone", e, err, g.photo(ann.Subject))
	}
}

// A change that cannot be undone (its backup is gone) is passed over, not
// a wall every later undo hits.
func TestUndoPassesOverWhatCannotBeUndone(t *testing.T) {
	c, g := newTestChanger(t)
	ctx := context.Background()
	g.photos[ann.Subject] = []byte("first")
	if _, err := c.Set(ctx, ann, []byte("second"), "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	e2, err := c.Set(ctx, ann, []byte("third"), "image/jpeg")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(e2.Backup); err != nil {
		t.Fatal(err)
	}
	last, err := c.LastUndoable(ctx)
	if err != nil || len(last.PassedOver) != 1 || last.PassedOver[0].ID != e2.ID || !strings.Contains(last.PassedOver[0].Why, "backup") {
		t.Fatalf("last undoable = %+v, %v; want the broken change named as passed over", last, err)
	}
	if _, err := c.Undo(ctx, last.ID); err != nil || string(g.photo(ann.Subject)) != "first" {
		t.Errorf("undo = %v, photo %q; want the first change undone, the broken one passed over", err, g.photo(ann.Subject))
	}
	// Nothing is left; the undo that went past the broken change, having
	// named it, logged so, and it is not named again.
	if last, err := c.LastUndoable(ctx); !errors.Is(err, ErrNothingToUndo) || len(last.PassedOver) != 0 {
		t.Errorf("after = %+v, %v", last, err)
	}
	if entries, _ := ReadLog(c.Dir); len(entries[2].Passed) != 1 || entries[2].Passed[0] != e2.ID {
		t.Errorf("the undo logged %+v, want the change it went past", entries[2])
	}
}

// A photo changed again since the change (by someone else, or outside
// Photo Desk) is not overwritten by an undo unless it is told to; a photo
// added since a removal neither.
func TestUndoDoesNotOverwriteALaterChange(t *testing.T) {
	c, g := newTestChanger(t)
	ctx := context.Background()
	g.photos[ann.Subject] = []byte("first")
	if _, err := c.Set(ctx, ann, []byte("mine"), "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	_ = g.SetPhoto(ctx, ann.Subject, []byte("someone else's"), "image/jpeg")
	writes := g.writes
	if _, err := c.Undo(ctx, ""); !errors.Is(err, ErrChangedSince) || string(g.photo(ann.Subject)) != "someone else's" || g.writes != writes {
		t.Fatalf("undo = %v, photo %q; want ErrChangedSince and the newer photo kept", err, g.photo(ann.Subject))
	}
	e, err := c.UndoWith(ctx, "", UndoOptions{Overwrite: true})
	if err != nil || string(g.photo(ann.Subject)) != "first" {
		t.Fatalf("undo overwriting = %v, photo %q; want first back", err, g.photo(ann.Subject))
	}
	if b, _ := os.ReadFile(e.Backup); string(b) != "someone else's" {
		t.Errorf("the overwritten photo's backup = %q", b)
	}

	if _, err := c.Remove(ctx, ann); err != nil {
		t.Fatal(err)
	}
	_ = g.SetPhoto(ctx, ann.Subject, []byte("added since"), "image/jpeg")
	if _, err := c.Undo(ctx, ""); !errors.Is(err, ErrChangedSince) || string(g.photo(ann.Subject)) != "added since" {
		t.Errorf("undo of a removal = %v, photo %q; want ErrChangedSince", err, g.photo(ann.Subject))
	}
}

// OnlyIfNone never replaces a photo that is there by the time of the
// change, and sends nothing; SkipNewETag leaves the read-back out.
func TestSetWithOnlyIfNone(t *testing.T) {
	c, g := newTestChanger(t)
	ctx := context.Background()
	g.photos[ann.Subject] = []byte("there already")
	if _, err := c.SetWith(ctx, ann, []byte("new"), "image/jpeg", SetOptions{OnlyIfNone: true}); !errors.Is(err, ErrHasPhoto) || g.writes != 0 {
		t.Fatalf("set over a photo = %v with %d writes, want ErrHasPhoto and none", err, g.writes)
	}
	delete(g.photos, ann.Subject)
	e, err := c.SetWith(ctx, ann, []byte("new"), "image/jpeg", SetOptions{OnlyIfNone: true, SkipNewETag: true})
	if err != nil || e.NewETag != "" || string(g.photo(ann.Subject)) != "new" {
		t.Fatalf("set on none = %+v, %v", e, err)
	}
}

// UndoChange reverts the change named, not the last one, and only once.
func TestUndoChangeRevertsTheOneNamed(t *testing.T) {
	c, g := newTestChanger(t)
	ctx := context.Background()
	bob := app.Person{Subject: graphapi.User("bob@contoso.com"), Kind: app.KindUser, ID: "bob@contoso.com", UPN: "bob@contoso.com"}
	g.photos[ann.Subject] = []byte("ann before")
	first, err := c.Set(ctx, ann, []byte("ann after"), "image/jpeg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Set(ctx, bob, []byte("bob new"), "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UndoChange(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	if string(g.photo(ann.Subject)) != "ann before" || string(g.photo(bob.Subject)) != "bob new" {
		t.Errorf("ann %q, bob %q: want ann restored and bob untouched", g.photo(ann.Subject), g.photo(bob.Subject))
	}
	if _, err := c.UndoChange(ctx, first.ID); !errors.Is(err, ErrAlreadyUndone) {
		t.Errorf("second undo = %v, want ErrAlreadyUndone", err)
	}
	if _, err := c.UndoChange(ctx, "no-such-change"); !errors.Is(err, ErrNotUndoable) {
		t.Errorf("undo of an unknown change = %v", err)
	}
}

// A photo the caller read just before is what gets backed up, and no
// second read is made; a known "none" makes no backup.
func TestSetWithCurrentRead(t *testing.T) {
	c, g := newTestChanger(t)
	ctx := context.Background()
	g.photos[ann.Subject] = pngOf(t, 4)
	batchRead := pngOf(t, 5)
	read := &graphapi.Photo{Bytes: batchRead, ETag: `"b"`}
	e, err := c.SetWith(ctx, ann, []byte("new"), "image/jpeg", SetOptions{Current: read, CurrentKnown: true, SkipNewETag: true})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(e.Backup); !bytes.Equal(b, batchRead) || e.OldETag != `"b"` {
		t.Errorf("backup %q, old ETag %s: want what the caller read", b, e.OldETag)
	}
	bob := app.Person{Subject: graphapi.User("bob@contoso.com"), Kind: app.KindUser, ID: "bob@contoso.com"}
	e, err = c.SetWith(ctx, bob, []byte("new"), "image/jpeg", SetOptions{CurrentKnown: true, OnlyIfNone: true})
	if err != nil || e.Backup != "" {
		t.Errorf("known none: %+v, %v", e, err)
	}
}

// batchGraph is fakeGraph that also takes uploads together.
type batchGraph struct {
	*fakeGraph
	batches [][]graphapi.PhotoUpload
}

func (g *batchGraph) SetPhotos(ctx context.Context, ups []graphapi.PhotoUpload) []error {
	g.batches = append(g.batches, ups)
	errs := make([]error, len(ups))
	for i, u := range ups {
		errs[i] = g.SetPhoto(ctx, u.Subject, u.Data, u.ContentType)
	}
	return errs
}

// SetMany backs up and logs each change first, sends what may go in one
// call, and refuses per request what Set would refuse.
func TestSetManySendsTogether(t *testing.T) {
	c, g := newTestChanger(t)
	bg := &batchGraph{fakeGraph: g}
	c.Graph = bg
	bob := app.Person{Subject: graphapi.User("bob@contoso.com"), Kind: app.KindUser, ID: "bob@contoso.com"}
	cid := app.Person{Subject: graphapi.User("cid@contoso.com"), Kind: app.KindUser, ID: "cid@contoso.com"}
	g.photos[ann.Subject] = []byte("ann old")
	g.photos[cid.Subject] = []byte("cid old")
	res := c.SetMany(context.Background(), []SetRequest{
		{Person: ann, Data: []byte("ann new"), ContentType: "image/jpeg"},
		{Person: bob, Data: []byte("bob new"), ContentType: "image/jpeg", Options: SetOptions{OnlyIfNone: true}},
		{Person: cid, Data: []byte("cid new"), ContentType: "image/jpeg", Options: SetOptions{OnlyIfNone: true}},
	})
	if res[0].Err != nil || res[1].Err != nil || !errors.Is(res[2].Err, ErrHasPhoto) {
		t.Fatalf("results %+v", res)
	}
	if len(bg.batches) != 1 || len(bg.batches[0]) != 2 {
		t.Errorf("sent in %d calls: %v; want ann and bob in one", len(bg.batches), bg.batches)
	}
	if b, _ := os.ReadFile(res[0].Entry.Backup); string(b) != "ann old" || res[1].Entry.Backup != "" {
		t.Errorf("backups %q / %q", b, res[1].Entry.Backup)
	}
	if string(g.photo(cid.Subject)) != "cid old" {
		t.Error("cid's photo was replaced")
	}
	entries, _ := ReadLog(c.Dir)
	if len(entries) != 2 || entries[0].Status != StatusDone || entries[1].Status != StatusDone {
		t.Errorf("log %+v", entries)
	}
}

// refusingBatch is a Graph that takes uploads only one at a time: its
// $batch answers every upload item 415.
type refusingBatch struct{ *fakeGraph }

func (g refusingBatch) SetPhotos(_ context.Context, ups []graphapi.PhotoUpload) []error {
	errs := make([]error, len(ups))
	for i := range ups {
		errs[i] = &graphapi.Error{Status: 415, Code: "UnsupportedMediaType"}
	}
	return errs
}

// An upload Graph refuses inside $batch as a request goes again on its
// own, and the change is made.
func TestSetManyFallsBackToSingleUploads(t *testing.T) {
	c, g := newTestChanger(t)
	c.Graph = refusingBatch{g}
	res := c.SetMany(context.Background(), []SetRequest{{Person: ann, Data: []byte("ann new"), ContentType: "image/jpeg"}})
	if res[0].Err != nil || string(g.photo(ann.Subject)) != "ann new" {
		t.Errorf("result %+v, photo %q", res[0], g.photo(ann.Subject))
	}
}

// A change whose upload failed is undone only if the photo moved on from
// the one it would have replaced: not sent, nothing is written; sent (the
// answer was lost), the original comes back, the current photo backed up.
func TestUndoChangeOfAFailedUpload(t *testing.T) {
	c, g := newTestChanger(t)
	ctx := context.Background()
	g.photos[ann.Subject] = []byte("ann before")
	g.failWrites = graphapi.ErrNoAnswer
	failed, err := c.Set(ctx, ann, []byte("ann after"), "image/jpeg")
	if !errors.Is(err, graphapi.ErrNoAnswer) {
		t.Fatalf("set = %v", err)
	}
	g.failWrites = nil
	writes := g.writes
	if _, err := c.UndoChange(ctx, failed.ID); !errors.Is(err, ErrNotApplied) || g.writes != writes {
		t.Fatalf("undo of an upload that did not land = %v with %d writes, want ErrNotApplied and none", err, g.writes-writes)
	}
	g.photos[ann.Subject], g.etags[ann.Subject] = []byte("ann after"), g.etags[ann.Subject]+1 // it did land after all
	undo, err := c.UndoChange(ctx, failed.ID)
	if err != nil || string(g.photo(ann.Subject)) != "ann before" || undo.Backup == "" {
		t.Fatalf("undo of an upload that landed = %+v, %v; photo %q", undo, err, g.photo(ann.Subject))
	}
	if b, _, err := readBackup(undo.Backup); err != nil || string(b) != "ann after" {
		t.Errorf("the photo undo replaced was not backed up: %q, %v", b, err)
	}
}

// noMailbox answers every photo read as Graph does for a user without an
// Exchange mailbox: 400 AuthenticationError.
type noMailbox struct{ *fakeGraph }

func (g noMailbox) PhotoBytes(context.Context, graphapi.Subject, graphapi.Size) (*graphapi.Photo, error) {
	return nil, &graphapi.Error{
		Status: 400, Code: "AuthenticationError", Message: "Error authenticating with resource",
		Method: "GET", URL: "https://graph.microsoft.com/v1.0/users/ann@contoso.com/photo/$value",
	}
}

// A change whose end is unknown cannot be checked when Graph answers the
// read as for a user without a mailbox: that is not "no photo", so the
// undo — the last change's or an import's — refuses with ErrCannotCheck,
// sends nothing and logs nothing, whether the change replaced a photo or
// gave a first one.
func TestUndoOfUnknownEndWithoutMailbox(t *testing.T) {
	ctx := context.Background()
	for _, had := range []bool{false, true} {
		c, g := newTestChanger(t)
		if had {
			g.photos[ann.Subject] = []byte("ann before")
		}
		g.failWrites = graphapi.ErrNoAnswer
		failed, err := c.Set(ctx, ann, []byte("ann after"), "image/jpeg")
		if !errors.Is(err, graphapi.ErrNoAnswer) {
			t.Fatalf("set = %v", err)
		}
		g.failWrites = nil
		c.Graph = noMailbox{g}
		before, _ := ReadLog(c.Dir)
		writes := g.writes
		for name, undo := range map[string]func() (Entry, error){
			"Undo":       func() (Entry, error) { return c.Undo(ctx, "") },
			"UndoChange": func() (Entry, error) { return c.UndoChange(ctx, failed.ID) },
		} {
			_, err := undo()
			if !errors.Is(err, ErrCannotCheck) || g.writes != writes {
				t.Errorf("had a photo %v: %s = %v with %d writes; want ErrCannotCheck and none", had, name, err, g.writes-writes)
			}
			if !strings.Contains(Explain(err, ann), "cannot tell whether it went through") {
				t.Errorf("had a photo %v: %s explained as %q", had, name, Explain(err, ann))
			}
		}
		if after, _ := ReadLog(c.Dir); !slices.EqualFunc(before, after, func(a, b Entry) bool { return a.ID == b.ID && a.Status == b.Status }) {
			t.Errorf("had a photo %v: the log went from %+v to %+v; want it as it was", had, before, after)
		}
	}
}

// emptyAnswers answers every photo read with a success that holds no
// bytes, as a proxy in the way might.
type emptyAnswers struct{ *fakeGraph }

func (g emptyAnswers) PhotoBytes(context.Context, graphapi.Subject, graphapi.Size) (*graphapi.Photo, error) {
	return nil, &graphapi.Error{Status: 200, Code: graphapi.CodeNoPhotoBytes, Message: "no photo bytes in the answer"}
}

// A read that comes back empty is not "no photo" before a change: with
// nothing backed up the photo is not replaced, and undo would have
// removed it.
func TestEmptyReadIsNoBackupAndNoChange(t *testing.T) {
	c, g := newTestChanger(t)
	g.photos[ann.Subject] = []byte("original")
	c.Graph = emptyAnswers{g}
	if _, err := c.Set(context.Background(), ann, []byte("new"), "image/jpeg"); !errors.Is(err, ErrBackupFailed) {
		t.Errorf("set after an empty read: %v, want ErrBackupFailed", err)
	}
	if string(g.photo(ann.Subject)) != "original" {
		t.Errorf("the photo was replaced: %q", g.photo(ann.Subject))
	}
}

// The newest change's end is unknown (no answer): undo last looks at it
// rather than walking past it to an older change. Gone through, it is
// undone; not gone through, it is settled in the log, and the next undo
// reaches the older change.
func TestUndoLastSettlesAChangeWithNoAnswer(t *testing.T) {
	for _, landed := range []bool{true, false} {
		c, g := newTestChanger(t)
		ctx := context.Background()
		g.photos[ann.Subject] = []byte("first")
		if _, err := c.Set(ctx, ann, []byte("second"), "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		if landed {
			c.Graph = lostAnswer{g}
		} else {
			g.failWrites = fmt.Errorf("put: %w", graphapi.ErrNoAnswer)
		}
		if _, err := c.Set(ctx, ann, []byte("third"), "image/jpeg"); err == nil {
			t.Fatal("the unanswered set succeeded")
		}
		c.Graph, g.failWrites = g, nil
		_, err := c.Undo(ctx, "")
		switch {
		case landed && (err != nil || string(g.photo(ann.Subject)) != "second"):
			t.Errorf("landed: undo = %v, photo %q; want the unanswered change undone", err, g.photo(ann.Subject))
		case !landed && (!errors.Is(err, ErrNotApplied) || string(g.photo(ann.Subject)) != "second"):
			t.Errorf("not landed: undo = %v, photo %q; want ErrNotApplied and nothing changed", err, g.photo(ann.Subject))
		}
		if _, err := c.Undo(ctx, ""); err != nil || string(g.photo(ann.Subject)) != "first" {
			t.Errorf("landed %v: the next undo = %v, photo %q; want the first change undone", landed, err, g.photo(ann.Subject))
		}
	}
}

// lostAnswer sends a photo but reports that no answer came.
type lostAnswer struct{ *fakeGraph }

func (g lostAnswer) SetPhoto(ctx context.Context, s graphapi.Subject, data []byte, ct string) error {
	if err := g.fakeGraph.SetPhoto(ctx, s, data, ct); err != nil {
		return err
	}
	return fmt.Errorf("put: %w", graphapi.ErrNoAnswer)
}

// onePixelGIF is Graph's 1x1 "no photo" image, as old tenants answer it.
func onePixelGIF(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gif.Encode(&b, image.NewPaletted(image.Rect(0, 0, 1, 1), color.Palette{color.White}), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Graph's 1x1 "no photo" image is no photo: a set backs nothing up and
// its undo removes the photo, a removal finds nothing to remove, an
// import told not to replace still adds one, and a backup of the image
// kept by an older version is undone by removing the photo.
func TestPlaceholderIsNoPhotoWhenChanging(t *testing.T) {
	c, g := newTestChanger(t)
	ctx := context.Background()
	placeholder := onePixelGIF(t)
	g.photos[ann.Subject] = placeholder
	if _, err := c.Remove(ctx, ann); !errors.Is(err, ErrNothingToRemove) {
		t.Errorf("remove over the placeholder = %v, want nothing to remove", err)
	}
	e, err := c.Set(ctx, ann, []byte("new"), "image/jpeg")
	if err != nil || e.Backup != "" || e.OldETag != "" {
		t.Fatalf("set over the placeholder = %+v, %v; want no backup", e, err)
	}
	if _, err := c.Undo(ctx, ""); err != nil || g.photo(ann.Subject) != nil {
		t.Fatalf("undo = %v, photo %q; want the photo removed", err, g.photo(ann.Subject))
	}

	g.photos[ann.Subject] = placeholder
	ph, _ := g.PhotoBytes(ctx, ann.Subject, graphapi.SizeLargest)
	if _, err := c.SetWith(ctx, ann, []byte("imported"), "image/jpeg", SetOptions{OnlyIfNone: true, Current: ph, CurrentKnown: true}); err != nil {
		t.Errorf("import over the placeholder = %v, want it added", err)
	}

	// A backup of the placeholder, as an older version kept it.
	old, err := c.Set(ctx, ann, []byte("newer"), "image/jpeg")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(old.Backup, placeholder, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Undo(ctx, ""); err != nil || g.photo(ann.Subject) != nil {
		t.Errorf("undo of a placeholder backup = %v, photo %q; want the photo removed, not the 1x1 image uploaded", err, g.photo(ann.Subject))
	}
}

// The log knows a person by object id or by UPN, whichever the change was
// given: undoing walks back through both. An import's undo (UndoChange)
// does not overwrite a later change that stands either. "me" kept by no
// id is the account that made the change, not everyone's.
func TestUndoSeesLaterChangesOfTheSamePerson(t *testing.T) {
	ctx := context.Background()
	t.Run("by UPN then by id", func(t *testing.T) {
		c, g := newTestChanger(t)
		byID := ann
		byID.Subject, byID.ID = graphapi.User("0a0a0a0a-1111-2222-3333-444444444444"), "0a0a0a0a-1111-2222-3333-444444444444"
		g.photos[ann.Subject] = []byte("original")
		if _, err := c.Set(ctx, app.Person{Subject: ann.Subject, Kind: app.KindUser, ID: ann.UPN}, []byte("by upn"), "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		g.photos[byID.Subject], g.etags[byID.Subject] = g.photos[ann.Subject], g.etags[ann.Subject] // one person, two names
		if _, err := c.Set(ctx, byID, []byte("by id"), "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Undo(ctx, ""); err != nil {
			t.Fatalf("first undo: %v", err)
		}
		g.photos[ann.Subject], g.etags[ann.Subject] = g.photos[byID.Subject], g.etags[byID.Subject]
		if _, err := c.Undo(ctx, ""); err != nil {
			t.Errorf("second undo = %v, want the change by UPN undone (the later one, by id, was undone)", err)
		}
	})
	t.Run("import undo past a later change", func(t *testing.T) {
		c, g := newTestChanger(t)
		g.photos[ann.Subject] = []byte("original")
		imported, err := c.SetWith(ctx, ann, []byte("imported"), "image/jpeg", SetOptions{SkipNewETag: true})
		if err != nil {
			t.Fatal(err)
		}
		other := &Changer{Graph: g, Cache: g, Dir: c.Dir, Account: "someone@contoso.com", Tenant: c.Tenant}
		if _, err := other.Set(ctx, ann, []byte("theirs"), "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.UndoChange(ctx, imported.ID); !errors.Is(err, ErrChangedSince) || string(g.photo(ann.Subject)) != "theirs" {
			t.Errorf("import undo = %v, photo %q; want ErrChangedSince and theirs kept", err, g.photo(ann.Subject))
		}
	})
	t.Run("me is the account's own", func(t *testing.T) {
		c, g := newTestChanger(t)
		g.me = graphapi.User(c.Account)
		me := app.Person{Subject: graphapi.Me(), Kind: app.KindUser}
		g.photos[g.me] = []byte("mine before")
		if _, err := c.Set(ctx, me, []byte("mine"), "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		other := &Changer{Graph: newFakeGraph(), Dir: c.Dir, Account: "someone@contoso.com", Tenant: c.Tenant}
		if _, err := other.Set(ctx, me, []byte("their own"), "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Undo(ctx, ""); err != nil || string(g.photo(me.Subject)) != "mine before" {
			t.Errorf("undo of my own photo = %v, photo %q; another account's own photo is not mine", err, g.photo(me.Subject))
		}
	})
}

// pngOf is a whole side x side picture.
func pngOf(t *testing.T, side int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, side, side))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A current photo that arrives cut short is read again before it is
// backed up: the backup would be the only copy of what the change
// replaces. Cut short differently three times, the change is refused
// and nothing is sent; a photo damaged the same way every time is what
// Graph holds (TestDamagedPhotoIsBackedUpAndReplaced).
func TestDamagedReadIsReadAgainBeforeTheBackup(t *testing.T) {
	c, g := newTestChanger(t)
	whole := pngOf(t, 64)
	g.photos[ann.Subject] = whole
	g.damagedReads = 2
	e, err := c.Set(context.Background(), ann, pngOf(t, 8), "image/png")
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(e.Backup); !bytes.Equal(b, whole) {
		t.Errorf("backup has %d bytes, want the whole photo's %d", len(b), len(whole))
	}

	c, g = newTestChanger(t)
	g.photos[ann.Subject] = whole
	g.damagedReads = 3
	_, err = c.Set(context.Background(), ann, pngOf(t, 8), "image/png")
	if !errors.Is(err, ErrBackupFailed) || !strings.Contains(err.Error(), "arrived damaged 3 times") {
		t.Errorf("err = %v, want the backup refused after three damaged reads", err)
	}
	// Said for a person: what happened and what to do, without the
	// decoder's words ("decode png: … invalid format").
	if msg := Explain(err, ann); !strings.Contains(msg, "arrived damaged 3 times") || !strings.Contains(msg, "Try again in a moment") ||
		strings.Contains(msg, "decode") || strings.Contains(msg, "invalid") || strings.Contains(msg, "not a JPEG") {
		t.Errorf("Explain = %q", msg)
	}
	if g.writes != 0 || !bytes.Equal(g.photo(ann.Subject), whole) {
		t.Errorf("%d writes; the photo was changed though it could not be backed up", g.writes)
	}
	if entries, _ := os.ReadDir(c.Dir); len(entries) > 1 { // the log, if anything
		t.Errorf("backups folder holds %d files after a refused change", len(entries))
	}
}

// A change whose current photo Graph would not let be read is explained
// as that read's trouble — no such person, the folder not shared — not
// as a backup folder's.
func TestExplainSaysWhyTheCurrentPhotoCouldNotBeRead(t *testing.T) {
	c, _ := newTestChanger(t)
	nobody := app.Person{Subject: graphapi.User("00000000-0000-0000-0000-000000000000"), Kind: app.KindUser, ID: "00000000-0000-0000-0000-000000000000"}
	c.Graph = &refusingGraph{fakeGraph: newFakeGraph(), err: &graphapi.Error{Status: 404, Code: "ErrorInvalidUser", Message: "The requested user is invalid."}}
	_, err := c.Set(context.Background(), nobody, pngOf(t, 8), "image/png")
	got := Explain(err, nobody)
	if !strings.HasPrefix(got, "Nothing was changed: the current photo could not be read for its backup. Not found: no such user") {
		t.Errorf("Explain = %q", got)
	}
}

// A group's photo that cannot be read for its backup is refused for one
// reason to a signed-in person (a permission) and for another to an
// application (Graph's known limitation); each is told its own.
func TestExplainGroupPhotoDeniedByKindOfSignIn(t *testing.T) {
	c, _ := newTestChanger(t)
	group := app.Person{Subject: graphapi.Group("g1"), Kind: app.KindGroup, ID: "g1", DisplayName: "Sales"}
	c.Graph = &refusingGraph{fakeGraph: newFakeGraph(), err: &graphapi.Error{
		Status: 403, Code: "ErrorAccessDenied", Method: "GET", URL: "https://graph.microsoft.com/v1.0/groups/g1/photo/$value",
	}}
	_, err := c.Remove(context.Background(), group)
	if got := Explain(err, group); !strings.Contains(got, "signed-in account") || strings.Contains(got, "application") {
		t.Errorf("Explain (a person) = %q", got)
	}
	got := ExplainForApp(err, group)
	if !strings.HasPrefix(got, "Nothing was changed: ") || !strings.Contains(got, "refuses group photos to applications") || strings.Contains(got, "signed-in account") {
		t.Errorf("ExplainForApp = %q", got)
	}
}

// refusingGraph answers every photo read with err.
type refusingGraph struct {
	*fakeGraph
	err error
}

func (g *refusingGraph) PhotoBytes(context.Context, graphapi.Subject, graphapi.Size) (*graphapi.Photo, error) {
	return nil, g.err
}

// An undo that got no answer may have gone through: the next undo finds
// the photo is not the one the change left, and says its own undo may be
// why, rather than blaming a change outside Photo Desk; nothing is sent.
func TestUndoAfterAnUndoWithNoAnswerSaysSo(t *testing.T) {
	c, g := newTestChanger(t)
	ctx := context.Background()
	g.photos[ann.Subject] = []byte("first")
	if _, err := c.Set(ctx, ann, []byte("second"), "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	c.Graph = lostAnswer{g}
	if _, err := c.Undo(ctx, ""); err == nil || string(g.photo(ann.Subject)) != "first" {
		t.Fatalf("the unanswered undo = %v, photo %q; want an error and the undo landed", err, g.photo(ann.Subject))
	}
	c.Graph = g
	writes := g.writes
	_, err := c.Undo(ctx, "")
	if !errors.Is(err, ErrChangedSince) || g.writes != writes || string(g.photo(ann.Subject)) != "first" {
		t.Fatalf("the next undo = %v, photo %q, %d writes; want ErrChangedSince and nothing sent", err, g.photo(ann.Subject), g.writes-writes)
	}
	if msg := err.Error(); !strings.Contains(msg, "got no answer") || strings.Contains(msg, "outside Photo Desk") {
		t.Errorf("the next undo says %q; want its earlier undo with no answer named", msg)
	}
}
