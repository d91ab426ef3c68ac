package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/photoedit"
	"github.com/photodesk/photodesk/graphapi"
)

// PhotoReader reads many current photos at once.
type PhotoReader interface {
	PhotosBatch(ctx context.Context, subjects []graphapi.Subject, size graphapi.Size) []graphapi.PhotoResult
}

// job is one file to send, with its person's current photo when it was
// read ahead (known).
type job struct {
	i       int
	current *graphapi.Photo
	known   bool
}

// round sends the queue a batch at a time, workers batches at once, and
// returns the items that came back throttled or busy, for the next round.
// Stop is looked at between batches and before a batch's uploads go out:
// uploads on their way finish.
func (r *runner) round(ctx context.Context, queue []int, workers int) []int {
	size := r.opts.BatchSize
	if size <= 0 || size > graphapi.MaxBatch {
		size = graphapi.MaxBatch
	}
	next := make(chan []int)
	var again []int
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for batch := range next {
				retry := r.sendBatch(ctx, batch)
				r.mu.Lock()
				again = append(again, retry...)
				r.mu.Unlock()
			}
		})
	}
feed:
	for start := 0; start < len(queue); start += size {
		if r.stopped(ctx) {
			break
		}
		select {
		case next <- queue[start:min(start+size, len(queue))]:
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

// prefetch reads the current photos of items in one $batch; an item whose
// read failed is left for the change path to read itself. An item whose
// person Graph answers as having no Exchange mailbox is not returned: it
// is an error row, since their photo cannot be backed up (the plan said
// will upload only because its own check answered otherwise).
func (r *runner) prefetch(ctx context.Context, items []int) []job {
	jobs := make([]job, len(items))
	for k, i := range items {
		jobs[k].i = i
	}
	if r.opts.Reader == nil {
		return jobs
	}
	subjects := make([]graphapi.Subject, len(items))
	for k, i := range items {
		subjects[k] = r.plan.Items[i].User.Person().Subject
	}
	var keep []job
	for k, res := range r.opts.Reader.PhotosBatch(ctx, subjects, graphapi.SizeLargest) {
		switch {
		case res.Err == nil:
			jobs[k].current, jobs[k].known = res.Photo, true
		case graphapi.IsNoMailbox(res.Err):
			// IsAnsweredNoPhoto holds for it too, but read as "none" the
			// file went up with no backup of a photo they may have.
			r.finish(jobs[k].i, Result{Outcome: OutcomeError, Err: change.Explain(res.Err, r.plan.Items[jobs[k].i].User.Person())})
			continue
		case graphapi.IsAnsweredNoPhoto(res.Err): // else the change reads it again itself
			jobs[k].known = true
		}
		keep = append(keep, jobs[k])
	}
	return keep
}

// prepared is a file made ready to send.
type prepared struct {
	job
	line JournalLine
	data *photoedit.Prepared
}

// sendBatch reads the batch's current photos, prepares its files, writes
// their journal lines and sends them through the change path together;
// it returns the items to try again in a later round.
func (r *runner) sendBatch(ctx context.Context, batch []int) []int {
	r.setOff(batch)
	defer r.land(batch)
	jobs := r.prefetch(ctx, batch)
	ready := make([]*prepared, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0)) // decoding is CPU work
	for k := range jobs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			ready[k] = r.prepare(jobs[k])
		})
	}
	wg.Wait()
	if r.stopped(ctx) {
		// Stopped while the batch's photos were read and its files made
		// ready (seconds, for twenty camera pictures): none of it has gone
		// out, so none goes; its files are "not reached", and resume sends
		// them.
		return nil
	}
	var reqs []change.SetRequest
	var sending, again []int
	for _, p := range ready {
		if p == nil {
			continue
		}
		p.line.Time, p.line.State = time.Now(), JournalStarted
		if err := r.opts.Journal.Append(p.line); err != nil {
			r.finish(p.i, Result{Outcome: OutcomeError, Err: "nothing sent: " + err.Error()})
			continue
		}
		it := r.plan.Items[p.i]
		line := p.line
		sending = append(sending, p.i)
		reqs = append(reqs, change.SetRequest{
			// Settled as its own answer is handled, so the count moves a
			// file at a time, not a batch at a time. SetMany calls these
			// one at a time.
			Ended: func(res change.SetResult) {
				if r.settle(ctx, p, res.Entry, res.Err) {
					again = append(again, p.i)
				}
			},
			Person: it.User.Person(), Data: p.data.Bytes, ContentType: p.data.ContentType,
			Options: change.SetOptions{
				OnlyIfNone: !r.plan.Replace, SkipNewETag: true, Current: p.current, CurrentKnown: p.known,
				Via:   "the import of " + filepath.Base(r.plan.Dir),
				Begun: func(e change.Entry) { r.sending(line, e) },
			},
		})
	}
	if len(reqs) > 0 {
		r.send(sending)
		r.opts.Changer.SetMany(ctx, reqs)
	}
	return again
}

// sending journals that line's change is backed up and about to go: a
// crash before its answer is journalled then leaves its change id and
// backup for undo to find. A journal that cannot take it only loses that.
func (r *runner) sending(line JournalLine, e change.Entry) {
	line.Time, line.State, line.Change, line.Backup, line.Before = time.Now(), JournalSending, e.ID, e.Backup, e.OldETag
	_ = r.opts.Journal.Append(line)
}

// prepare reads and prepares one file; nil when it cannot be sent (its
// result is recorded).
func (r *runner) prepare(jb job) *prepared {
	it := r.plan.Items[jb.i]
	data, err := photoedit.ReadFile(it.File.Path)
	if err != nil {
		r.finish(jb.i, Result{Outcome: OutcomeError, Err: "cannot read the file: " + app.PathReason(err).Error()})
		return nil
	}
	sum := sha256.Sum256(data)
	src, err := photoedit.Load(data)
	var p *photoedit.Prepared
	if err == nil {
		p, err = photoedit.Prepare(src, photoedit.Edit{})
	}
	if err != nil {
		r.finish(jb.i, Result{Outcome: OutcomeError, Err: err.Error()})
		return nil
	}
	line := JournalLine{
		File: it.File.Name, SHA256: hex.EncodeToString(sum[:]), User: it.User.ID, UPN: it.User.UPN,
		Account: r.owner.Account, Tenant: r.owner.Tenant, Run: r.id,
	}
	return &prepared{job: jb, line: line, data: p}
}

// settle records how one change ended; true means "throttled, try again
// in a later round".
func (r *runner) settle(ctx context.Context, p *prepared, e change.Entry, err error) bool {
	i, line := p.i, p.line
	it := r.plan.Items[i]
	if err != nil && !errors.Is(err, change.ErrNotLogged) {
		line.Time, line.State, line.Error = time.Now(), JournalFailed, app.Sanitize(err.Error()) // server words, maybe hostile
		// A change that began (backed up, logged) but got no answer may
		// have gone through: the journal keeps its id so undo can look.
		line.Change, line.Backup, line.Before, line.Unanswered = e.ID, e.Backup, e.OldETag, e.ID != "" && change.Unanswered(err)
		_ = r.opts.Journal.Append(line)
		switch cut := cutOff(ctx, e, err); {
		case errors.Is(err, change.ErrHasPhoto):
			r.finish(i, r.doubted(i, Result{Outcome: OutcomeSkipped, Err: "has a photo now (it was added after the preview); replace was off"}))
		case cut == cutNotReached:
			// Left without a result: "not reached" when the run ends, as
			// the files of a batch not started are, and resume sends it.
		case cut == cutMayStand:
			r.finish(i, Result{Outcome: OutcomeError, Change: e.ID, Backup: e.Backup, Unanswered: true, Err: mayHaveChanged})
		case retryable(err) && ctx.Err() == nil:
			r.mu.Lock()
			if r.errs == nil {
				r.errs = map[int]string{}
			}
			r.errs[i] = err.Error()
			if _, had := r.doubt[i]; !had && line.Unanswered {
				if r.doubt == nil {
					r.doubt = map[int]Result{}
				}
				r.doubt[i] = Result{Change: e.ID, Backup: e.Backup} // the first: its backup is the person's photo
			}
			r.mu.Unlock()
			return true
		default:
			r.finish(i, r.doubted(i, Result{Outcome: OutcomeError, Err: change.Explain(err, it.User.Person())}))
		}
		return false
	}
	res := Result{Outcome: OutcomeUploaded, Change: e.ID, Backup: e.Backup, Bytes: len(p.data.Bytes)}
	line.State = JournalUploaded
	if e.Backup != "" {
		res.Outcome, line.State = OutcomeReplaced, JournalReplaced
	}
	line.Time, line.Change, line.Backup, line.Before = time.Now(), e.ID, e.Backup, e.OldETag
	if jerr := r.opts.Journal.Append(line); jerr != nil {
		res.Err = "sent, but the journal could not record it (resume would send it again): " + jerr.Error()
	}
	if err != nil { // ErrNotLogged: the change went through
		res.Err = change.Explain(err, it.User.Person())
	}
	r.finish(i, res)
	return false
}

// doubted is res, the row of item i's last round, unless an upload of an
// earlier round got no answer (see runner.doubt): that one may have
// changed the photo whatever the last round came to — a refusal, a try
// that never left this machine ("Nothing was changed." of that try
// alone), or the photo found there (its own upload, with replace off) —
// so the row says so, with that change and its backup, as stillThrottled's
// does, and the summary counts it and undoing the import looks.
func (r *runner) doubted(i int, res Result) Result {
	r.mu.Lock()
	d, ok := r.doubt[i]
	r.mu.Unlock()
	if !ok {
		return res
	}
	return Result{
		Outcome: OutcomeError, Change: d.Change, Backup: d.Backup, Unanswered: true,
		Err: strings.TrimSuffix(res.Err, " Nothing was changed.") + " (an earlier upload of it got no answer, so the photo may have changed: " +
			"undoing the import puts the photo from before back if it went through, and resume sends the file again)",
	}
}

// settleDoubts gives each file the run stopped before its next round
// whose upload got no answer (see runner.doubt) the row of an upload cut
// off on its way: it may have changed the photo, so it is no file "not
// reached". The workers have ended.
func (r *runner) settleDoubts() {
	for i, d := range r.doubt {
		if r.sum.Results[i].Outcome == "" {
			r.finish(i, Result{Outcome: OutcomeError, Change: d.Change, Backup: d.Backup, Unanswered: true, Err: mayHaveChanged})
		}
	}
}

// cut is what became of a change the run's ended context cut off.
type cut int

const (
	cutNot        cut = iota // not cut off: the error is the file's own
	cutNotReached            // nothing of it reached Graph, or Graph took nothing
	cutMayStand              // sent, and no answer of Graph's own came: it may have gone through
)

// mayHaveChanged is the row of an upload cut off on its way.
const mayHaveChanged = "may have changed: the import was stopped after this upload was sent and before Graph answered; " +
	"undoing the import puts the photo from before back if it went through, and resume sends the file again"

// cutOff sorts a change's error once the run's context has ended (another
// account chosen, a sign-out, the window closed), as the export does: a
// change stopped before it was sent, or before it was backed up, reached
// nobody, and a throttled or busy answer is Graph taking nothing — not
// errors of the file's, but files not reached. A change sent with no
// answer of Graph's own (the ended context cut it off on the wire) may
// have gone through: the journal marks it perhaps sent for undo, and the
// row says so. Graph's own refusals stay the file's errors.
func cutOff(ctx context.Context, e change.Entry, err error) cut {
	switch {
	case ctx.Err() == nil:
		return cutNot
	case errors.Is(err, change.ErrNotSent),
		e.ID == "" && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)):
		return cutNotReached
	case e.ID != "" && change.Unanswered(err):
		return cutMayStand
	case retryable(err):
		return cutNotReached
	}
	return cutNot
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
