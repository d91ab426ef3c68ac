package change

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
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
	// Account and Tenant are who changes, for the log.
	Account, Tenant string
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	mu sync.Mutex // one change at a time writes the log
}

// Set replaces p's photo with data (an image Graph takes: a prepared
// square JPEG, or a PNG).
func (c *Changer) Set(ctx context.Context, p app.Person, data []byte, contentType string) (Entry, error) {
	return c.apply(ctx, p, ActionSet, "", false, func() error {
		return c.Graph.SetPhoto(ctx, p.Subject, data, contentType)
	})
}

// Remove removes p's photo (users and groups only).
func (c *Changer) Remove(ctx context.Context, p app.Person) (Entry, error) {
	if p.Kind == app.KindContact {
		return Entry{}, ErrContactsCannotBeRemoved
	}
	return c.apply(ctx, p, ActionRemove, "", true, func() error {
		return c.Graph.DeletePhoto(ctx, p.Subject)
	})
}

// Undo reverts the last change in the log that this account made in this
// tenant and that has not been undone: it puts the backed-up photo back,
// or removes the photo a change added to someone who had none. id, when
// not "", is the change the person was shown: if another change has come
// since, nothing is undone (ErrUndoMovedOn). The undo is itself a change,
// backed up and logged.
func (c *Changer) Undo(ctx context.Context, id string) (Entry, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	entries, err := ReadLog(c.Dir)
	if err != nil {
		return Entry{}, err
	}
	last, ok := LastUndoable(entries, c.Account, c.Tenant)
	switch {
	case !ok:
		return Entry{}, ErrNothingToUndo
	case id != "" && last.ID != id:
		return Entry{}, ErrUndoMovedOn
	}
	p, err := last.Target.Person()
	if err != nil {
		return Entry{}, err
	}
	if last.Backup == "" {
		return c.applyLocked(ctx, p, ActionUndo, last.ID, false, func() error {
			return c.Graph.DeletePhoto(ctx, p.Subject)
		})
	}
	data, contentType, err := readBackup(last.Backup)
	if err != nil {
		return Entry{}, fmt.Errorf("undo: %w", err)
	}
	return c.applyLocked(ctx, p, ActionUndo, last.ID, false, func() error {
		return c.Graph.SetPhoto(ctx, p.Subject, data, contentType)
	})
}

// apply is the one path of every change: read the current photo, back it
// up, log the change as started, send it, drop the cache, log how it
// ended. needPhoto refuses the change when there is no photo to change.
func (c *Changer) apply(ctx context.Context, p app.Person, action, undoes string, needPhoto bool, send func() error) (Entry, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.applyLocked(ctx, p, action, undoes, needPhoto, send)
}

func (c *Changer) applyLocked(ctx context.Context, p app.Person, action, undoes string, needPhoto bool, send func() error) (Entry, error) {
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return Entry{}, fmt.Errorf("%w: %w", ErrBackupFailed, err)
	}
	current, err := c.Graph.PhotoBytes(ctx, p.Subject, graphapi.SizeLargest)
	switch {
	case graphapi.IsNoPhoto(err):
		current = nil
	case err != nil:
		return Entry{}, fmt.Errorf("%w: read the current photo: %w", ErrBackupFailed, err)
	}
	if needPhoto && current == nil {
		return Entry{}, ErrNothingToRemove
	}
	now := c.now()
	e := Entry{
		ID: newID(now), Time: now, Status: StatusStarted, Action: action,
		Account: c.Account, Tenant: c.Tenant, Target: TargetOf(p), Undoes: undoes,
	}
	if current != nil {
		e.OldETag = current.ETag
		if e.Backup, err = writeBackup(c.Dir, p, current, e.Target, now); err != nil {
			return Entry{}, fmt.Errorf("%w: %w", ErrBackupFailed, err)
		}
	}
	if err := appendEntry(c.Dir, e); err != nil {
		return Entry{}, fmt.Errorf("%w: %w", ErrBackupFailed, err)
	}

	sendErr := send()
	if c.Cache != nil {
		c.Cache.Invalidate(p)
	}
	e.Time = c.now()
	if sendErr != nil {
		e.Status, e.Error = StatusFailed, sendErr.Error()
		_ = appendEntry(c.Dir, e) // the change did not happen; the started line says it was tried
		return e, sendErr
	}
	e.Status = StatusDone
	if after, err := c.Graph.PhotoBytes(ctx, p.Subject, graphapi.SizeLargest); err == nil {
		e.NewETag = after.ETag
	}
	if err := appendEntry(c.Dir, e); err != nil {
		return e, fmt.Errorf("%w: %w", ErrNotLogged, err)
	}
	return e, nil
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
