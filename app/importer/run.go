package importer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
)

// Outcome is what a run did with one file, as the report says it.
type Outcome string

// The report's outcomes of a run.
const (
	OutcomeUploaded Outcome = "uploaded"
	OutcomeReplaced Outcome = "replaced"
	OutcomeSkipped  Outcome = "skipped"
	OutcomeError    Outcome = "error"
)

// Result is one file's outcome.
type Result struct {
	Outcome Outcome
	Backup  string // the replaced photo's backup
	Change  string // the change log entry
	Bytes   int    // what was uploaded
	Resumed bool   // an earlier run sent it; nothing was sent now
	// Unanswered: an error row whose upload was sent, but the run's
	// context ended before Graph's answer came, so the photo may have
	// changed; the journal says so, and undoing the import looks.
	Unanswered bool
	// NotReached: a file to be sent that the stopped run never reached
	// (Outcome skipped, for the report); resume sends it.
	NotReached bool
	Err        string
}

// Options configure a run.
type Options struct {
	// Changer is the change path every upload takes (backup and change
	// log first); its Graph is the client whose limiter keeps four photo
	// requests in flight.
	Changer *change.Changer
	// Journal records each file; required, so a stopped import can be
	// resumed and undone.
	Journal *Journal
	// Resume skips files the journal shows as sent (same bytes, same
	// person), without a request.
	Resume bool
	// Stop, when closed, lets the uploads in flight finish and starts no
	// more: Cancel. Ending ctx instead stops at once (an account switch).
	Stop <-chan struct{}
	// Workers is how many batches are prepared and sent at once, so one
	// batch's files are decoded while another's are on the wire; the
	// client's limiter still lets only four photo requests through. 0
	// means 2.
	Workers int
	// BatchSize is how many files go in one batch: their current photos
	// read in one $batch, their uploads sent in another (when the
	// changer's Graph takes uploads together). 0 means 20, Graph's most.
	BatchSize int
	// MaxRounds caps how often a file still throttled after graphapi's
	// own retries is queued again; past it the file is an error row that
	// --resume retries. 0 means 5.
	MaxRounds int
	// Reader, when set, reads the current photos to back up twenty at a
	// time in one $batch just before they are replaced, rather than one
	// request each: *graphapi.Client is one. Without it each change reads
	// its own.
	Reader PhotoReader
	// Progress is called once the run knows its total, whenever a batch
	// of files sets off or comes back, and after each file, as that file's
	// own answer is handled (not once its whole batch is): one call at a
	// time, from the run's goroutines; it must return quickly.
	Progress func(Progress)
}

// Progress is a running import's counts.
type Progress struct {
	Done, Total                         int
	Uploaded, Replaced, Skipped, Errors int
	Resumed                             int // counted in Uploaded/Replaced too
	Requeued                            int // throttled files sent again in a later round
	// InFlight counts the files whose uploads are on their way (handed to
	// the change path: a stop lets them finish), with no answer handled.
	// A batch's answers come together, so on a slow Graph the bar waits
	// at Done while InFlight says that work is out; only an answer makes
	// a file Done.
	InFlight int
	// Preparing counts the files of batches set off but not yet sent:
	// their current photos being read, the files being decoded and made
	// ready. A stop sends none of them (they are "not reached"), so they
	// are not said to be on their way.
	Preparing int
	Elapsed   time.Duration
	Last      string // the file just finished
}

// Summary is a finished (or stopped) run: a Result per plan item, same
// order, and the last counts.
type Summary struct {
	Progress
	Results []Result
	Stopped bool // Stop or ctx ended before every file was sent
	// StopCameLate is a stop (Stop, or ctx ended) that came once every
	// file had been sent: the uploads on their way finished and nothing
	// was left, so Stopped is false. Said apart, so that a Ctrl+C is not
	// met with an ending that reads as if it had not been heard.
	StopCameLate bool
	// Foreign counts the standing changes another account or tenant
	// journalled (ForeignCount); a resume does not skip their files.
	Foreign int
	// Unanswered counts the error rows that may have changed the photo
	// (Result.Unanswered).
	Unanswered int
	// NoBackup counts the files not sent because their person's photo
	// cannot be backed up (StatusNoBackup, NoBackupWhy); they are not
	// among Skipped.
	NoBackup int
	// NotReached counts the files to be sent that a stopped run did not
	// reach (Result.NotReached); resume sends them. They are not among
	// Skipped, which reads as left out by choice: a Cancel before the
	// first upload read "0 uploaded, 65 skipped", as if nothing had been
	// meant to go.
	NotReached int
}

// NoBackupWhy is why a cannot back up file was not sent, in the few
// words a count of them carries.
const NoBackupWhy = "no Exchange Online mailbox, so the current photo cannot be read: not sent"

// Failed reports whether any file that was to be sent was not: the
// command line's exit code 1.
func (s *Summary) Failed() bool { return s.Errors > 0 }

// Run sends every file the plan Sends. Files not sent get skipped rows
// with the reason; a file the run could not send gets an error row.
func Run(ctx context.Context, p *Plan, o Options) (*Summary, error) {
	if o.Changer == nil || o.Journal == nil {
		return nil, errors.New("import: a run needs a changer and a journal")
	}
	p.take()
	workers, rounds := o.Workers, o.MaxRounds
	if workers <= 0 {
		workers = 2
	}
	if rounds <= 0 {
		rounds = 5
	}
	owner, err := OwnerOf(ctx, o.Changer)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	r := &runner{opts: o, plan: p, owner: owner, start: time.Now(), id: newRunID(), sum: &Summary{Results: make([]Result, len(p.Items))}}
	var prior map[sentKey]JournalLine
	if o.Resume {
		lines, err := ReadJournal(o.Journal.Path())
		if err != nil {
			return nil, err
		}
		prior = sent(lines, owner)
		r.sum.Foreign = ForeignCount(lines, owner)
	}
	var queue []int
	for i, it := range p.Items {
		res := &r.sum.Results[i]
		if done, ok := resumed(prior, it); ok {
			// Sent by an earlier run: its person has a photo now, so the
			// new plan may say will replace; the journal knows better.
			*res = Result{Outcome: Outcome(done.State), Backup: done.Backup, Change: done.Change, Resumed: true}
			r.sum.Total++
			r.sum.Done++
			r.sum.Resumed++
			continue
		}
		if !p.Sends(it) {
			res.Outcome, res.Err = OutcomeSkipped, skipReason(p, it)
			continue
		}
		r.sum.Total++
		queue = append(queue, i)
	}
	if len(queue) > 0 {
		// The total, before the first batch's answers, which on a slow
		// Graph take a while: the bar starts at 0 of N, not at nothing.
		r.mu.Lock()
		r.emitLocked()
		r.mu.Unlock()
	}
	for round := 1; len(queue) > 0 && round <= rounds && !r.stopped(ctx); round++ {
		queue = r.round(ctx, queue, workers)
		if len(queue) > 0 && round < rounds {
			r.mu.Lock()
			r.sum.Requeued += len(queue)
			r.mu.Unlock()
		}
	}
	if !r.stopped(ctx) {
		for _, i := range queue { // still throttled after every round: never silently dropped
			r.finish(i, r.stillThrottled(i))
		}
	} // stopped: they are "not reached" below, and resume sends them
	r.settleDoubts()

	for i := range r.sum.Results {
		if r.sum.Results[i].Outcome == "" {
			r.sum.Stopped = true
			r.sum.Results[i] = Result{Outcome: OutcomeSkipped, NotReached: true, Err: "not reached: the import was stopped (resume continues it)"}
		}
	}
	r.sum.StopCameLate = !r.sum.Stopped && r.stopped(ctx)
	r.sum.Uploaded, r.sum.Replaced, r.sum.Skipped, r.sum.Errors = 0, 0, 0, 0
	for i, res := range r.sum.Results { // the final counts cover every file, sent or not
		if res.Outcome == OutcomeSkipped && p.Items[i].Status == StatusNoBackup {
			r.sum.NoBackup++ // apart from Skipped, which reads as chosen, with why
			continue
		}
		if res.NotReached {
			r.sum.NotReached++ // apart from Skipped too: resume sends them
			continue
		}
		r.sum.count(res)
		if res.Unanswered {
			r.sum.Unanswered++
		}
	}
	r.sum.Elapsed = time.Since(r.start)
	return r.sum, ctx.Err()
}

// runner is one run's shared state.
type runner struct {
	opts  Options
	plan  *Plan
	owner Owner // who the run's journal lines say sent them
	start time.Time
	id    string // the run's id, on each of its journal lines
	mu    sync.Mutex
	sum   *Summary
	errs  map[int]string // last retryable error per item
	// doubt holds, per item left for a later round, its first upload of
	// this run that got no answer (change and backup): sent, it may have
	// changed the photo, whatever the later rounds come to.
	doubt map[int]Result
	// flying holds the items whose uploads are on their way (see
	// Progress.InFlight, which is its size) that have no result yet;
	// preparing those of batches set off and not yet sent (Preparing).
	flying, preparing map[int]bool
}

func (r *runner) stopped(ctx context.Context) bool {
	if ctx.Err() != nil {
		return true
	}
	select {
	case <-r.opts.Stop:
		return true
	default:
		return false
	}
}

// stillThrottled is the row of item i, still throttled after the last
// round. One of its uploads that got no answer (see runner.doubt) may have
// changed the photo all the same: the row says so, with that change and
// its backup, as a row cut off on its way does, so the summary counts it
// and undoing the import looks. The workers have ended.
func (r *runner) stillThrottled(i int) Result {
	res := Result{Outcome: OutcomeError, Err: r.lastErr(i) + " (still throttled; run the import again with resume)"}
	if d, ok := r.doubt[i]; ok {
		res.Change, res.Backup, res.Unanswered = d.Change, d.Backup, true
		res.Err = r.lastErr(i) + " (still throttled; an earlier upload of it got no answer, so the photo may have changed: " +
			"undoing the import puts the photo from before back if it went through, and resume sends the file again)"
	}
	return res
}

func (r *runner) lastErr(i int) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.errs[i]
}

// finish records item i's result and reports progress.
func (r *runner) finish(i int, res Result) {
	// Err quotes Graph (or a gateway echoing the request) and is shown in
	// the window and the report as it is: cleaned here, once, for all.
	res.Err = app.Sanitize(res.Err)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sum.Results[i] = res
	s := &r.sum.Progress
	s.Done++
	s.count(res)
	if res.Resumed {
		s.Resumed++
	}
	delete(r.flying, i)
	delete(r.preparing, i)
	s.Last = r.plan.Items[i].File.Name
	r.emitLocked()
}

// setOff counts a batch's items as being prepared and reports it, so the
// bar's line says what is under way while its photos are read and its
// files made ready.
func (r *runner) setOff(items []int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.preparing == nil {
		r.preparing = make(map[int]bool)
	}
	for _, i := range items {
		r.preparing[i] = true
	}
	r.emitLocked()
}

// send counts items, about to be handed to the change path, as on their
// way: from here a stop lets them finish.
func (r *runner) send(items []int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.flying == nil {
		r.flying = make(map[int]bool)
	}
	for _, i := range items {
		if r.preparing[i] {
			delete(r.preparing, i)
			r.flying[i] = true
		}
	}
	r.emitLocked()
}

// land takes a batch's items off the way once the batch has ended: those
// still without a result wait for a later round, or are not reached.
func (r *runner) land(items []int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	before := len(r.flying) + len(r.preparing)
	for _, i := range items {
		delete(r.flying, i)
		delete(r.preparing, i)
	}
	if len(r.flying)+len(r.preparing) < before {
		r.emitLocked()
	}
}

// emitLocked reports the counts as they stand; r.mu must be held, which
// also keeps the calls one at a time and in order.
func (r *runner) emitLocked() {
	r.sum.Elapsed, r.sum.InFlight, r.sum.Preparing = time.Since(r.start), len(r.flying), len(r.preparing)
	if r.opts.Progress != nil {
		r.opts.Progress(r.sum.Progress)
	}
}

// count adds res to the outcome counts.
func (s *Progress) count(res Result) {
	switch res.Outcome {
	case OutcomeUploaded:
		s.Uploaded++
	case OutcomeReplaced:
		s.Replaced++
	case OutcomeSkipped:
		s.Skipped++
	case OutcomeError:
		s.Errors++
	}
}

// newRunID is a run's id: when it started, and random bits.
func newRunID() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return time.Now().UTC().Format("20060102T150405") + "-" + hex.EncodeToString(b)
}

// skipReason says why a file is not sent.
func skipReason(p *Plan, it *Item) string {
	switch {
	case it.Status == StatusReplace && !p.Replace && it.Ticked:
		return "has a photo; replace was off"
	case it.Sendable() && !it.Ticked:
		return "unticked"
	}
	return it.Note
}
