package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
)

const removeUsage = `usage: photodesk remove TARGET [--backup DIR] --yes

Remove a profile photo (users and groups; Graph cannot remove a contact's
photo). The current photo is saved to the backups folder first; without a
backup nothing is changed. photodesk undo puts it back.

` + changeTargetUsage + `

Flags:
  --yes         remove without asking (needed when there is no terminal)
  --backup DIR  backups and change log (default: Photo Desk's backups folder;
                with --sandbox, that sandbox's own folder under it, sandbox/RUN)

` + connUsage + `
Exit codes: 0 done, 1 error or the question answered other than yes
(nothing changed, unless it says no answer came: then the change may have
gone through), 2 usage error (or no --yes and no terminal to ask on), 3
there was no photo to remove.
`

func runRemove(ctx context.Context, e *env, args []string) int {
	var f changeFlags
	var yes bool
	fs := newFlags("remove")
	// The contact flags are taken only to say why they cannot be used.
	f.register(fs, true, true)
	fs.BoolVar(&yes, "yes", false, "")
	if code, done := parseFlags(fs, e, args, removeUsage); done {
		return code
	}
	p, err := f.target(flagSet(fs))
	if err != nil {
		return usageFail(e, "remove", err)
	}
	if p.Kind == app.KindContact {
		return usageFail(e, "remove", usagef("%s; photodesk set --contact puts another picture there", change.ErrContactsCannotBeRemoved))
	}
	var answers io.Reader
	if !yes {
		// No terminal is a usage error found before any request.
		if answers, err = terminal(e); err != nil {
			return usageFail(e, "remove", err)
		}
	}
	c, sess, err := f.changer(ctx, e, change.WritePermission(p))
	if err != nil {
		return fail(e, "remove", err)
	}
	defer sess.close()
	if !yes && p.Kind == app.KindGroup {
		// The question names the group as the change will, not by a
		// GUID nobody recognises; a group that cannot be read is not
		// asked about at all, since "yes" would be to an id.
		if p, err = sess.namedGroup(ctx, p); err != nil {
			return failWith(e, "remove", err, "could not read group "+p.ID+" to name it in the question; nothing removed. "+
				app.Sentence(explain(e, err))+" Pass --yes to remove without asking.")
		}
	} else {
		p = sess.named(ctx, e, "remove", p)
	}
	if !yes {
		if !ask(e, answers, "Remove the photo of "+describe(p)+"? A backup is saved first. [y/N] ") {
			// A refusal, not "done": 0 let "photodesk remove … && …" carry
			// on as if the photo were gone. 1 is what any other change
			// that did not happen gives; 2 stays for a mistake on the
			// command line.
			note(e.stderr, "remove", "nothing removed: the answer was not yes")
			return ExitFailure
		}
	}
	entry, err := c.Remove(ctx, p)
	noteBackup(e, "remove", entry, err)
	if err != nil {
		if isNothingToRemove(err) {
			note(e.stderr, "remove", "%s has no photo; nothing removed", describe(p))
			return ExitNoPhoto
		}
		if !errors.Is(err, change.ErrNotLogged) {
			return changeFail(e, "remove", p, entry, sess.groupInstead(ctx, p, err))
		}
		note(e.stderr, "remove", "%s", explainChange(e, err, p))
	}
	if sess.sandboxRun != "" {
		// The sandbox goes with the command: no undo can follow.
		note(e.stderr, "remove", "removed the photo of %s", entry.Target.String())
		return ExitOK
	}
	note(e.stderr, "remove", "removed the photo of %s; photodesk undo puts it back", entry.Target.String())
	return ExitOK
}

// terminal is where the question's answer is read: stdin when it and
// stderr are a terminal. Without one it is a usage error, since a script
// must say --yes.
func terminal(e *env) (io.Reader, error) {
	if e.terminal != nil {
		return e.terminal, nil
	}
	f, ok := e.stdin.(*os.File)
	if !ok || !isTerminal(f) || !isTerminal(e.stderr) {
		return nil, usagef("no terminal to ask on: pass --yes to remove without asking")
	}
	return f, nil
}

// ask puts question on stderr and reads the answer from in: yes or y.
func ask(e *env, in io.Reader, question string) bool {
	fmt.Fprint(e.stderr, question)
	answer, _ := bufio.NewReader(in).ReadString('\n')
	answer = strings.ToLower(strings.TrimSpace(answer))
	return answer == "y" || answer == "yes"
}
