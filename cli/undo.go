package cli

import (
	"context"
	"errors"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
)

const undoUsage = `usage: photodesk undo [--backup DIR]

Undo the last change in the change log that has not been undone: put the
backed-up photo back, or remove a photo that was added to someone who had
none. The photo as it is now is backed up first. Run it again to go
further back.

Flags:
  --backup DIR  backups and change log (default: Photo Desk's backups folder)

` + connUsage + `
Exit codes: 0 done, 1 error (nothing changed; also when there is nothing
to undo), 2 usage error.
`

func runUndo(ctx context.Context, e *env, args []string) int {
	var f changeFlags
	fs := newFlags("undo")
	f.register(fs, false, false)
	if code, done := parseFlags(fs, e, args, undoUsage); done {
		return code
	}
	// Which permission the undo needs depends on the change undone (a
	// contact's is not a user's), and which change is last on the account
	// signed in: asked for once the session is open.
	c, sess, err := f.changer(ctx, e, "")
	if err != nil {
		return fail(e, "undo", err)
	}
	defer sess.close()
	last, err := c.LastUndoable(ctx)
	if err != nil {
		return fail(e, "undo", err)
	}
	p, err := last.Target.Person()
	if err != nil {
		return fail(e, "undo", err)
	}
	if err := sess.ensureWrite(ctx, change.WritePermission(p)); err != nil {
		return fail(e, "undo", err)
	}
	entry, err := c.Undo(ctx, last.ID)
	noteBackup(e, "undo", entry)
	if errors.Is(err, change.ErrNotLogged) {
		note(e.stderr, "undo", "%s", change.Explain(err, p))
	} else if err != nil {
		return changeFail(e, "undo", p, err)
	}
	note(e.stderr, "undo", "undid the %s of %s's photo made %s", last.Action, last.Target, last.Time.Local().Format("2 Jan 15:04"))
	return ExitOK
}

// isNothingToRemove reports a removal that found no photo.
func isNothingToRemove(err error) bool { return errors.Is(err, change.ErrNothingToRemove) }

// describe names p for questions and notes.
func describe(p app.Person) string { return change.TargetOf(p).String() }
