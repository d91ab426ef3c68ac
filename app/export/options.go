package export

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// Source says whose photos to export. Set exactly one field.
type Source struct {
	GroupID  string   // the group's members, paged; non-user members are reported and skipped
	People   []string // ids or UPNs, e.g. from app.ReadPeopleList; each is looked up once
	AllUsers bool     // every user in the directory, paged
	// Groups are groups as a listing gave them (app.PersonFromGroup): their
	// own photos, not their members'. The listing named them, so they are
	// not looked up again.
	Groups []app.Person
}

// validate insists on exactly one kind of source, the way the command
// line's flags are exclusive.
func (s Source) validate() error {
	n := 0
	if s.GroupID != "" {
		n++
	}
	if s.People != nil {
		n++
	}
	if s.AllUsers {
		n++
	}
	if s.Groups != nil {
		n++
	}
	if n != 1 {
		return errors.New("export: give exactly one source: a group, a people list, all users or a list of groups")
	}
	for _, g := range s.Groups {
		if g.Kind != app.KindGroup || g.ID == "" {
			return fmt.Errorf("export: %s in the list of groups is not a group with an id", g)
		}
	}
	return nil
}

// Options configures one export run.
type Options struct {
	Client *graphapi.Client
	Source Source
	Sizes  Sizes
	// Dir receives the photo files. The caller makes it (MakeFolder) and
	// locks it (LockFolder) first; Run refuses one that is not there. It
	// is not used by ModeNone.
	Dir string
	// Report receives the CSV report, one flushed row at a time; nil writes
	// no report.
	Report io.Writer
	// Previous is the last run's report (see ReadReport); with Resume,
	// people whose file still exists and whose ETag is unchanged are not
	// downloaded again and their row is carried over.
	Previous []Row
	Resume   bool
	// Progress is called after every row and while waiting out a
	// Retry-After, from the engine's goroutines, one call at a time, and
	// never after Run returns. It must return quickly; a UI hops to its
	// own goroutine from here.
	Progress func(Progress)
	// OnRow is called with each report row as it is written, for a UI
	// that lists them; same rules as Progress.
	OnRow func(Row)
	// Waits, when the caller built Client with Waits.Policy, lets progress
	// show the Retry-After waits graphapi does itself: a whole envelope
	// throttled or busy, or a people-list lookup. Items throttled inside
	// an envelope wait in the engine's queue instead (BatchOnce).
	Waits *WaitMeter
	// MaxImagePixels caps a photo's claimed dimensions before decoding;
	// 0 means app.DefaultMaxImagePixels.
	MaxImagePixels int
	// Workers is how many $batch calls may be prepared at once; the
	// client's limiter still lets only four photo requests be in flight.
	// 0 means 4.
	Workers int
	// MaxRounds caps how often the engine itself requeues an item that
	// graphapi gave back still throttled or busy; 0 means 3.
	MaxRounds int
	// MaxWait caps one wait the engine makes for a throttled or busy item
	// (a photo or a people-list lookup). A server can ask for almost a
	// day (issue 14); an item asked to wait longer becomes an error row
	// instead, which --resume retries later. 0 means DefaultMaxWait, the
	// same cap graphapi puts on get's waits.
	MaxWait time.Duration
	// MaxItemWait caps the waits of one item added up across rounds, so
	// many short waits cannot add up to a stuck export either; 0 means
	// DefaultMaxItemWait.
	MaxItemWait time.Duration
	// Force replaces photo files already in Dir. Without it a file of the
	// same name that this run did not write, and that the last report
	// (with Resume) does not list, is kept and its row says StatusExists.
	Force bool
}

// Default wait caps; see Options.MaxWait and Options.MaxItemWait.
const (
	DefaultMaxWait     = graphapi.DefaultMaxWait
	DefaultMaxItemWait = 3 * DefaultMaxWait
)

// Progress is a snapshot of a running export. Done and Total count people,
// or for a group the members (Members), since a member that is not a user
// is counted too, as skipped; every one done is in exactly one of OK,
// NoPhoto, Errors and Skipped, so those add up to Done whatever the number
// of files. Rows, Files and Exists count report rows and files, which
// differ from people with size "all" (one row per stored size).
type Progress struct {
	Done       int
	Total      int  // people (or members) known so far
	TotalKnown bool // false while a group or the directory is still being paged, or a list looked up
	// Listed and LookedUp are a people list's entries and how many of them
	// have been looked up: every entry is, before the total is known
	// (Listed is 0 for other sources).
	Listed, LookedUp int
	// Members says the source is a group: Done and Total count its members,
	// people or not (a nested group is a member, skipped, but no person).
	Members bool
	// Groups says the source is a list of groups: Done and Total count
	// the groups, each for its own photo.
	Groups    bool
	OK        int // people with a photo: fetched, kept (Exists) or Unchanged
	NoPhoto   int // people without a photo
	Errors    int // people with at least one error row, not counting Skipped
	Skipped   int // group members that are not users
	Unchanged int // people carried over by Resume without downloading
	Rows      int // report rows written
	Exists    int // files already in Dir that were kept (no Force)
	Files     int // files written
	Bytes     int64
	Throttled int // times an item was requeued to wait out a throttle or a busy server
	// InFlight counts the requests (photos, size lists, metadata) sent in
	// $batch envelopes whose answers are not handled yet. An envelope's
	// answers come together, so on a slow Graph Done waits while InFlight
	// says what is out; each answer, as it is handled, makes its person
	// Done (or asks a follow-up request), one at a time.
	InFlight int
	Waiting  time.Duration // longest Retry-After wait going on now, 0 if none
	Elapsed  time.Duration
}

// LookingUp reports the people list's lookup still going on: its entries
// are counted (Listed, LookedUp), its people not yet (TotalKnown).
func (p Progress) LookingUp() bool { return !p.TotalKnown && p.Listed > 0 }

// Unit is what Done and Total count, for n of them: "person" or "people",
// or for a group "member" or "members", so a nested group skipped is not
// called one of the people, or for a list of groups "group" or "groups".
func (p Progress) Unit(n int) string {
	switch {
	case p.Groups && n == 1:
		return "group"
	case p.Groups:
		return "groups"
	case p.Members && n == 1:
		return "member"
	case p.Members:
		return "members"
	case n == 1:
		return "person"
	}
	return "people"
}

// Summary is the end of a run: the final counts and the audit figures the
// Export… dialog shows.
type Summary struct {
	Progress
	// OnlySmall counts people whose largest photo is at most 240x240 (they
	// uploaded a small picture). Known exactly for sizes largest, all and
	// none; with a specific size only when a fallback revealed it.
	OnlySmall int
	// LargestUnknown says one specific size was exported, so OnlySmall
	// counts only the people a fallback revealed, not everyone.
	LargestUnknown bool
	// NonSquare counts people whose (largest known) photo is not square,
	// typically an Entra-only upload.
	NonSquare int
	// Duplicates counts entries of the source that named someone already
	// exported, so they were not fetched twice.
	Duplicates int
	// Findings names the people counted in OnlySmall or NonSquare, in the
	// order they finished, so a UI can list them or act on them.
	Findings []Finding
	// Cancelled is true when the context ended before every person was done.
	Cancelled bool
	// CarriedOver counts rows of Previous copied unchecked into the report
	// of a resumed run: when it stopped early (cancelled, or the source
	// failed), the people it had not reached yet; when it reached everyone,
	// the export's own files still in the folder that no row of this run
	// names (another --size, someone gone from the source). They are not
	// in the Progress counts.
	CarriedOver int
}

// Finding is one person the audit flags: their largest photo is small, or
// not square.
type Finding struct {
	Person        app.Person
	Width, Height int // the largest photo seen
	Small         bool
	NonSquare     bool
}
