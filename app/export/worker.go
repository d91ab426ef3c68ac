package export

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// work is one worker: it takes up to a batch of tasks, sends them as one
// Batch call and handles each answer, until the run is over.
func (r *run) work(ctx context.Context) {
	for {
		tasks, ok := r.q.take(ctx, graphapi.MaxBatch)
		if !ok {
			return
		}
		r.process(ctx, tasks)
		r.q.finish(len(tasks))
	}
}

// process sends tasks as one $batch. Photo, list and metadata requests mix
// freely in an envelope; graphapi takes a limiter slot per photo item.
// BatchOnce gives throttled items straight back, so the worker goes on
// with the next envelope while they wait out their Retry-After in the
// queue (with Batch, one throttled item of twenty held its worker for the
// whole wait, and at 5% throttling most envelopes have one).
func (r *run) process(ctx context.Context, tasks []*task) {
	reqs := make([]graphapi.BatchRequest, 0, len(tasks))
	sent := make([]*task, 0, len(tasks))
	for _, t := range tasks {
		path, err := r.path(t)
		if err != nil {
			r.errorRow(t, rowSize(t), err)
			continue
		}
		reqs = append(reqs, graphapi.BatchRequest{ID: strconv.Itoa(len(reqs)), Method: http.MethodGet, URL: path, Tried: t.tried})
		sent = append(sent, t)
	}
	if len(reqs) == 0 {
		return
	}
	// Said before the envelope goes: on a slow Graph its answers take a
	// while, and the bar's line says what is out meanwhile.
	r.t.sending(len(sent))
	left := len(sent) // on their way until handled
	defer func() {
		if left > 0 {
			r.t.cleared(left)
		}
	}()
	resps, err := r.c.BatchOnce(ctx, reqs)
	if graphapi.IsUnauthorized(err) {
		r.stopRefused(err)
		return
	}
	if ctx.Err() != nil {
		return // cancelled: these people are simply not in the report
	}
	for i, t := range sent {
		resp := graphapi.BatchResponse{Err: err}
		if err == nil {
			resp = resps[i]
			t.tried = resp.Attempts
		}
		// Each answer is handled, and counted, on its own: its row's
		// progress goes out before the next answer's file is written.
		left--
		r.t.answered(1)
		if graphapi.IsUnauthorized(resp.Err) {
			r.stopRefused(resp.Err) // not an answer about the person: no row
			continue
		}
		r.handle(ctx, t, resp)
	}
}

// stopRefused ends the run when Graph refuses an envelope for the sign-in
// itself (401: the token expired or was revoked part-way). Every envelope
// after it would be refused alike, and went on to make everyone left an
// error row; stopped, they stay not reached, for --resume once signed in
// again, and Run returns the 401 for the caller to word.
func (r *run) stopRefused(err error) {
	r.refusedOnce.Do(func() {
		r.refused = fmt.Errorf("the sign-in was refused part-way, so the export stopped: %w", err)
		r.stop()
	})
}

// path is the request URL of a task, relative to the API root: a user's
// photo, or a group's when the source lists groups. A subject that cannot
// form the path (a contact at an HD size, an object without an id) is an
// error, and no request is sent: any other object's path — a user's with
// the same id, as it once was — asks about someone else, and its 404 would
// read as "no photo".
func (r *run) path(t *task) (string, error) {
	subj := t.ps.person.Subject
	var p string
	var err error
	switch t.kind {
	case taskList:
		p, err = subj.PhotosPath()
	case taskMeta:
		p, err = subj.PhotoPath(t.size, false)
	default:
		p, err = subj.PhotoPath(t.size, true)
	}
	if err != nil {
		return "", fmt.Errorf("no request sent, as no Graph address names this photo: %w", err)
	}
	return p, nil
}

// rowSize is the size a row about t reports: the size it asked for, or
// for a size list the size the person was requested at.
func rowSize(t *task) graphapi.Size {
	if t.kind == taskList {
		return t.ps.requested
	}
	return t.size
}

// retryable says whether an answer is worth another round after graphapi's
// own retries (still throttled or busy, or never answered), and how long
// to wait first.
func retryable(resp graphapi.BatchResponse) (time.Duration, bool) {
	var ge *graphapi.Error
	if errors.As(resp.Err, &ge) {
		switch ge.Status {
		case http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return max(ge.RetryAfter, 100*time.Millisecond), true
		}
		return 0, false
	}
	switch {
	case resp.Status == http.StatusTooManyRequests, resp.Status == http.StatusServiceUnavailable,
		resp.Status == http.StatusGatewayTimeout, resp.Err != nil && resp.Status == 0:
		return time.Second, true
	}
	return 0, false
}

// handle settles one task: a row, a follow-up task, or a requeue.
func (r *run) handle(ctx context.Context, t *task, resp graphapi.BatchResponse) {
	if _, again := retryable(resp); ctx.Err() != nil && (resp.RetryIn > 0 || again) {
		// Stopped: a throttled or busy answer is no answer about the
		// person, who stays not reached (a resume asks again, and keeps
		// the earlier row meanwhile), not an error row.
		return
	}
	if resp.RetryIn > 0 && ctx.Err() == nil {
		// graphapi's own tries, left to the queue: no round counted.
		r.requeue(t, resp.RetryIn, false)
		return
	}
	if d, ok := retryable(resp); ok && ctx.Err() == nil && t.rounds < r.maxRounds {
		r.requeue(t, d, true)
		return
	}
	switch t.kind {
	case taskPhoto:
		r.onPhoto(t, resp)
	case taskList:
		r.onList(t, resp)
	case taskMeta:
		if t.purpose == forResume {
			r.onResumeCheck(t, resp)
		} else {
			r.onAudit(t, resp)
		}
	}
}

// requeue puts t back in the queue to be sent again after d, unless the
// waits would pass the caps; round says the engine's own rounds count it.
func (r *run) requeue(t *task, d time.Duration, round bool) {
	if err := r.waitTooLong(t.waited, d); err != nil {
		// Never sleep for what a server asks without a cap: the
		// person becomes an error row that --resume retries.
		r.errorRow(t, rowSize(t), err)
		return
	}
	if round {
		t.rounds++
	}
	t.waited += d
	r.t.throttled()
	r.q.pushAfter(t, d)
}

// baseRow is a row with the person's columns filled in.
func baseRow(ps *personState) Row {
	return Row{ID: ps.person.ID, UPN: ps.person.UPN, DisplayName: ps.person.DisplayName}
}

func (r *run) errorRow(t *task, size graphapi.Size, err error) {
	row := baseRow(t.ps)
	row.Status = StatusError
	row.Size = app.SizeName(size)
	row.Error = err.Error()
	row.File = r.earlierFile(t.ps, size)
	r.t.row(t.ps, row, rowFetched, 0)
}

// noPhotoRow writes a person's no-photo row; why is the answer that said
// so, if any. Someone without a mailbox has no photo to read or upload,
// unlike someone who never uploaded one: the error cell says so, as the
// viewer does, while the status stays no-photo for scripts that count it.
func (r *run) noPhotoRow(t *task, size graphapi.Size, why error) {
	row := baseRow(t.ps)
	row.Status = StatusNoPhoto
	row.Size = app.SizeName(size)
	if graphapi.IsNoMailbox(why) {
		row.Error = app.ReasonNoMailbox
	}
	r.t.row(t.ps, row, rowFetched, 0)
}

// isNoPhoto is graphapi's "no photo" plus a 200 without bytes, which
// PhotoBytes treats the same way.
func isNoPhoto(resp graphapi.BatchResponse) bool {
	if resp.Err != nil {
		return graphapi.IsNoPhoto(resp.Err)
	}
	return resp.Status != http.StatusOK || len(resp.Body) == 0
}

// noPhotoAt settles an answer of "no photo" at t's size: with one size
// asked for below the largest, the size may just not be uploaded, so the
// sizes are listed once (to fall back to the largest smaller one);
// otherwise the person has no photo. why is the answer, as for noPhotoRow.
func (r *run) noPhotoAt(t *task, why error) {
	if r.opts.Sizes.Mode == ModeOne && t.size != graphapi.SizeLargest && !t.fallback {
		r.q.push(&task{ps: t.ps, kind: taskList, purpose: forFallback})
		return
	}
	r.noPhotoRow(t, t.size, why)
}

// onPhoto verifies the bytes, saves them and writes the row; one request
// gave the type and ETag (headers) and the dimensions (the image).
func (r *run) onPhoto(t *task, resp graphapi.BatchResponse) {
	if isNoPhoto(resp) {
		r.noPhotoAt(t, resp.Err)
		return
	}
	if resp.Err != nil {
		r.errorRow(t, t.size, resp.Err)
		return
	}
	img, err := app.DecodeImage(resp.Body, r.opts.MaxImagePixels)
	if err != nil {
		if again, rowErr := r.damagedPhoto(t, resp.Body, err); !again {
			r.errorRow(t, t.size, rowErr)
		}
		return
	}
	if img.Width == 1 && img.Height == 1 {
		// The 1x1 GIF old tenants serve instead of a 404 — for a size not
		// uploaded too, as the Get photo document says.
		r.noPhotoAt(t, nil)
		return
	}
	name, kept, err := r.save(t.ps, img, resp.Body)
	if err != nil {
		r.errorRow(t, t.size, err)
		return
	}
	// The served photo tells the largest size when it was the largest
	// asked for, or when it is bigger than "small" anyway.
	if t.size == graphapi.SizeLargest || t.size.Pixels() > smallSide {
		r.t.largest(t.ps, img.Width, img.Height)
	}
	row := baseRow(t.ps)
	row.Status = StatusOK
	row.Size = app.SizeName(t.size)
	row.Width, row.Height = img.Width, img.Height
	row.ContentType = resp.Header("Content-Type")
	row.ETag = resp.Header("ETag")
	row.File = name
	written := len(resp.Body)
	if kept {
		row.Status, written = StatusExists, 0
	}
	r.t.row(t.ps, row, rowFetched, written)
}

// onList handles GET /photos, for a fallback or for size "all".
func (r *run) onList(t *task, resp graphapi.BatchResponse) {
	if resp.Err != nil {
		if graphapi.IsNoPhoto(resp.Err) || graphapi.IsNotFound(resp.Err) {
			r.noPhotoRow(t, t.ps.requested, resp.Err)
			return
		}
		r.errorRow(t, t.ps.requested, resp.Err)
		return
	}
	list, err := graphapi.DecodePhotoList(resp.Body)
	if err != nil {
		r.errorRow(t, t.ps.requested, fmt.Errorf("photo sizes of %s: %w", t.ps.person.Secondary(), err))
		return
	}
	var hd []graphapi.Size
	etags := map[graphapi.Size]string{}
	lw, lh := 0, 0
	for _, m := range list {
		if m.IsPlaceholder() {
			continue
		}
		if max(m.Width, m.Height) > max(lw, lh) {
			lw, lh = m.Width, m.Height
			etags[graphapi.SizeLargest] = m.ETag
		}
		if s := m.HDSize(); s != "" {
			hd = append(hd, s)
			etags[s] = m.ETag
		}
	}
	if lw == 0 {
		if len(list) > 0 { // only the 1x1 placeholder
			r.noPhotoRow(t, t.ps.requested, nil)
			return
		}
		// An empty list is what an Entra-only photo (no HD sizes) gives;
		// people without any photo get a 404 instead. The default photo
		// settles it, or its metadata when resuming from a kept file.
		if t.purpose == forAll {
			if prev, _ := r.resumableAt(t.ps, graphapi.SizeLargest); prev != nil {
				r.q.push(&task{ps: t.ps, kind: taskMeta, size: graphapi.SizeLargest, purpose: forResume, prev: prev})
				return
			}
		}
		r.q.push(&task{ps: t.ps, kind: taskPhoto, size: graphapi.SizeLargest, fallback: true})
		return
	}
	r.t.largest(t.ps, lw, lh)
	if t.purpose == forFallback {
		best, ok := t.ps.requested.FallbackCandidates(hd)
		if !ok {
			// Only a non-HD photo (Entra-only, e.g. 400x300): export it.
			best = graphapi.SizeLargest
		}
		r.q.push(&task{ps: t.ps, kind: taskPhoto, size: best, fallback: true})
		return
	}
	targets := hd
	if len(targets) == 0 {
		targets = []graphapi.Size{graphapi.SizeLargest}
	}
	var fetch []*task
	var carried []Row
	for _, s := range targets {
		if prev := r.unchanged(t.ps, s, etags[s]); prev != nil {
			carried = append(carried, *prev)
			continue
		}
		fetch = append(fetch, &task{ps: t.ps, kind: taskPhoto, size: s, fallback: true})
	}
	r.t.expect(t.ps, len(targets))
	for _, row := range carried {
		r.t.row(t.ps, row, rowUnchanged, 0)
	}
	r.q.push(fetch...)
}

// onAudit handles a metadata answer for size "none".
func (r *run) onAudit(t *task, resp graphapi.BatchResponse) {
	if resp.Err != nil {
		if graphapi.IsNoPhoto(resp.Err) {
			r.noPhotoRow(t, t.size, resp.Err)
			return
		}
		r.errorRow(t, t.size, resp.Err)
		return
	}
	m, err := graphapi.DecodePhotoMeta(resp.Body)
	if err != nil {
		r.errorRow(t, t.size, fmt.Errorf("photo metadata of %s: %w", t.ps.person.Secondary(), err))
		return
	}
	if m.IsPlaceholder() {
		r.noPhotoRow(t, t.size, nil)
		return
	}
	r.t.largest(t.ps, m.Width, m.Height)
	row := baseRow(t.ps)
	row.Status = StatusOK
	row.Size = strings.ToLower(m.ID)
	if row.Size == "" {
		row.Size = app.SizeName(t.size)
	}
	row.Width, row.Height = m.Width, m.Height
	row.ContentType = m.ContentType
	row.ETag = m.ETag
	r.t.row(t.ps, row, rowFetched, 0)
}

// onResumeCheck carries the last run's row over when the photo's ETag is
// unchanged, and otherwise fetches the photo as if there had been no run.
func (r *run) onResumeCheck(t *task, resp graphapi.BatchResponse) {
	if resp.Err == nil {
		m, err := graphapi.DecodePhotoMeta(resp.Body)
		if err == nil && !m.IsPlaceholder() && graphapi.SameETag(m.ETag, t.prev.ETag) {
			if t.size == graphapi.SizeLargest || t.size.Pixels() > smallSide {
				r.t.largest(t.ps, m.Width, m.Height)
			}
			r.t.row(t.ps, *t.prev, rowUnchanged, 0)
			return
		}
	}
	r.q.push(&task{ps: t.ps, kind: taskPhoto, size: t.ps.requested})
}
