package cli

import (
	"context"
	"errors"
	"flag"
	"path/filepath"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/graphapi"
)

// changeTargetUsage documents the TARGET flags of set and remove.
const changeTargetUsage = `TARGET (one of):
  --me                     the signed-in user
  --user ID_OR_UPN         a user by object id or userPrincipalName (a mail
                           address that is no one's UPN, such as a guest's
                           own, finds its user by mail, as get does)
  --group ID               a Microsoft 365 group by object id (a GUID)`

// changeFlags are the flags set, remove and undo share: whose photo, where
// backups go, and the connection.
type changeFlags struct {
	me                           bool
	user, group, contact, ofUser string
	folder, backup               string
	conn                         connFlags
	// contactTarget: --contact is one of the command's targets (set),
	// not only a flag registered to refuse it in words (remove).
	contactTarget bool
}

func (f *changeFlags) register(fs *flag.FlagSet, withTarget, withContacts bool) {
	if withTarget {
		fs.BoolVar(&f.me, "me", false, "")
		fs.StringVar(&f.user, "user", "", "")
		fs.StringVar(&f.group, "group", "", "")
	}
	if withContacts {
		fs.StringVar(&f.contact, "contact", "", "")
		fs.StringVar(&f.ofUser, "of-user", "", "")
		fs.StringVar(&f.folder, "folder", "", "")
	}
	fs.StringVar(&f.backup, "backup", "", "")
	f.conn.register(fs)
}

// target is whose photo the flags name, or a usage error.
func (f *changeFlags) target(set map[string]bool) (app.Person, error) {
	if f.contactTarget {
		if err := noTarget(set, "me", "user", "group", "contact"); err != nil {
			return app.Person{}, err
		}
	}
	if set["contact"] {
		if set["me"] || set["user"] || set["group"] {
			return app.Person{}, usagef("--contact goes with --of-user and --folder only")
		}
		if f.contact == "" {
			return app.Person{}, usagef("--contact needs an id")
		}
		subj := graphapi.Contact(f.contact).InFolder(f.folder).OfUser(f.ofUser)
		return app.Person{Subject: subj, Kind: app.KindContact, ID: f.contact}, nil
	}
	if set["folder"] || set["of-user"] {
		return app.Person{}, usagef("--folder and --of-user need --contact")
	}
	if err := exactlyOne(set, "me", "user", "group"); err != nil {
		return app.Person{}, err
	}
	switch {
	case f.me:
		return app.Person{Subject: graphapi.Me(), Kind: app.KindUser}, nil // named "the signed-in user" until known
	case set["group"]:
		return groupTarget(f.group)
	}
	if f.user == "" {
		return app.Person{}, usagef("--user needs an id or UPN")
	}
	p := app.Person{Subject: graphapi.User(f.user), Kind: app.KindUser, ID: f.user}
	if strings.Contains(f.user, "@") {
		p.UPN = f.user
	}
	return p, nil
}

// named is p as the change names it, from one lookup of the person: a
// --user address that is no one's UPN is the user whose mail it is (as
// get finds them; byMailInstead, said on stderr), and a user named by UPN
// carries their object id, which the change log keeps them by (and the
// window's disk cache too). The signed-in user is looked up only when the
// session's changes clear the window's disk cache: the change log takes
// their id from the token. A group named by --group ID costs one extra
// request (GET /groups/{id}, a few hundred bytes), since nothing the change
// asks Graph for carries its name, so the messages and the change log name
// it by display name rather than by a GUID nobody recognises. A failed
// lookup keeps p as given (a group then stays "group ID"): the change then
// says what Graph thinks of it.
func (s *session) named(ctx context.Context, e *env, cmd string, p app.Person) app.Person {
	if p.Kind == app.KindGroup {
		if named, err := s.namedGroup(ctx, p); err == nil {
			return named
		}
		return p
	}
	if p.Kind != app.KindUser {
		return p
	}
	var found *app.Person
	var err error
	switch {
	case p.Subject.Kind() == graphapi.KindMe && s.windowCache:
		found, err = s.engine.Me(ctx)
	case p.UPN != "" && p.ID == p.UPN:
		found, err = s.engine.Lookup(ctx, p.UPN)
		if byMail, ok := byMailInstead(ctx, s.engine, p, err); ok {
			note(e.stderr, cmd, "%s is no one's UPN; it is the mail of %s (%s)", p.UPN, byMail.UPN, byMail.DisplayName)
			return byMail
		}
	default:
		return p
	}
	if err != nil || found == nil || found.ID == "" {
		return p
	}
	p.ID = found.ID
	if p.DisplayName == "" || p.DisplayName == "me" {
		p.DisplayName = found.DisplayName
	}
	return p
}

// namedGroup is the group p with its display name and mail, from one
// GET /groups/{id}; p as given and the error when Graph would not say.
func (s *session) namedGroup(ctx context.Context, p app.Person) (app.Person, error) {
	g, err := s.engine.LookupGroup(ctx, p.ID)
	if err != nil {
		return p, err
	}
	if g.DisplayName != "" {
		p.DisplayName, p.Mail = g.DisplayName, g.Mail
	}
	return p, nil
}

// backupDir is the backups folder the flags name: absolute, so the log
// names backups that undo finds from any folder. A --sandbox command keeps
// its changes in its own run's folder under it (changer).
func (f *changeFlags) backupDir() (string, error) {
	if f.backup != "" {
		return filepath.Abs(f.backup)
	}
	return change.DefaultDir(), nil
}

// changer opens the connection, asking for perm (the write permission
// the change needs, change.WritePermission), and makes the change path on
// it. A sandbox started for this command keeps its changes apart, in its
// run's own folder (change.SandboxDir), as the window's sandbox does: the
// tenant is gone when the command ends, and the next --sandbox command's
// starts afresh, so neither the backups folder's change log nor a folder
// shared by every --sandbox command may hold them.
func (f *changeFlags) changer(ctx context.Context, e *env, perm string) (*change.Changer, *session, error) {
	dir, err := f.backupDir()
	if err != nil {
		return nil, nil, err
	}
	f.conn.writePerm = perm
	sess, err := f.conn.open(ctx, e)
	if err != nil {
		return nil, nil, err
	}
	if sess.sandboxRun != "" {
		dir = change.SandboxDir(dir, sess.sandboxRun)
	}
	c := sess.client()
	return &change.Changer{Graph: c, Cache: sess.engine, Dir: dir, Identify: change.IdentifyBy(c)}, sess, nil
}

// nothingOfAnEarlierSandbox refuses an undo on a sandbox started for this
// command (byFlag: by --sandbox; else because the window is set to the
// sandbox): it started from its seed, so no change an earlier command made
// is in it (that command's sandbox is gone), and undoing one here would
// act on a photo it never changed.
func nothingOfAnEarlierSandbox(e *env, cmd string, byFlag bool) int {
	runs := "each --sandbox command runs"
	if !byFlag {
		runs = "the window is set to the sandbox tenant, and each command on it runs"
	}
	note(e.stderr, cmd, "nothing to undo: %s a fresh sandbox tenant of its own, "+
		"started from its seed and gone when the command ends, so no earlier command's change is there to undo "+
		"(photodesk sandbox --write serves one that lasts: see photodesk sandbox -h)", runs)
	return ExitFailure
}

// noteBackup prints where the photo a change replaced was saved: when the
// change was made, or may have been (no answer came). One Graph refused
// replaced nothing, so its backup is no news (it stays in the folder, as
// the log's failed line says).
func noteBackup(e *env, cmd string, entry change.Entry, err error) {
	if entry.Backup != "" && (err == nil || change.Unanswered(err)) {
		note(e.stderr, cmd, "backup: %s", entry.Backup)
	}
}

// changeFail prints a failed change in a person's words, with the facts
// fail adds for scripts and support. entry is the change as it ended: one
// that was sent and got no answer of Graph's own (stopped with Ctrl+C, a
// connection cut, a gateway's 504) may have gone through, and "stopped" or
// "cannot reach Graph" alone reads as "nothing changed" — the person would
// walk away from a photo that was replaced.
func changeFail(e *env, cmd string, p app.Person, entry change.Entry, err error) int {
	if advice, ok := groupAdvice(err); ok {
		return failWith(e, cmd, err, "Nothing was changed: "+advice)
	}
	friendly := explainChange(e, err, p)
	if entry.Status == change.StatusFailed && entry.Unanswered {
		lead := app.Sentence(friendly) + " No answer came for the change"
		if errors.Is(err, context.Canceled) {
			lead = e.stopped() + " with the change on its way"
		}
		then := "photodesk undo looks first, and puts the photo from before back if it did."
		if cmd == "undo" {
			// Undo again does not look the same way: it finds the photo
			// not the one the change left, and names this undo.
			then = "photodesk undo again undoes the change if it did not, and says so if it did."
		}
		friendly = lead + ", which may have gone through all the same: look with photodesk get before trying again; " + then
	}
	return failWith(e, cmd, err, friendly)
}
