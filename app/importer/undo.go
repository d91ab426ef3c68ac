package importer

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/photodesk/photodesk/app/change"
)

// UndoSummary counts what undoing an import did.
type UndoSummary struct {
	Restored int // replaced photos put back from their backups
	Removed  int // photos the import added, removed again
	Failed   []UndoFailure
}

// UndoFailure is a file whose change could not be undone.
type UndoFailure struct {
	File, UPN, Err string
}

// UndoImport reverts every change the journal shows as sent and not
// undone yet: a replaced photo is put back from its backup, a photo added
// to someone who had none is removed. Each undo is itself a change through
// c (backed up and logged) and is written to the journal, so running it
// again only retries what failed. Up to four run at once; Graph's limiter
// does the rest.
func UndoImport(ctx context.Context, c *change.Changer, j *Journal, progress func(done, total int)) (*UndoSummary, error) {
	lines, err := ReadJournal(j.Path())
	if err != nil {
		return nil, err
	}
	var todo []JournalLine
	for _, l := range sent(lines) {
		todo = append(todo, l)
	}
	sum := &UndoSummary{}
	var mu sync.Mutex
	done := 0
	next := make(chan JournalLine)
	var wg sync.WaitGroup
	for range min(4, len(todo)) {
		wg.Go(func() {
			for l := range next {
				_, err := c.UndoChange(ctx, l.Change)
				if errors.Is(err, change.ErrAlreadyUndone) {
					err = nil // undone another way (Undo last change): the journal catches up
				}
				if err == nil {
					l.Time, l.State, l.Error = time.Now(), JournalUndone, ""
					err = j.Append(l)
				}
				mu.Lock()
				switch {
				case err != nil:
					sum.Failed = append(sum.Failed, UndoFailure{File: l.File, UPN: l.UPN, Err: err.Error()})
				case l.Backup != "":
					sum.Restored++
				default:
					sum.Removed++
				}
				done++
				if progress != nil {
					progress(done, len(todo))
				}
				mu.Unlock()
			}
		})
	}
	for _, l := range todo {
		if ctx.Err() != nil {
			break
		}
		next <- l
	}
	close(next)
	wg.Wait()
	return sum, ctx.Err()
}
