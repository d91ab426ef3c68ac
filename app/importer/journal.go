package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/filelock"
)

// Journal states of a file.
const (
	JournalStarted  = "started"  // about to be backed up and sent
	JournalSending  = "sending"  // backed up, its change id known, being sent: alone at the end, it may have landed
	JournalUploaded = "uploaded" // sent; the person had no photo
	JournalReplaced = "replaced" // sent; the photo it replaced is backed up
	JournalFailed   = "failed"
	JournalUndone   = "undone" // an undo of the import reverted it
)

// JournalLine is one line of an import's journal: what happened to one
// file, so Resume knows what went already and Undo what to revert.
type JournalLine struct {
	Time   time.Time `json:"time"`
	File   string    `json:"file"`   // base name in the folder
	SHA256 string    `json:"sha256"` // of the file's bytes: a changed file is sent again
	User   string    `json:"user"`   // the person's object id
	UPN    string    `json:"upn,omitempty"`
	State  string    `json:"state"`
	Change string    `json:"change,omitempty"` // the change log entry's id
	Backup string    `json:"backup,omitempty"`
	// Before is the ETag of the photo the change replaced ("" for none or
	// unknown): undo compares it to tell a lost upload that never landed.
	Before string `json:"before,omitempty"`
	Error  string `json:"error,omitempty"`
	// Account and Tenant are who sent it: a journal sits next to its
	// report whoever runs the import, so resume and undo look only at
	// their own account's lines in their own tenant.
	Account string `json:"account,omitempty"`
	Tenant  string `json:"tenant,omitempty"`
	Run     string `json:"run,omitempty"` // the run that wrote it
	// Unanswered marks a failed upload that got no answer (a timeout, a
	// lost connection): Graph may have taken it, so undo checks it.
	Unanswered bool `json:"unanswered,omitempty"`
}

// JournalPath is where the journal of the import reported at report
// lives: next to it, named after it.
func JournalPath(report string) string {
	return strings.TrimSuffix(report, ".csv") + ".journal.jsonl"
}

// Journal appends lines to an import's journal, each synced before the
// next file is sent. It is safe for concurrent use. While it is open it
// holds the operating system's lock on the file, so a second import (or
// undo) of the same report — from the window and the command line, say —
// is refused instead of interleaving its lines; Close lets go.
type Journal struct {
	mu   sync.Mutex
	path string
	hold *filelock.File
}

// ErrJournalInUse is wrapped by OpenJournal's error when another import
// or undo has the journal open.
var ErrJournalInUse = errors.New("this import is running in another window or command")

// OpenJournal starts or continues the journal at path and holds it until
// Close.
func OpenJournal(path string) (*Journal, error) {
	_, statErr := os.Stat(path)
	hold, err := filelock.Open(path, 0o600)
	switch {
	case errors.Is(err, filelock.ErrHeld):
		return nil, fmt.Errorf("journal %s: %w", path, ErrJournalInUse)
	case err != nil:
		return nil, fmt.Errorf("journal: %w", err)
	}
	if statErr != nil { // made just now: its name must outlast a power loss, as its lines do
		if err := app.SyncDir(filepath.Dir(path)); err != nil {
			hold.Release(false)
			return nil, fmt.Errorf("journal: %w", err)
		}
	}
	return &Journal{path: path, hold: hold}, nil
}

// Close lets go of the journal. Safe on nil and more than once.
func (j *Journal) Close() {
	if j == nil {
		return
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	j.hold.Release(false)
}

// Path is the journal's file.
func (j *Journal) Path() string { return j.path }

// errJournalClosed is Append's error after Close.
var errJournalClosed = errors.New("journal: closed")

// Append writes one line and syncs it, through the file the journal holds
// (the one under the lock), at its end: the lock opens it to read and
// write, not to append, and no other writer moves the end meanwhile.
func (j *Journal) Append(l JournalLine) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.hold == nil || j.hold.File == nil {
		return errJournalClosed
	}
	if _, err := j.hold.Seek(0, io.SeekEnd); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if err := app.WriteJSONLine(j.hold.File, l); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

// ReadJournal is every line of the journal at path, oldest first; damaged
// lines (a crash mid-write) are skipped. A missing journal is empty.
func ReadJournal(path string) ([]JournalLine, error) {
	lines, err := app.ReadJSONLines(path, func(l JournalLine) bool { return l.File != "" && l.State != "" })
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	return lines, nil
}

// Owner is an account in a tenant: whose journal lines a run, resume or
// undo considers.
type Owner struct {
	Account, Tenant string // ids, as change.Who
	Name            string // the sign-in name, for lines written before ids
}

// OwnerOf is the account and tenant c changes as (change.Changer.Who).
func OwnerOf(ctx context.Context, c *change.Changer) (Owner, error) {
	w, err := c.Who(ctx)
	if err != nil {
		return Owner{}, err
	}
	return Owner{Account: w.Account, Tenant: w.Tenant, Name: w.Name}, nil
}

// owns reports whether l was written by o: by its ids, or, for a line
// written before accounts were told apart by ids (the tenant as
// configured or as the Graph URL), by the sign-in name. Lines without an
// account (a bare token's, then) are nobody's.
func (o Owner) owns(l JournalLine) bool {
	switch {
	case o.Account == "" || l.Account == "":
		return false
	case l.Account == o.Account && l.Tenant == o.Tenant:
		return true
	}
	return o.Name != "" && !app.LooksLikeObjectID(l.Tenant) && strings.EqualFold(l.Account, o.Name)
}

// ForeignCount is how many changes of another account or tenant the
// journal shows as standing (sent, or perhaps sent, and not undone):
// resume and undo leave them alone, and only that account can undo them.
// It counts changes, not lines: a file sent writes three, and a run
// whose uploads were all refused changed nothing, so counting its lines
// asked the user to sign in elsewhere to undo nothing.
func ForeignCount(lines []JournalLine, o Owner) int {
	n := 0
	for _, l := range lastOfEachChange(lines, func(l JournalLine) bool { return !o.owns(l) }) {
		if mayStand(l) {
			n++
		}
	}
	return n
}

// lastOfEachChange is the last line of each change that keep lets in, in
// the order the changes started; an undone change stays undone, whatever
// a later line of it says.
func lastOfEachChange(lines []JournalLine, keep func(JournalLine) bool) []JournalLine {
	last := map[string]int{}
	var out []JournalLine
	for _, l := range lines {
		if l.Change == "" || !keep(l) {
			continue
		}
		i, seen := last[l.Change]
		switch {
		case !seen:
			last[l.Change] = len(out)
			out = append(out, l)
		case out[i].State != JournalUndone:
			out[i] = l
		}
	}
	return out
}

// sentKey is a file's identity for Resume: the same bytes to the same
// person.
type sentKey struct{ file, sha, user string }

// sent is the files the journal shows as gone through and not undone,
// by identity, with their last line; only o's lines count.
func sent(lines []JournalLine, o Owner) map[sentKey]JournalLine {
	out := map[sentKey]JournalLine{}
	for _, l := range lines {
		if !o.owns(l) {
			continue
		}
		k := sentKey{l.File, l.SHA256, l.User}
		switch l.State {
		case JournalUploaded, JournalReplaced:
			out[k] = l
		case JournalUndone:
			delete(out, k)
		}
	}
	return out
}

// SentCount is how many files the journal shows as sent and not undone:
// what a resume by o would skip (if the files did not change).
func SentCount(lines []JournalLine, o Owner) int { return len(sent(lines, o)) }

// StandingCount is how many of o's changes the journal shows as sent, or
// perhaps sent, and not undone: what undoing the import would revert (or
// look at). An upload cut off on its way counts here, though not in
// SentCount.
func StandingCount(lines []JournalLine, o Owner) int {
	n := 0
	for _, changes := range toUndo(lines, o) {
		n += len(changes)
	}
	return n
}

// toUndo is, per person (object id), the changes the journal shows as
// sent, or perhaps sent (mayStand), and not undone, oldest first. Every
// change counts, not only a file's last: the same file sent twice (a run
// repeated without resume, a retry after a lost answer) is two changes,
// and only the first one's backup holds the person's own photo. A change
// is judged by its last line (sending, then its outcome, then perhaps
// undone). Only o's lines count.
func toUndo(lines []JournalLine, o Owner) map[string][]JournalLine {
	out := map[string][]JournalLine{}
	for _, l := range lastOfEachChange(lines, o.owns) {
		if mayStand(l) {
			out[l.User] = append(out[l.User], l)
		}
	}
	return out
}

// mayStand reports whether the change whose last line is l went through,
// or may have: sent, or failed with no answer of Graph's own, or being
// sent when the journal stopped (a crash before its answer was written).
func mayStand(l JournalLine) bool {
	switch l.State {
	case JournalUploaded, JournalReplaced, JournalSending:
		return true
	case JournalFailed:
		return l.Unanswered
	}
	return false
}
