package export

import (
	"strings"
	"sync"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// smallSide is the largest side of a photo that counts as "only small
// sizes" in the audit: someone who uploaded 240x240 or less.
const smallSide = 240

// personState is one person's progress through the run.
type personState struct {
	person    app.Person
	requested graphapi.Size // ModeOne's size
	remaining int           // rows still to come; guarded by tracker.mu
	// largestW and largestH describe the person's largest photo once
	// known (0 = unknown), for the audit counts; guarded by tracker.mu.
	largestW, largestH int
	// outcome is what the person's rows so far add up to (see
	// personOutcome); counted says the person is in the people counts.
	// Both guarded by tracker.mu.
	outcome personOutcome
	counted bool
}

// personOutcome folds a person's rows (one, or one per size with size
// "all") into the one bucket the person is counted in, so the people
// counts add up to Done whatever the number of files (issue 18).
type personOutcome struct {
	rows                   int
	ok, noPhoto, err, kept bool
	unchanged              int // rows carried over by Resume
}

func (o *personOutcome) add(r Row, kind rowKind) {
	o.rows++
	switch r.Status {
	case StatusOK:
		o.ok = true
		if kind == rowUnchanged {
			o.unchanged++
		}
	case StatusNoPhoto:
		o.noPhoto = true
	case StatusExists:
		o.kept = true
	default:
		o.err = true
	}
}

// rowKind tells the tracker how to count a row.
type rowKind int

const (
	rowFetched   rowKind = iota // a fresh outcome
	rowUnchanged                // carried over by Resume
	rowSkipped                  // not a user
)

// tracker counts, writes the report and calls the callbacks. Everything it
// does happens under one mutex, so the report's rows, OnRow and Progress
// arrive in the same order and never concurrently.
type tracker struct {
	mu        sync.Mutex
	p         Progress
	sum       Summary
	report    *ReportWriter
	onRow     func(Row)
	onProg    func(Progress)
	start     time.Time
	waiting   func() time.Duration
	reportErr error
	failed    func() // stops the run when the report cannot be written
	// reported holds the rowKey of every row written, for carryOver, and
	// reportedSizes the rowKey and size of each (sizeKey).
	reported      map[string]bool
	reportedSizes map[string]bool
	reportedFiles map[string]bool // lower-cased file of every row written
	// audit says every row's photo is the person's largest (size "none").
	audit bool
	// open holds the people with some rows but not all of them yet (size
	// "all"), so a stopped run still counts them as they stand.
	open map[*personState]bool
}

// rowKey identifies a row's person: the id, or the UPN of an entry that
// never became a person.
func rowKey(r Row) string {
	if r.ID != "" {
		return strings.ToLower(r.ID)
	}
	return "upn:" + strings.ToLower(r.UPN)
}

// sizeKey identifies a row's person and size.
func sizeKey(r Row) string { return rowKey(r) + "\x00" + strings.ToLower(r.Size) }

// addPeople grows the known total.
func (t *tracker) addPeople(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.Total += n
	t.emitLocked()
}

// lookingUp says how many of a people list's entries have been looked up
// so far, before its total is known.
func (t *tracker) lookingUp(done, listed int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.LookedUp, t.p.Listed = done, listed
	t.emitLocked()
}

// listTotal sets the total of a list, known before anyone in it is
// queued: its entries are looked up and each person counted once, so
// progress need not say more may come, and the total does not change.
func (t *tracker) listTotal(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.Total += n
	t.p.TotalKnown = true
	t.emitLocked()
}

// totalKnown says the source has been read to the end.
func (t *tracker) totalKnown() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.TotalKnown = true
	t.emitLocked()
}

func (t *tracker) duplicate() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sum.Duplicates++
}

func (t *tracker) throttled() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.Throttled++
	t.emitLocked()
}

// sending counts n requests as on their way, and says so.
func (t *tracker) sending(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.InFlight += n
	t.emitLocked()
}

// answered takes n requests off the way. It reports nothing itself: the
// answer's row, requeue or follow-up does, or the next tick; an envelope
// that ended without answers (cancelled, refused) reports through
// cleared.
func (t *tracker) answered(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.InFlight -= n
}

// cleared takes n requests that got no answer to handle off the way, and
// says so.
func (t *tracker) cleared(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.InFlight -= n
	t.emitLocked()
}

// expect sets how many rows a person will get (size "all").
func (t *tracker) expect(ps *personState, rows int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	ps.remaining = rows
}

// largest records the dimensions of a person's largest photo.
func (t *tracker) largest(ps *personState, w, h int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if max(w, h) > max(ps.largestW, ps.largestH) {
		ps.largestW, ps.largestH = w, h
	}
}

// row writes one report row. ps is nil for entries that never became a
// person (an unknown UPN, a member that is a group); they count as one
// person done. written is the number of bytes of a new file, if any.
func (t *tracker) row(ps *personState, r Row, kind rowKind, written int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.reported == nil {
		t.reported, t.reportedSizes, t.reportedFiles = make(map[string]bool), make(map[string]bool), make(map[string]bool)
	}
	t.reported[rowKey(r)] = true
	t.reportedSizes[sizeKey(r)] = true
	if r.File != "" {
		t.reportedFiles[strings.ToLower(r.File)] = true
	}
	t.flagLocked(ps, &r)
	if t.report != nil && t.reportErr == nil {
		if err := t.report.Write(r); err != nil {
			t.reportErr = err
			if t.failed != nil {
				t.failed()
			}
		}
	}
	t.p.Rows++
	if r.Status == StatusExists {
		t.p.Exists++
	}
	if written > 0 {
		t.p.Files++
		t.p.Bytes += int64(written)
	}
	switch {
	case ps == nil:
		// An entry that never became a person is one person, one row.
		var o personOutcome
		o.add(r, kind)
		t.countLocked(o, kind == rowSkipped)
	default:
		ps.outcome.add(r, kind)
		ps.remaining--
		if ps.remaining > 0 {
			if t.open == nil {
				t.open = make(map[*personState]bool)
			}
			t.open[ps] = true
		} else {
			t.finishLocked(ps)
		}
	}
	if t.onRow != nil {
		t.onRow(r)
	}
	t.emitLocked()
}

// flagLocked fills a photo row's small and square cells (issue 18).
func (t *tracker) flagLocked(ps *personState, r *Row) {
	if r.Width <= 0 || (r.Status != StatusOK && r.Status != StatusExists) {
		return
	}
	if r.Square == FlagUnknown {
		r.Square = flagOf(r.Width == r.Height)
	}
	switch {
	case ps != nil && ps.largestW > 0:
		r.Small = flagOf(max(ps.largestW, ps.largestH) <= smallSide)
	case r.Small == FlagUnknown && (r.Size == "largest" || t.audit):
		r.Small = flagOf(max(r.Width, r.Height) <= smallSide)
	}
}

// finishLocked counts a person whose rows are all in (or, when the run
// stopped, whose rows so far are all there will be).
func (t *tracker) finishLocked(ps *personState) {
	delete(t.open, ps)
	if ps.counted {
		return
	}
	ps.counted = true
	t.countLocked(ps.outcome, false)
	if ps.largestW > 0 {
		f := Finding{
			Person: ps.person, Width: ps.largestW, Height: ps.largestH,
			Small:     max(ps.largestW, ps.largestH) <= smallSide,
			NonSquare: ps.largestW != ps.largestH,
		}
		if f.Small {
			t.sum.OnlySmall++
		}
		if f.NonSquare {
			t.sum.NonSquare++
		}
		if f.Small || f.NonSquare {
			t.sum.Findings = append(t.sum.Findings, f)
		}
	}
}

// countLocked puts one finished person in exactly one bucket: skipped,
// error (any row failed), with a photo (fetched, kept or unchanged) or
// without one.
func (t *tracker) countLocked(o personOutcome, skipped bool) {
	t.p.Done++
	switch {
	case skipped:
		t.p.Skipped++
	case o.err:
		t.p.Errors++
	case o.ok || o.kept:
		t.p.OK++
		if o.unchanged == o.rows {
			t.p.Unchanged++
		}
	case o.noPhoto:
		t.p.NoPhoto++
	default:
		t.p.Errors++
	}
}

// carryOver writes the rows of prev whose person has no row in this run
// into the report, unchecked, and returns how many it wrote. A person the
// run stopped part-way through (size "all") keeps the rows of the sizes
// it did not reach: their files are still there, and the export's own.
func (t *tracker) carryOver(prev []Row) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.report == nil {
		return 0
	}
	partway := map[string]bool{}
	for ps := range t.open {
		partway[strings.ToLower(ps.person.ID)] = true
	}
	n := 0
	for _, r := range prev {
		if t.reportErr != nil {
			break
		}
		k := rowKey(r)
		if (r.ID == "" && r.UPN == "") || (t.reported[k] && (!partway[k] || t.reportedSizes[sizeKey(r)])) {
			continue
		}
		if err := t.report.Write(r); err != nil {
			t.reportErr = err
			break
		}
		n++
	}
	return n
}

// keepOwnFiles writes, at the end of a resumed run that reached everyone,
// the last report's ok rows whose file is still in the folder (kept says
// so) and that no row of this run names, nor speaks of that person at that
// size: files an earlier run wrote at another --size, or of someone no
// longer in the source. Dropped from the report, they became strangers to
// the next --resume, which kept them as "exists" however outdated. It
// returns how many it wrote.
func (t *tracker) keepOwnFiles(prev []Row, kept func(Row) bool) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.report == nil {
		return 0
	}
	n := 0
	for _, r := range prev {
		if t.reportErr != nil {
			break
		}
		f := strings.ToLower(r.File)
		if r.Status != StatusOK || r.File == "" || t.reportedFiles[f] || t.reportedSizes[sizeKey(r)] || !kept(r) {
			continue
		}
		if err := t.report.Write(r); err != nil {
			t.reportErr = err
			break
		}
		if t.reportedFiles == nil {
			t.reportedFiles = make(map[string]bool)
		}
		t.reportedFiles[f] = true
		n++
	}
	return n
}

// tick reports progress while nothing finishes, e.g. during a wait.
func (t *tracker) tick() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.emitLocked()
}

func (t *tracker) emitLocked() {
	t.p.Elapsed = time.Since(t.start)
	if t.waiting != nil {
		t.p.Waiting = t.waiting()
	}
	if t.onProg != nil {
		t.onProg(t.p)
	}
}

// summary is the final state.
func (t *tracker) summary(cancelled bool) *Summary {
	t.mu.Lock()
	defer t.mu.Unlock()
	for ps := range t.open {
		// Stopped part-way through someone's sizes: the rows written
		// are in the report, so the person is counted as they stand.
		t.finishLocked(ps)
	}
	t.p.Elapsed = time.Since(t.start)
	t.p.Waiting = 0
	t.p.InFlight = 0
	s := t.sum
	s.Progress = t.p
	s.Cancelled = cancelled
	return &s
}
