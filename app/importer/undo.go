package importer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/graphapi"
)

// UndoSummary counts what undoing an import did.
type UndoSummary struct {
	Restored int // replaced photos put back from their backups
	Removed  int // photos the import added, removed again
	// Unsent counts uploads that got no answer and, as the photo shows,
	// did not go through: nothing to undo.
	Unsent int
	// Foreign counts the standing changes another account or tenant
	// journalled (ForeignCount): left alone, for that account to undo.
	Foreign int
	// AlreadyUndone counts changes undone another way since (Undo last
	// change, photodesk undo): nothing was sent for them.
	AlreadyUndone int
	Failed        []UndoFailure
	// Left counts the changes not tried because the undo was stopped
	// (UndoOptions.Stop, or ctx): undoing again does them.
	Left int
}

// UndoOptions refine an UndoImport.
type UndoOptions struct {
	// Progress, when set, hears each change undone (or not).
	Progress func(done, total int)
	// Stop, when closed, lets the undos on their way finish and starts no
	// more (Ctrl+C): ending ctx instead cuts them off mid-send, which
	// leaves them to be looked at again.
	Stop <-chan struct{}
}

// UndoFailure is a file whose change could not be undone.
type UndoFailure struct {
	File, UPN string
	// Err is why, in a person's words: Graph's refusals explained as
	// Change photo… and Undo last change explain them (change.Explain).
	Err string
}

// ErrNotInChangeLog: none of the import's changes is in the change log
// of the backups folder the undo was given, so none can be undone there
// (the import used another folder). Nothing was changed.
var ErrNotInChangeLog = errors.New("the change log holds none of the import's changes")

// NotInChangeLogError is ErrNotInChangeLog with the folder looked in and,
// when the journal tells, the folder the import backed up to.
type NotInChangeLogError struct {
	Dir     string // the backups folder the undo was given
	Guessed string // where the import's backups are, "" when no backup tells
}

func (e *NotInChangeLogError) Error() string {
	return ErrNotInChangeLog.Error() + " in " + e.Dir
}

// Is makes errors.Is(err, ErrNotInChangeLog) hold.
func (e *NotInChangeLogError) Is(target error) bool { return target == ErrNotInChangeLog }

// errLaterFailed is the error of a person's older change left alone
// because a newer one could not be undone: undoing it out of order would
// restore a photo the newer undo then overwrites.
var errLaterFailed = errors.New("not tried: a later change of this person could not be undone")

// UndoImport reverts every change the journal shows as sent and not
// undone yet: a replaced photo is put back from its backup, a photo added
// to someone who had none is removed. A person changed more than once
// has their changes undone newest first, one after another, so the
// oldest backup — their own photo — is the one left. An upload that got
// no answer is undone only if it went through (change.UndoChange looks).
// Each undo is itself a change through c (backed up and logged) and is
// written to the journal, so running it again only retries what failed.
// Up to four people are undone at once; Graph's limiter does the rest.
// Changes another account or tenant made are left alone (Foreign).
func UndoImport(ctx context.Context, c *change.Changer, j *Journal, o UndoOptions) (*UndoSummary, error) {
	lines, err := ReadJournal(j.Path())
	if err != nil {
		return nil, err
	}
	owner, err := OwnerOf(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("undo the import: %w", err)
	}
	people := toUndo(lines, owner)
	total := 0
	var todo [][]JournalLine
	for _, changes := range people {
		total += len(changes)
		todo = append(todo, changes)
	}
	if err := inChangeLog(c.Dir, people); err != nil {
		return nil, err
	}
	u := &undoer{c: c, j: j, sum: &UndoSummary{Foreign: ForeignCount(lines, owner)}, total: total, progress: o.Progress, stop: o.Stop}
	next := make(chan []JournalLine)
	var wg sync.WaitGroup
	for range min(4, len(todo)) {
		wg.Go(func() {
			for changes := range next {
				u.person(ctx, changes)
			}
		})
	}
feed:
	for _, changes := range todo {
		if u.stopped(ctx) {
			break
		}
		select {
		case next <- changes:
		case <-o.Stop:
			break feed
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	u.sum.Left = total - u.done
	return u.sum, ctx.Err()
}

// inChangeLog refuses, before anything is sent, an undo whose backups
// folder logged none of the changes to undo: each would fail alone with
// "cannot be undone", which hides that the folder is the wrong one.
func inChangeLog(dir string, people map[string][]JournalLine) error {
	if len(people) == 0 {
		return nil
	}
	entries, err := change.ReadLog(dir)
	if err != nil {
		return err
	}
	logged := map[string]bool{}
	for _, e := range entries {
		logged[e.ID] = true
	}
	guessed := ""
	for _, changes := range people {
		for _, l := range changes {
			if logged[l.Change] {
				return nil
			}
			if l.Backup != "" {
				guessed = filepath.Dir(l.Backup)
			}
		}
	}
	return &NotInChangeLogError{Dir: dir, Guessed: guessed}
}

// undoer is one UndoImport's shared state.
type undoer struct {
	c        *change.Changer
	j        *Journal
	mu       sync.Mutex
	sum      *UndoSummary
	done     int
	total    int
	progress func(done, total int)
	stop     <-chan struct{}
}

// stopped reports a stop asked for (UndoOptions.Stop) or ctx ended.
func (u *undoer) stopped(ctx context.Context) bool {
	if ctx.Err() != nil {
		return true
	}
	select {
	case <-u.stop:
		return true
	default:
		return false
	}
}

// person undoes one person's changes (oldest first in changes) newest
// first; after a failure the older ones are left for the next undo.
func (u *undoer) person(ctx context.Context, changes []JournalLine) {
	var failed error
	var newer *JournalLine // the change after l, undone just before it
	for _, l := range slices.Backward(changes) {
		if failed == nil && u.stopped(ctx) {
			return
		}
		unsent, already, err := false, false, failed
		switch {
		case err != nil:
		case l.State != JournalUploaded && l.State != JournalReplaced && newer != nil && foundAsBefore(l, *newer):
			// The next change found the photo as this lost upload left it
			// before it was sent: it never landed. Nothing to send.
			unsent, err = true, u.mark(l)
		default:
			unsent, already, err = u.one(ctx, l)
		}
		newer = &l
		if err != nil && failed == nil {
			failed = errLaterFailed
		}
		u.mu.Lock()
		switch {
		case err != nil:
			u.sum.Failed = append(u.sum.Failed, UndoFailure{File: l.File, UPN: l.UPN, Err: app.Sanitize(change.Explain(err, l.person()))})
		case unsent:
			u.sum.Unsent++
		case already:
			u.sum.AlreadyUndone++
		case l.Backup != "":
			u.sum.Restored++
		default:
			u.sum.Removed++
		}
		u.done++
		if u.progress != nil {
			u.progress(u.done, u.total)
		}
		u.mu.Unlock()
	}
}

// one undoes one change and journals it; unsent means it had not gone
// through and already that it was undone another way, so nothing was
// sent.
func (u *undoer) one(ctx context.Context, l JournalLine) (unsent, already bool, err error) {
	_, err = u.c.UndoChange(ctx, l.Change)
	switch {
	case errors.Is(err, change.ErrAlreadyUndone):
		already, err = true, nil // undone another way (Undo last change): the journal catches up
	case errors.Is(err, change.ErrNotApplied):
		unsent, err = true, nil
	}
	if err != nil {
		return false, false, err
	}
	return unsent, already, u.mark(l)
}

// foundAsBefore reports whether change newer found the photo just as it
// was before change l: no photo both times, or the same ETag.
func foundAsBefore(l, newer JournalLine) bool {
	if l.Backup == "" {
		return newer.Backup == ""
	}
	return l.Before != "" && graphapi.SameETag(l.Before, newer.Before)
}

// person is whose photo l changed, as the change path names them.
func (l JournalLine) person() app.Person {
	return User{ID: l.User, UPN: l.UPN}.Person()
}

// mark journals l as undone, so a later undo leaves it be.
func (u *undoer) mark(l JournalLine) error {
	l.Time, l.State, l.Error, l.Unanswered = time.Now(), JournalUndone, "", false
	return u.j.Append(l)
}
