package importer

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi"
)

// progressLog keeps a run's Progress calls and lets a fake wait for one.
type progressLog struct {
	mu     sync.Mutex
	events []Progress
	wake   chan struct{} // closed and replaced on every call
}

func newProgressLog() *progressLog { return &progressLog{wake: make(chan struct{})} }

func (l *progressLog) add(p Progress) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, p)
	close(l.wake)
	l.wake = make(chan struct{})
}

// waitFor waits, up to a few seconds, for a call that cond holds for.
func (l *progressLog) waitFor(cond func(Progress) bool) bool {
	deadline := time.After(5 * time.Second)
	for {
		l.mu.Lock()
		for _, p := range l.events {
			if cond(p) {
				l.mu.Unlock()
				return true
			}
		}
		wake := l.wake
		l.mu.Unlock()
		select {
		case <-wake:
		case <-deadline:
			return false
		}
	}
}

// check fails unless the counts never went back nor past the total and
// every count from 1 to n was said: a file at a time, not a batch.
func (l *progressLog) check(t *testing.T, n int) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	seen := map[int]bool{}
	last := 0
	for _, p := range l.events {
		if p.Done < last {
			t.Fatalf("progress went back from %d to %d", last, p.Done)
		}
		if p.Total != n || p.Done+p.InFlight+p.Preparing > p.Total || p.InFlight < 0 || p.Preparing < 0 {
			t.Fatalf("progress %d done, %d on their way and %d being prepared of %d; want a total of %d, never passed", p.Done, p.InFlight, p.Preparing, p.Total, n)
		}
		last = p.Done
		seen[p.Done] = true
	}
	for d := 1; d <= n; d++ {
		if !seen[d] {
			t.Errorf("no progress said %d of %d done: counted a batch at a time", d, n)
		}
	}
	if final := l.events[len(l.events)-1]; final.Done != n || final.InFlight != 0 || final.Preparing != 0 {
		t.Errorf("last progress %d done, %d on their way, %d being prepared; want %d and 0", final.Done, final.InFlight, final.Preparing, n)
	}
}

// replaceHD imports a picture for each of n people with HD photos on x,
// replacing theirs, and fails unless all n were replaced.
func replaceHD(t *testing.T, x *tenant, n int, o Options) {
	t.Helper()
	dir := t.TempDir()
	hdPeople(t, x, dir, n)
	p := x.plan(t, dir)
	p.Replace = true
	sum := x.run(t, t.Context(), p, filepath.Join(t.TempDir(), "j.jsonl"), o)
	if sum.Replaced != n {
		t.Fatalf("%d replaced, want %d: %+v", sum.Replaced, n, sum.Progress)
	}
}

// checkedReader reads a batch's current photos once check has looked at
// the progress said so far, given the batch's size.
type checkedReader struct {
	c     *graphapi.Client
	check func(batch int)
}

func (r checkedReader) PhotosBatch(ctx context.Context, subjects []graphapi.Subject, size graphapi.Size) []graphapi.PhotoResult {
	r.check(len(subjects))
	return r.c.PhotosBatch(ctx, subjects, size)
}

// An import against a slow Graph sat at 0% while its first batch was out
// and then jumped by a batch (twenty; five here, to keep the test quick).
// Progress says the batch is on its way before anything of it is sent,
// and counts each file as its answer is handled.
func TestRunSaysWhatIsOutAndCountsEachFile(t *testing.T) {
	x := newTenant(t)
	log := newProgressLog()
	// On a slow Graph the read and the uploads take a while, and the bar
	// said nothing meanwhile: the read waits until progress has said the
	// batch is being prepared.
	gated := checkedReader{x.client, func(batch int) {
		if !log.waitFor(func(p Progress) bool { return p.Preparing >= batch }) {
			t.Errorf("a batch of %d went out before progress said it was being prepared", batch)
		}
	}}
	replaceHD(t, x, 7, Options{Workers: 1, BatchSize: 5, Reader: gated, Progress: log.add})
	log.check(t, 7)
}

// oneByOneGraph is a change path's Graph without $batch uploads, so a
// batch's files go one after another; each upload but the first waits
// (a few seconds at most) until progress has counted the file before it.
type oneByOneGraph struct {
	readsThrough
	log  *progressLog
	t    *testing.T
	mu   sync.Mutex
	sent int
}

func (g *oneByOneGraph) SetPhoto(ctx context.Context, s graphapi.Subject, data []byte, contentType string) error {
	g.mu.Lock()
	before := g.sent
	g.sent++
	g.mu.Unlock()
	if !g.log.waitFor(func(p Progress) bool { return p.Done >= before }) {
		g.t.Errorf("upload %d went out before the %d answered before it were counted", before+1, before)
	}
	return g.c.SetPhoto(ctx, s, data, contentType)
}

// Without $batch uploads a batch's files go one after another, and each
// was counted only once the last of its batch was answered: twenty
// answers, and the bar still at 0%. Each is counted as its answer comes.
func TestRunCountsEachUploadAsItIsAnswered(t *testing.T) {
	x := newTenant(t)
	log := newProgressLog()
	x.changeThrough(&oneByOneGraph{readsThrough: readsThrough{x.client}, log: log, t: t})
	replaceHD(t, x, 5, Options{Workers: 1, Progress: log.add})
	log.check(t, 5)
}

// "N on their way" counted the batch still being read and decoded, which
// a stop does not send (its files are "not reached"): a Cancel then sent
// fewer than the line said were on their way. Those files are Preparing;
// InFlight counts them only once their uploads are handed on.
func TestRunSaysOnItsWayOnlyOnceSent(t *testing.T) {
	x := newTenant(t)
	log := newProgressLog()
	// As the batch's photos are read, the progress said last has it being
	// prepared, none of it on its way.
	preparing := checkedReader{x.client, func(batch int) {
		log.mu.Lock()
		last := log.events[len(log.events)-1]
		log.mu.Unlock()
		if last.InFlight != 0 || last.Preparing != batch {
			t.Errorf("while the batch's photos are read: %d on their way, %d being prepared; want 0 and %d", last.InFlight, last.Preparing, batch)
		}
	}}
	replaceHD(t, x, 5, Options{Workers: 1, BatchSize: 5, Reader: preparing, Progress: log.add})
	if !log.waitFor(func(p Progress) bool { return p.InFlight == 5 && p.Preparing == 0 && p.Done == 0 }) {
		t.Error("no progress said the five uploads were on their way before any answer")
	}
	log.check(t, 5)
}
