package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
)

const undoUsage = `usage: photodesk undo [--backup DIR] [--skip-newer] [--overwrite]

Undo the last change in the change log that has not been undone: put the
backed-up photo back, or remove a photo that was added to someone who had
none. The photo as it is now is backed up first. Run it again to go
further back.

A newer change that cannot be undone (a contact's first photo, which
Microsoft Graph cannot remove, or one whose backup file is gone) is named,
and nothing is undone unless --skip-newer says to undo the one before it.
A photo changed again since the change (outside Photo Desk, or by someone
else) is not overwritten unless --overwrite says so.

With --sandbox there is nothing to undo: each --sandbox command runs a
fresh sandbox tenant of its own, gone when it ends (photodesk sandbox
--write serves one that lasts, for set, remove and undo with --graph-url).

Flags:
  --backup DIR   backups and change log (default: Photo Desk's backups folder)
  --skip-newer   undo the last change that can be undone, past newer ones that cannot
  --overwrite    undo even when the photo was changed again since

` + connUsage + `
Exit codes: 0 done, 1 error (nothing changed, unless it says no answer came:
then the undo may have gone through; also when there is nothing to undo),
2 usage error.
`

func runUndo(ctx context.Context, e *env, args []string) int {
	var f changeFlags
	var skipNewer, overwrite bool
	fs := newFlags("undo")
	f.register(fs, false, false)
	fs.BoolVar(&skipNewer, "skip-newer", false, "")
	fs.BoolVar(&overwrite, "overwrite", false, "")
	if code, done := parseFlags(fs, e, args, undoUsage); done {
		return code
	}
	if f.conn.sandbox {
		return nothingOfAnEarlierSandbox(e, "undo", true)
	}
	// Which permission the undo needs depends on the change undone (a
	// contact's is not a user's), and which change is last on the account
	// signed in: asked for once the session is open.
	c, sess, err := f.changer(ctx, e, "")
	if err != nil {
		return fail(e, "undo", err)
	}
	defer sess.close()
	if sess.sandboxRun != "" {
		return nothingOfAnEarlierSandbox(e, "undo", false)
	}
	last, err := c.LastUndoable(ctx)
	for _, po := range last.PassedOver {
		note(e.stderr, "undo", "%s cannot be undone: %s", po.Describe(), po.Why)
	}
	switch {
	case errors.Is(err, change.ErrNothingToUndo):
		// Said as undo's other lines are ("nothing to undo: …", "undid
		// …"), not capitalised as a dialog's sentence.
		return failWith(e, "undo", err, err.Error())
	case err != nil:
		return fail(e, "undo", err)
	case len(last.PassedOver) > 0 && !skipNewer:
		return failWith(e, "undo", errNewerNotUndoable, fmt.Sprintf(
			"Nothing was undone. To undo the change before %s, %s, run photodesk undo --skip-newer.",
			pick(len(last.PassedOver), "it", "them"), last.Describe()))
	}
	p, err := last.Target.Person()
	if err != nil {
		return fail(e, "undo", err)
	}
	if err := sess.ensureWrite(ctx, change.WritePermission(p)); err != nil {
		return fail(e, "undo", err)
	}
	entry, err := c.UndoWith(ctx, last.ID, change.UndoOptions{Overwrite: overwrite})
	noteBackup(e, "undo", entry, err)
	switch {
	case errors.Is(err, change.ErrChangedSince):
		then := " (the photo there now is backed up first)."
		if cs := (*change.ChangedSinceError)(nil); errors.As(err, &cs) && cs.Removed {
			then = "."
		}
		return failWith(e, "undo", err, app.Sentence(err.Error())+
			" To undo "+last.Describe()+" all the same, run photodesk undo --overwrite"+then)
	case errors.Is(err, change.ErrNotLogged):
		note(e.stderr, "undo", "%s", explainChange(e, err, p))
	case err != nil:
		return changeFail(e, "undo", p, entry, err)
	}
	note(e.stderr, "undo", "undid %s", last.Describe())
	return ExitOK
}

// errNewerNotUndoable: the last change that can be undone is not the last
// change, and undo was not told to pass the newer ones over.
var errNewerNotUndoable = errors.New("newer changes cannot be undone")

// isNothingToRemove reports a removal that found no photo.
func isNothingToRemove(err error) bool { return errors.Is(err, change.ErrNothingToRemove) }

// describe names p for questions and notes, as the change log's entries
// name their subject (change.Target.String).
func describe(p app.Person) string { return change.TargetOf(p).String() }
