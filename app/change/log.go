package change

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/photodesk/photodesk/app"
)

// LogName is the change log's file name in the backups folder.
const LogName = "changes.jsonl"

// Statuses of a change in the log. A change is logged as started before
// it is sent, then as done or failed, so the log tells even of a change
// cut short by a crash.
const (
	StatusStarted = "started"
	StatusDone    = "done"
	StatusFailed  = "failed"
)

// Actions a change log records.
const (
	ActionSet    = "set"
	ActionRemove = "remove"
	ActionUndo   = "undo"
)

// Entry is one line of the change log.
type Entry struct {
	ID      string    `json:"id"` // the change's id; its started and done lines share it
	Time    time.Time `json:"time"`
	Status  string    `json:"status"`
	Action  string    `json:"action"`
	Account string    `json:"account,omitempty"` // who made the change: their object id (Who)
	Tenant  string    `json:"tenant,omitempty"`  // the tenant's id
	By      string    `json:"by,omitempty"`      // who made the change, as people call them
	Target  Target    `json:"target"`
	OldETag string    `json:"oldETag,omitempty"` // of the photo before; "" when there was none
	NewETag string    `json:"newETag,omitempty"` // of the photo after; "" after a removal
	Backup  string    `json:"backup,omitempty"`  // the backup of the photo before; "" when there was none
	Undoes  string    `json:"undoes,omitempty"`  // an undo: the id of the change it reverts
	// Passed, on an undo, are the newer changes it went past because they
	// cannot be undone; the person was told of them, and later undos do
	// not name them again.
	Passed []string `json:"passed,omitempty"`
	// Via names what made the change, when it was part of something
	// larger ("the import of Portraits"), so an undo one at a time says so.
	Via   string `json:"via,omitempty"`
	Error string `json:"error,omitempty"` // why a change failed
	// Unanswered marks a failed change that got no answer of Graph's own
	// (Unanswered): it may have gone through.
	Unanswered bool `json:"unanswered,omitempty"`
}

// appendEntry adds e to the log in dir as one line, synced before it
// returns: the line must be on disk before the change is sent.
func appendEntry(dir string, e Entry) error {
	if err := app.AppendJSONLine(filepath.Join(dir, LogName), e); err != nil {
		return fmt.Errorf("change log: %w", err)
	}
	return nil
}

// ErrLogDamaged is a change log of which no line can be read: the changes
// it held cannot be told, so none can be undone.
var ErrLogDamaged = errors.New("the change log is damaged")

// ReadLog is every change in the log in dir, one Entry a change (its last
// line), oldest first. Lines that cannot be read are skipped: one damaged
// line must not hide the rest. A missing log is an empty one; a log of
// which no line can be read is ErrLogDamaged.
func ReadLog(dir string) ([]Entry, error) {
	lines, err := app.ReadJSONLines(filepath.Join(dir, LogName), func(e Entry) bool { return e.ID != "" })
	if err != nil {
		return nil, logUnreadable(dir, err)
	}
	if len(lines) == 0 {
		// Not one line read from a log that holds some: it is damaged,
		// not empty, and "no change to undo" would hide what it held.
		if fi, err := os.Stat(filepath.Join(dir, LogName)); err == nil && fi.Size() > 0 {
			return nil, fmt.Errorf("%w: %s holds no line that can be read", ErrLogDamaged, filepath.Join(dir, LogName))
		}
	}
	var order []string
	last := map[string]Entry{}
	for _, e := range lines {
		if _, seen := last[e.ID]; !seen {
			order = append(order, e.ID)
		}
		last[e.ID] = e
	}
	out := make([]Entry, len(order))
	for i, id := range order {
		out[i] = last[id]
	}
	return out, nil
}

// Undoable is the change an undo would revert now, with the newer changes
// it passes over because they cannot be undone: the person must hear of
// those before an older change is reverted in their place.
type Undoable struct {
	Entry
	PassedOver []PassedOver
}

// PassedOver is a change newer than the one to undo that cannot be undone,
// and why, in words for the person.
type PassedOver struct {
	Entry
	Why string
}

// LastUndoable is the newest change account made in tenant that went
// through, or may have (mayStand: its end is unknown), has not been
// undone, and can be. A change that cannot — its backup file is gone, or
// it added a contact's first photo (Graph cannot remove it) — is passed
// over and named in PassedOver, rather than blocking every undo behind it
// or being skipped without a word. Undos themselves are skipped, so
// undoing again walks further back. ok is false when there is none.
func LastUndoable(entries []Entry, who Who) (u Undoable, ok bool) {
	undone, told := map[string]bool{}, map[string]bool{}
	for _, e := range entries {
		if e.Action == ActionUndo && e.Status == StatusDone {
			undone[e.Undoes] = true
			if who.made(e) {
				for _, id := range e.Passed {
					told[id] = true
				}
			}
		}
	}
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		if !mayStand(e) || e.Action == ActionUndo || undone[e.ID] || !who.made(e) {
			continue
		}
		if why := e.WhyNotUndoable(); why != "" {
			if !told[e.ID] { // an earlier undo went past it, having said so
				u.PassedOver = append(u.PassedOver, PassedOver{Entry: e, Why: why})
			}
			continue
		}
		u.Entry = e
		return u, true
	}
	return Undoable{PassedOver: u.PassedOver}, false
}

// WhyNotUndoable says why change e cannot be undone, or "" when it can:
// what set tells the person at once, rather than a later undo.
func (e Entry) WhyNotUndoable() string {
	if e.Backup == "" && e.Target.Kind == "contact" {
		return "it gave a contact their first photo, and Microsoft Graph cannot remove a contact's photo"
	}
	if e.Backup != "" {
		if _, err := os.Stat(e.Backup); err != nil {
			return "its backup " + e.Backup + " is gone"
		}
	}
	return ""
}

// mayStand reports whether change e went through or may have: done, or
// started with no end logged (a crash mid-send), or failed with no
// answer of Graph's own.
func mayStand(e Entry) bool {
	return e.Status == StatusDone || e.Status == StatusStarted || (e.Status == StatusFailed && e.Unanswered)
}

// Describe words change e for a person, naming its subject as set and
// remove do: "the new photo of Ann Lee (ann@contoso.com) (set 2026-12-06
// 14:05:09)", or "the removal of the photo of Sales (group 59ee…)
// (removed …)". The seconds tell apart two changes of one person made in a
// minute, as undoing both asks about each in turn.
func (e Entry) Describe() string {
	what, done := "the new photo of ", "set "
	if e.Action == ActionRemove {
		what, done = "the removal of the photo of ", "removed "
	}
	when := done + e.Time.Local().Format("2006-01-02 15:04:05")
	if e.Via != "" {
		when += ", by " + e.Via
	}
	return what + e.Target.String() + " (" + when + ")"
}

// logUnreadable words the failure to read the log in dir: a backups
// folder that is a file is named as such, and a system call's failure
// keeps its reason without its own words ("open …/changes.jsonl: not a
// directory" reached the person as it was).
func logUnreadable(dir string, err error) error {
	if fi, serr := os.Stat(dir); serr == nil && !fi.IsDir() {
		return fmt.Errorf("cannot read the change log: the backups folder %s is a file, not a folder", dir)
	}
	return fmt.Errorf("cannot read the change log in %s: %w", dir, app.PathReason(err))
}
