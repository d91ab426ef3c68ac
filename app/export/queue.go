package export

import (
	"context"
	"sync"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/internal/fifo"
)

// taskKind is which request a task makes; tasks of every kind share a
// $batch envelope.
type taskKind int

const (
	taskPhoto taskKind = iota // GET …/photo(s/{size})/$value: bytes, type, ETag
	taskList                  // GET …/photos: the stored sizes
	taskMeta                  // GET …/photo(s/{size}): metadata only
)

// purpose says why a list or metadata task was made.
type purpose int

const (
	forAudit    purpose = iota // ModeNone: the metadata is the answer
	forAll                     // ModeAll: fetch every listed size
	forFallback                // ModeOne: the size was missing, find the largest smaller one
	forResume                  // compare the ETag with the last run's row
)

// task is one request for one person.
type task struct {
	ps       *personState
	kind     taskKind
	size     graphapi.Size
	purpose  purpose
	fallback bool             // a photo task that is already the fallback: no second one
	prev     *Row             // forResume: the row to carry over when nothing changed
	rounds   int              // times the engine requeued it
	tried    int              // times its request was sent, in all rounds: graphapi bounds the total
	waited   time.Duration    // the waits of those requeues added up, for Options.MaxItemWait
	damaged  app.DamagedReads // the damaged answers to a photo task, for damagedPhoto
}

// queue hands tasks to workers in $batch-sized bunches and knows when the
// run is over: no tasks queued, none in a worker, none waiting out a
// Retry-After, and the source finished.
type queue struct {
	mu    sync.Mutex
	tasks []*task
	// due are requeued tasks whose wait is over; they go out before
	// tasks, in the next envelope. Put back behind the people still to
	// come, every throttled item of a 1,000-photo export was sent again
	// in the last few envelopes, where one in twenty was throttled once
	// more and the whole run waited out one more Retry-After at its end.
	due     []*task
	busy    int
	feeding bool
	delayed map[*task]time.Time
	wake    chan struct{} // closed and replaced on every change
}

func newQueue() *queue {
	return &queue{feeding: true, delayed: make(map[*task]time.Time), wake: make(chan struct{})}
}

// changed wakes every waiting worker; q.mu must be held.
func (q *queue) changed() {
	close(q.wake)
	q.wake = make(chan struct{})
}

func (q *queue) push(ts ...*task) {
	if len(ts) == 0 {
		return
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.tasks = append(q.tasks, ts...)
	q.changed()
}

// pushAfter queues t again once d has passed, without holding a worker.
func (q *queue) pushAfter(t *task, d time.Duration) {
	q.mu.Lock()
	q.delayed[t] = time.Now().Add(d)
	q.mu.Unlock()
	time.AfterFunc(d, func() {
		q.mu.Lock()
		defer q.mu.Unlock()
		delete(q.delayed, t)
		q.due = append(q.due, t)
		q.changed()
	})
}

// sourceDone says no more people will arrive.
func (q *queue) sourceDone() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.feeding = false
	q.changed()
}

// take waits for up to n tasks. It reports false when the run is over or
// ctx ended.
func (q *queue) take(ctx context.Context, n int) ([]*task, bool) {
	for {
		q.mu.Lock()
		if len(q.due)+len(q.tasks) > 0 {
			out := q.takeLocked(n)
			q.busy += len(out)
			q.mu.Unlock()
			return out, true
		}
		if !q.feeding && q.busy == 0 && len(q.delayed) == 0 {
			q.mu.Unlock()
			return nil, false
		}
		wake := q.wake
		q.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
			return nil, false
		}
	}
}

// takeLocked removes up to n tasks, due ones first; q.mu must be held.
func (q *queue) takeLocked(n int) []*task { return fifo.Take(n, &q.due, &q.tasks) }

// finish marks n taken tasks as handled; call it after queueing any
// follow-up tasks so the run cannot look finished in between.
func (q *queue) finish(n int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.busy -= n
	q.changed()
}

// waiting is the longest time until a requeued task is due, 0 if none.
func (q *queue) waiting() time.Duration {
	q.mu.Lock()
	defer q.mu.Unlock()
	var longest time.Duration
	now := time.Now()
	for _, due := range q.delayed {
		longest = max(longest, due.Sub(now))
	}
	return longest
}
