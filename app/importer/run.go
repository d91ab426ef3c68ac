package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"sync"
	"time"

	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/photoedit"
	"github.com/photodesk/photodesk/graphapi"
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
	Err     string
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
	// Workers is how many files are prepared and sent at once; the
	// client's limiter still lets only four photo requests through. 0
	// means 4.
	Workers int
	// MaxRounds caps how often a file still throttled after graphapi's
	// own retries is queued again; past it the file is an error row that
	// --resume retries. 0 means 5.
	MaxRounds int
	// Progress is called after each file, one call at a time, from the
	// run's goroutines; it must return quickly.
	Progress func(Progress)
}

// Progress is a running import's counts.
type Progress struct {
	Done, Total                         int
	Uploaded, Replaced, Skipped, Errors int
	Resumed                             int // counted in Uploaded/Replaced too
	Requeued                            int // throttled files sent again in a later round
	Elapsed                             time.Duration
	Last                                string // the file just finished
}

// Summary is a finished (or stopped) run: a Result per plan item, same
// order, and the last counts.
type Summary struct {
	Progress
	Results []Result
	Stopped bool // Stop or ctx ended before every file was sent
}

// Failed reports whether any file that was to be sent was not: the
// command line's exit code 1.
func (s *Summary) Failed() bool { return s.Errors > 0 }

// Run sends every file the plan Sends. Files not sent get skipped rows
// with the reason; a file the run could not send gets an error row.
func Run(ctx context.Context, p *Plan, o Options) (*Summary, error) {
	if o.Changer == nil || o.Journal == nil {
		return nil, errors.New("import: a run needs a changer and a journal")
	}
	workers, rounds := o.Workers, o.MaxRounds
	if workers <= 0 {
		workers = 4
	}
	if rounds <= 0 {
		rounds = 5
	}
	r := &runner{opts: o, plan: p, start: time.Now(), sum: &Summary{Results: make([]Result, len(p.Items))}}
	var prior map[sentKey]JournalLine
	if o.Resume {
		lines, err := ReadJournal(o.Journal.Path())
		if err != nil {
			return nil, err
		}
		prior = sent(lines)
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
	for round := 1; len(queue) > 0 && round <= rounds && !r.stopped(ctx); round++ {
		queue = r.round(ctx, queue, workers)
		if len(queue) > 0 && round < rounds {
			r.mu.Lock()
			r.sum.Requeued += len(queue)
			r.mu.Unlock()
		}
	}
	for _, i := range queue { // still throttled after every round: never silently dropped
		r.finish(i, Result{Outcome: OutcomeError, Err: r.lastErr(i) + " (still throttled; run the import again with resume)"})
	}
	for i := range r.sum.Results {
		if r.sum.Results[i].Outcome == "" {
			r.sum.Stopped = true
			r.sum.Results[i] = Result{Outcome: OutcomeSkipped, Err: "not reached: the import was stopped (resume continues it)"}
		}
	}
	r.sum.Uploaded, r.sum.Replaced, r.sum.Skipped, r.sum.Errors = 0, 0, 0, 0
	for _, res := range r.sum.Results { // the final counts cover every file, sent or not
		r.sum.count(res)
	}
	r.sum.Elapsed = time.Since(r.start)
	return r.sum, ctx.Err()
}

// runner is one run's shared state.
type runner struct {
	opts  Options
	plan  *Plan
	start time.Time
	mu    sync.Mutex
	sum   *Summary
	errs  map[int]string // last retryable error per item
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

// round sends the queue with workers at once and returns the items that
// came back throttled or busy, for the next round.
func (r *runner) round(ctx context.Context, queue []int, workers int) []int {
	next := make(chan int)
	var again []int
	var wg sync.WaitGroup
	for range min(workers, len(queue)) {
		wg.Go(func() {
			for i := range next {
				if retry := r.send(ctx, i); retry {
					r.mu.Lock()
					again = append(again, i)
					r.mu.Unlock()
				}
			}
		})
	}
feed:
	for _, i := range queue {
		if r.stopped(ctx) {
			break
		}
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		case <-r.opts.Stop:
			break feed
		}
	}
	close(next)
	wg.Wait()
	return again
}

// send prepares and sends item i; true means "throttled, try again in a
// later round".
func (r *runner) send(ctx context.Context, i int) bool {
	it := r.plan.Items[i]
	data, err := os.ReadFile(it.File.Path)
	if err != nil {
		r.finish(i, Result{Outcome: OutcomeError, Err: "cannot read the file: " + unwrapPath(err)})
		return false
	}
	sum := sha256.Sum256(data)
	line := JournalLine{File: it.File.Name, SHA256: hex.EncodeToString(sum[:]), User: it.User.ID, UPN: it.User.UPN}
	src, err := photoedit.Load(data)
	var prepared *photoedit.Prepared
	if err == nil {
		prepared, err = photoedit.Prepare(src, photoedit.Edit{})
	}
	if err != nil {
		r.finish(i, Result{Outcome: OutcomeError, Err: err.Error()})
		return false
	}
	line.Time, line.State = time.Now(), JournalStarted
	if err := r.opts.Journal.Append(line); err != nil {
		r.finish(i, Result{Outcome: OutcomeError, Err: "nothing sent: " + err.Error()})
		return false
	}
	e, err := r.opts.Changer.SetWith(ctx, it.User.Person(), prepared.Bytes, prepared.ContentType,
		change.SetOptions{OnlyIfNone: !r.plan.Replace, SkipNewETag: true})
	if err != nil && !errors.Is(err, change.ErrNotLogged) {
		line.Time, line.State, line.Error = time.Now(), JournalFailed, err.Error()
		_ = r.opts.Journal.Append(line)
		switch {
		case errors.Is(err, change.ErrHasPhoto):
			r.finish(i, Result{Outcome: OutcomeSkipped, Err: "has a photo now (it was added after the preview); replace was off"})
		case retryable(err) && ctx.Err() == nil:
			r.mu.Lock()
			if r.errs == nil {
				r.errs = map[int]string{}
			}
			r.errs[i] = err.Error()
			r.mu.Unlock()
			return true
		default:
			r.finish(i, Result{Outcome: OutcomeError, Err: change.Explain(err, it.User.Person())})
		}
		return false
	}
	res := Result{Outcome: OutcomeUploaded, Change: e.ID, Backup: e.Backup, Bytes: len(prepared.Bytes)}
	line.State = JournalUploaded
	if e.Backup != "" {
		res.Outcome, line.State = OutcomeReplaced, JournalReplaced
	}
	line.Time, line.Change, line.Backup = time.Now(), e.ID, e.Backup
	if jerr := r.opts.Journal.Append(line); jerr != nil {
		res.Err = "sent, but the journal could not record it (resume would send it again): " + jerr.Error()
	}
	if err != nil { // ErrNotLogged: the change went through
		res.Err = change.Explain(err, it.User.Person())
	}
	r.finish(i, res)
	return false
}

// resumed is the journal's line for an item an earlier run sent: the
// same bytes to the same person.
func resumed(prior map[sentKey]JournalLine, it *Item) (JournalLine, bool) {
	if len(prior) == 0 || it.User == nil || it.File.Problem != "" {
		return JournalLine{}, false
	}
	sum, err := fileSHA256(it.File.Path)
	if err != nil {
		return JournalLine{}, false
	}
	l, ok := prior[sentKey{it.File.Name, sum, it.User.ID}]
	return l, ok
}

// fileSHA256 is the hex SHA-256 of a file's bytes.
func fileSHA256(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// retryable is an error worth another round: throttled, busy, or no
// answer.
func retryable(err error) bool {
	var ge *graphapi.Error
	if errors.As(err, &ge) {
		return ge.Status == 429 || ge.Status == 503 || ge.Status == 504
	}
	return errors.Is(err, graphapi.ErrNoAnswer)
}

func (r *runner) lastErr(i int) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.errs[i]
}

// finish records item i's result and reports progress.
func (r *runner) finish(i int, res Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sum.Results[i] = res
	s := &r.sum.Progress
	s.Done++
	s.count(res)
	if res.Resumed {
		s.Resumed++
	}
	s.Elapsed, s.Last = time.Since(r.start), r.plan.Items[i].File.Name
	if r.opts.Progress != nil {
		r.opts.Progress(*s)
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
