package change

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// Errors a change can end with before anything is sent.
var (
	// ErrNothingToRemove: the subject has no photo.
	ErrNothingToRemove = errors.New("there is no photo to remove")
	// ErrNothingToUndo: the change log holds no change that can be undone.
	ErrNothingToUndo = errors.New("there is no change to undo")
	// ErrBackupFailed: the current photo could not be saved first, so
	// nothing was changed.
	ErrBackupFailed = errors.New("the current photo could not be backed up, so nothing was changed")
	// ErrUndoMovedOn: the change shown to be undone is no longer the last
	// one (another change came meanwhile); nothing was undone.
	ErrUndoMovedOn = errors.New("the change log has moved on since the change to undo was shown; nothing was undone, look again")
	// ErrNotLogged: the change went through, but the change log could not
	// record it (so it cannot be undone from the log).
	ErrNotLogged = errors.New("the photo was changed, but the change log could not record it")
	// ErrContactsCannotBeRemoved: Graph has no way to remove a contact's
	// photo (only to replace it).
	ErrContactsCannotBeRemoved = errors.New("a contact's photo cannot be removed through Microsoft Graph, only replaced")
	// ErrHasPhoto: a set that may only add a photo found one; nothing was
	// changed.
	ErrHasPhoto = errors.New("the person has a photo already, and replacing it was not asked for")
	// ErrAlreadyUndone: the change to undo was undone before.
	ErrAlreadyUndone = errors.New("that change was undone already")
	// ErrNotUndoable: the change to undo is not in the log, did not go
	// through, or belongs to another account or tenant.
	ErrNotUndoable = errors.New("that change cannot be undone")
	// ErrChangedSince: the photo is no longer the one the change to undo
	// left (it was changed again, outside Photo Desk or by someone else),
	// and undoing was not told to overwrite it; nothing was undone.
	// Test for it with errors.Is; errors.As to a *ChangedSinceError says
	// how it changed.
	ErrChangedSince = errors.New("the photo was changed again after that change")
	// ErrNotApplied: a change whose end the log does not show did not go
	// through (the photo is still the one it would have replaced), so
	// there is nothing to undo.
	ErrNotApplied = errors.New("that change did not go through; there is nothing to undo")
	// ErrCannotCheck: a change whose end the log does not show cannot be
	// checked, as the photo cannot be read (Graph answers for a user
	// without a mailbox); nothing was undone and the log is as it was.
	ErrCannotCheck = errors.New("cannot tell whether that change went through, so nothing was undone")
	// ErrNotSent: the change's context ended (another account chosen, a
	// sign-out, Ctrl+C) before it was sent, so nothing was sent and
	// nothing changed; a change it ends after its backup is logged as
	// failed, not as perhaps gone through. It wraps the context's error.
	ErrNotSent = errors.New("the change was stopped before it was sent, so nothing was changed")
)

// Graph is what a change reads and writes: the photo as Graph holds it
// (raw bytes, never decoded, so a damaged photo can still be backed up and
// replaced) and the change itself; *graphapi.Client is one.
type Graph interface {
	PhotoBytes(ctx context.Context, s graphapi.Subject, size graphapi.Size) (*graphapi.Photo, error)
	SetPhoto(ctx context.Context, s graphapi.Subject, data []byte, contentType string) error
	DeletePhoto(ctx context.Context, s graphapi.Subject) error
}

// Cache drops what was cached of a subject once its photo changed;
// *app.Engine is one.
type Cache interface {
	Invalidate(p app.Person)
}

// Changer changes photos, each change backed up and logged first.
type Changer struct {
	Graph Graph
	Cache Cache
	// Dir holds the backups and the change log (DefaultDir in the app).
	Dir string
	// Identify tells who changes (Changer.Who), once, when first needed:
	// IdentifyBy reads it from the Graph client's token. Without it,
	// Account and Tenant say it.
	Identify func(context.Context) (Who, error)
	// Account and Tenant are who changes when Identify is nil.
	Account, Tenant string
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	// mu lets sets and removes run side by side (a bulk import keeps
	// Graph's four photo slots busy), while Undo, which reads the log to
	// pick the last change, runs alone.
	mu    sync.RWMutex
	logMu sync.Mutex // one line at a time goes into the log

	whoMu sync.Mutex
	who   *Who // Identify's answer, once it gave one
}

// SetOptions refine a Set for bulk work.
type SetOptions struct {
	// OnlyIfNone refuses (ErrHasPhoto) when the person has a photo by the
	// time the change is made: an import that was not told to replace
	// must not replace a photo that appeared after its preview.
	OnlyIfNone bool
	// SkipNewETag leaves the log's newETag empty rather than reading the
	// photo back: one photo request fewer a change, which a bulk import
	// spends on the next person instead. Undo does not need it.
	SkipNewETag bool
	// Current, with CurrentKnown, is the photo as the caller read it just
	// before (nil: none) — a bulk import reads twenty in one $batch — and
	// is what gets backed up, instead of reading it again.
	Current      *graphapi.Photo
	CurrentKnown bool
	// Via names what made the change when it was not a person's own
	// (Entry.Via): "the import of Portraits".
	Via string
	// Begun, when set, hears the change once it is backed up and logged
	// as started, just before it is sent: a bulk import journals its id
	// and backup there, so a crash before the answer is recorded still
	// leaves the way back to the person's photo.
	Begun func(Entry)
}

// Set replaces p's photo with data (an image Graph takes: a prepared
// square JPEG, or a PNG).
func (c *Changer) Set(ctx context.Context, p app.Person, data []byte, contentType string) (Entry, error) {
	return c.SetWith(ctx, p, data, contentType, SetOptions{})
}

// SetWith is Set with options; changes may run concurrently for
// different people.
func (c *Changer) SetWith(ctx context.Context, p app.Person, data []byte, contentType string, o SetOptions) (Entry, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.applyLocked(ctx, p, specOf(o), func() error {
		return c.Graph.SetPhoto(ctx, p.Subject, data, contentType)
	})
}

// Remove removes p's photo (users and groups only).
func (c *Changer) Remove(ctx context.Context, p app.Person) (Entry, error) {
	if p.Kind == app.KindContact {
		return Entry{}, ErrContactsCannotBeRemoved
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.applyLocked(ctx, p, changeSpec{action: ActionRemove, needPhoto: true}, func() error {
		return c.Graph.DeletePhoto(ctx, p.Subject)
	})
}

// Undo reverts the last change in the log that this account made in this
// tenant and that has not been undone: it puts the backed-up photo back,
// or removes the photo a change added to someone who had none. id, when
// not "", is the change the person was shown: if another change has come
// since, nothing is undone (ErrUndoMovedOn). The undo is itself a change,
// backed up and logged.
//
// A photo changed again since the change (its ETag is not the one the
// change left) is not overwritten: ErrChangedSince, unless UndoWith is
// told to.
func (c *Changer) Undo(ctx context.Context, id string) (Entry, error) {
	return c.UndoWith(ctx, id, UndoOptions{})
}

// UndoOptions refine an Undo.
type UndoOptions struct {
	// Overwrite undoes even when the photo was changed again since the
	// change (ErrChangedSince without it): the person saw the newer
	// photo and chose to lose it (it is backed up first all the same).
	Overwrite bool
}

// UndoWith is Undo with options.
func (c *Changer) UndoWith(ctx context.Context, id string, o UndoOptions) (Entry, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	last, entries, err := c.lastUndoable(ctx)
	switch {
	case err != nil:
		return Entry{}, err
	case id != "" && last.ID != id:
		return Entry{}, ErrUndoMovedOn
	case last.Status == StatusDone:
		told := map[string]bool{}
		for _, po := range last.PassedOver {
			told[po.ID] = true
		}
		var expect *leftState
		if !o.Overwrite {
			left := stateLeft(entries, last.Entry, told)
			expect = &left
		}
		return c.revert(ctx, last.Entry, nil, false, expect, slices.Collect(maps.Keys(told)))
	}
	// Its end is unknown (a crash, a lost answer): undone if it went
	// through, else settled in the log as not done, so the next undo walks
	// past it instead of reverting an older change while it may stand.
	e, err := c.revertIfApplied(ctx, last.Entry)
	if errors.Is(err, ErrNotApplied) {
		settled := last.Entry
		settled.Time, settled.Status, settled.Unanswered = c.now(), StatusFailed, false
		settled.Error = "it did not go through: the photo was still the one it would have replaced"
		_ = c.log(settled) // unsettled, the next undo only looks again
	}
	return e, err
}

// LastUndoable is the change Undo would revert now: the newest in the
// log that this account made in this tenant and that can be undone, with
// the newer ones that cannot (ErrNothingToUndo when there is none; those
// that cannot are still named), for asking first.
func (c *Changer) LastUndoable(ctx context.Context) (Undoable, error) {
	last, _, err := c.lastUndoable(ctx)
	return last, err
}

// lastUndoable is LastUndoable with the log it was picked from.
func (c *Changer) lastUndoable(ctx context.Context) (Undoable, []Entry, error) {
	entries, err := ReadLog(c.Dir)
	if err != nil {
		return Undoable{}, nil, err
	}
	who, err := c.Who(ctx)
	if err != nil {
		return Undoable{}, nil, err
	}
	last, ok := LastUndoable(entries, who)
	if !ok {
		return last, entries, ErrNothingToUndo
	}
	return last, entries, nil
}

// UndoChange reverts one given change of this account in this tenant,
// whatever came after it — what undoing a bulk import does for each
// photo it changed. Undos of different changes may run concurrently; a
// change undone before is refused (ErrAlreadyUndone).
//
// A change the log does not show as done (its upload got no answer, or
// the log could not record its end) may still have gone through: it is
// undone only if the photo is no longer the one it would have replaced,
// and otherwise refused with ErrNotApplied. Either way the photo there
// now is backed up before anything is sent.
func (c *Changer) UndoChange(ctx context.Context, id string) (Entry, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	entries, err := ReadLog(c.Dir)
	if err != nil {
		return Entry{}, err
	}
	var target *Entry
	for i, e := range entries {
		switch {
		case e.Action == ActionUndo && e.Status == StatusDone && e.Undoes == id:
			return Entry{}, ErrAlreadyUndone
		case e.ID == id:
			target = &entries[i]
		}
	}
	who, err := c.Who(ctx)
	if err != nil {
		return Entry{}, err
	}
	if target == nil || target.Action == ActionUndo || !who.made(*target) {
		return Entry{}, fmt.Errorf("%w: %s", ErrNotUndoable, id)
	}
	if target.Status == StatusDone {
		// Not past a later change that stands, by anyone: an import's undo
		// runs unattended, and nobody would be asked.
		left := stateLeft(entries, *target, nil)
		return c.revert(ctx, *target, nil, false, &left, nil)
	}
	return c.revertIfApplied(ctx, *target)
}

// revertIfApplied undoes e, a change whose end the log does not show, if
// it went through: the photo now is read (and backed up by the undo), and
// if it is still the one e would have replaced, nothing is sent
// (ErrNotApplied).
func (c *Changer) revertIfApplied(ctx context.Context, e Entry) (Entry, error) {
	p, err := e.Target.Person()
	if err != nil {
		return Entry{}, err
	}
	current, err := c.readCurrent(ctx, p)
	switch {
	case graphapi.IsNoMailbox(err):
		// Read as "no photo", it would settle a first photo as not gone
		// through, and send a backed-up one to a user Graph refuses.
		return Entry{}, fmt.Errorf("%w: %w", ErrCannotCheck, err)
	case err != nil:
		return Entry{}, fmt.Errorf("%w: read the current photo: %w", ErrBackupFailed, err)
	}
	if notApplied(e, current) {
		return Entry{}, fmt.Errorf("%w: %s", ErrNotApplied, e.ID)
	}
	return c.revert(ctx, e, current, true, nil, nil)
}

// notApplied reports whether the photo is still the one change e would
// have replaced: none when it had none, the same ETag when it had one. An
// unknown ETag cannot show that, so the change counts as applied and is
// reverted (after a backup).
func notApplied(e Entry, current *graphapi.Photo) bool {
	if e.Backup == "" {
		return current == nil
	}
	return current != nil && e.OldETag != "" && graphapi.SameETag(current.ETag, e.OldETag)
}

// revert puts back what change e replaced; the caller holds mu. current,
// when known, is the photo there now, read by the caller. expect, when
// set, is the photo the log says is there: another is not overwritten
// (ErrChangedSince). passed are the newer changes the undo goes past.
func (c *Changer) revert(ctx context.Context, e Entry, current *graphapi.Photo, known bool, expect *leftState, passed []string) (Entry, error) {
	p, err := e.Target.Person()
	if err != nil {
		return Entry{}, err
	}
	undo := changeSpec{action: ActionUndo, undoes: e.ID, current: current, currentKnown: known, expect: expect, passed: passed}
	if e.Backup == "" {
		return c.applyLocked(ctx, p, undo, func() error {
			return c.Graph.DeletePhoto(ctx, p.Subject)
		})
	}
	data, contentType, err := readBackup(e.Backup)
	if err != nil {
		return Entry{}, fmt.Errorf("undo: %w", err)
	}
	if app.IsPlaceholder(data) {
		// Kept by a version that took Graph's "no photo" image for a
		// photo: the person had none, so undoing removes the photo.
		return c.applyLocked(ctx, p, undo, func() error {
			return c.Graph.DeletePhoto(ctx, p.Subject)
		})
	}
	return c.applyLocked(ctx, p, undo, func() error {
		return c.Graph.SetPhoto(ctx, p.Subject, data, contentType)
	})
}

// readCurrent is p's photo as Graph holds it now, nil for none: Graph's
// answer of no photo (an empty answer is not "nothing to back up") and
// its 1x1 placeholder alike. The answer for a user without a mailbox is
// an error here, not "none": a read shows it as no photo, but whoever
// changes must not take it to mean the photo is gone.
func (c *Changer) readCurrent(ctx context.Context, p app.Person) (*graphapi.Photo, error) {
	ph, err := c.Graph.PhotoBytes(ctx, p.Subject, graphapi.SizeLargest)
	if graphapi.IsAnsweredNoPhoto(err) && !graphapi.IsNoMailbox(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return photoOrNone(ph), nil
}

// photoOrNone is ph, or nil when ph is Graph's 1x1 "no photo" image: a
// person answered with it has no photo, so a change backs nothing up, a
// removal has nothing to remove and undoing a set removes the photo.
func photoOrNone(ph *graphapi.Photo) *graphapi.Photo {
	if ph != nil && app.IsPlaceholder(ph.Bytes) {
		return nil
	}
	return ph
}

// changeSpec is what applyLocked is asked to do.
type changeSpec struct {
	action, undoes string
	needPhoto      bool // refuse when there is no photo (ErrNothingToRemove)
	refuseExisting bool // refuse when there is one (ErrHasPhoto)
	skipNewETag    bool
	current        *graphapi.Photo // read by the caller, when currentKnown
	currentKnown   bool
	begun          func(Entry) // SetOptions.Begun
	// expect, for an undo, is the photo the log says is there: another
	// one is refused (ErrChangedSince).
	expect *leftState
	// passed, for an undo, are the newer changes it went past, which
	// cannot be undone: logged, so later undos do not name them again.
	passed []string
	via    string // SetOptions.Via
}

// applyLocked is the one path of every change: read the current photo,
// back it up, log the change as started, send it, drop the cache, log how
// it ended. The caller holds mu (read or write).
func (c *Changer) applyLocked(ctx context.Context, p app.Person, ch changeSpec, send func() error) (Entry, error) {
	e, err := c.begin(ctx, p, ch)
	if err != nil {
		return Entry{}, err
	}
	if err := notSent(ctx); err != nil {
		return c.end(ctx, p, ch, e, err)
	}
	if ch.begun != nil {
		ch.begun(e)
	}
	return c.end(ctx, p, ch, e, send())
}

// notSent is ErrNotSent once ctx has ended, else nil: a change stopped
// while it was backed up is not sent, so that it ends as not sent rather
// than as a request cut off on its way, which may have gone through.
func notSent(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w (%w)", ErrNotSent, err)
	}
	return nil
}

// backupFolderRefused is the failure to make the backups folder dir, in
// words: the folder and the reason, without the system call's ("mkdir
// /proc/bk: no such file or directory" reached the person as it was).
func backupFolderRefused(dir string, err error) error {
	return fmt.Errorf("%w: cannot create the backups folder %s: %w", ErrBackupFailed, dir, app.PathReason(err))
}

// begin is a change up to the send: read the current photo (unless the
// caller did), refuse what ch refuses, back it up, log it as started.
func (c *Changer) begin(ctx context.Context, p app.Person, ch changeSpec) (Entry, error) {
	if err := notSent(ctx); err != nil {
		return Entry{}, err // nothing backed up for a change that will not go
	}
	_, statErr := os.Stat(c.Dir)
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return Entry{}, backupFolderRefused(c.Dir, err)
	}
	if statErr != nil { // made just now: its name must last too
		if err := app.SyncDir(filepath.Dir(c.Dir)); err != nil {
			return Entry{}, fmt.Errorf("%w: %w", ErrBackupFailed, err)
		}
	}
	current := ch.current
	if !ch.currentKnown {
		var err error
		current, err = c.Graph.PhotoBytes(ctx, p.Subject, graphapi.SizeLargest)
		switch {
		case graphapi.IsNoMailbox(err):
			// Graph's answer for a user without a mailbox: no photo to
			// read here, and none it would change (Explain says so) — not
			// "nothing to remove", nor a photo replaced unread.
			return Entry{}, err
		case graphapi.IsAnsweredNoPhoto(err): // an empty answer is not "nothing to back up"
			current = nil
		case err != nil:
			return Entry{}, fmt.Errorf("%w: read the current photo: %w", ErrBackupFailed, err)
		}
	}
	current = photoOrNone(current)
	if current != nil {
		var err error
		if current, err = c.whole(ctx, p, current); err != nil {
			return Entry{}, err
		}
	}
	switch {
	case ch.needPhoto && current == nil:
		return Entry{}, ErrNothingToRemove
	case ch.refuseExisting && current != nil:
		return Entry{}, ErrHasPhoto
	case ch.expect != nil && ch.expect.differs(current):
		return Entry{}, &ChangedSinceError{Removed: current == nil, Later: ch.expect.later, UndoUnanswered: ch.expect.undoUnanswered}
	}
	who, err := c.Who(ctx)
	if err != nil {
		return Entry{}, err
	}
	now := c.now()
	e := Entry{
		ID: newID(now), Time: now, Status: StatusStarted, Action: ch.action,
		Account: who.Account, Tenant: who.Tenant, By: who.Name, Target: who.target(TargetOf(p)), Undoes: ch.undoes, Passed: ch.passed, Via: ch.via,
	}
	if current != nil {
		e.OldETag = current.ETag
		var err error
		if e.Backup, err = writeBackup(c.Dir, current, e.Target, now); err != nil {
			return Entry{}, fmt.Errorf("%w: %w", ErrBackupFailed, err)
		}
	}
	if err := c.log(e); err != nil {
		return Entry{}, fmt.Errorf("%w: %w", ErrBackupFailed, err)
	}
	// The backup's files and the log's were synced, but not their names
	// in the folder: a power loss after the send could otherwise lose
	// the backup of a photo Graph no longer has.
	if err := app.SyncDir(c.Dir); err != nil {
		return Entry{}, fmt.Errorf("%w: %w", ErrBackupFailed, err)
	}
	return e, nil
}

// end is a change after the send: drop the cache, log how it ended.
func (c *Changer) end(ctx context.Context, p app.Person, ch changeSpec, e Entry, sendErr error) (Entry, error) {
	if c.Cache != nil {
		c.Cache.Invalidate(p)
	}
	e.Time = c.now()
	if sendErr != nil {
		// The log is a file a person reads and undo quotes: Graph's words (or
		// a gateway's, echoing a request) go in as Sanitize leaves them.
		e.Status, e.Error, e.Unanswered = StatusFailed, app.Sanitize(sendErr.Error()), Unanswered(sendErr)
		_ = c.log(e) // the change did not happen; the started line says it was tried
		return e, sendErr
	}
	e.Status = StatusDone
	if !ch.skipNewETag {
		if after, err := c.Graph.PhotoBytes(ctx, p.Subject, graphapi.SizeLargest); err == nil && photoOrNone(after) != nil {
			e.NewETag = after.ETag // not the 1x1 "no photo" image's, after a removal
		}
	}
	if err := c.log(e); err != nil {
		return e, fmt.Errorf("%w: %w", ErrNotLogged, err)
	}
	return e, nil
}

// log appends e to the change log, one line at a time.
func (c *Changer) log(e Entry) error {
	c.logMu.Lock()
	defer c.logMu.Unlock()
	return appendEntry(c.Dir, e)
}

func (c *Changer) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// newID is a change's id: its time, readable, and random bits so two
// changes in one millisecond (a bulk import) differ.
func newID(t time.Time) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return t.UTC().Format("20060102T150405.000") + "-" + hex.EncodeToString(b)
}
