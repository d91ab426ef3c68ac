package export

import (
	"context"
	"testing"
	"time"
)

// A throttled task whose wait is over goes out in the next envelope, ahead
// of people not yet asked for: at the back of the queue, every retry of a
// long export was sent in its last envelopes, and those throttled again
// made the whole run wait out one more Retry-After.
func TestDueRetryGoesBeforeQueuedTasks(t *testing.T) {
	q := newQueue()
	fresh := []*task{{}, {}, {}}
	retried := &task{}
	q.push(fresh...)
	q.pushAfter(retried, time.Millisecond)
	waitDue(t, q)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got, ok := q.take(ctx, 2)
	if !ok || len(got) != 2 {
		t.Fatalf("take = %d tasks, %v; want 2", len(got), ok)
	}
	if got[0] != retried || got[1] != fresh[0] {
		t.Fatalf("first envelope = %p %p, want the retried task %p then the first queued %p", got[0], got[1], retried, fresh[0])
	}
	rest, _ := q.take(ctx, 20)
	if len(rest) != 2 || rest[0] != fresh[1] || rest[1] != fresh[2] {
		t.Fatalf("then %d tasks, want the other two queued in order", len(rest))
	}
}

// waitDue waits, on the queue's own change signal, until no task is
// waiting out a Retry-After.
func waitDue(t *testing.T, q *queue) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		q.mu.Lock()
		waiting, wake := len(q.delayed), q.wake
		q.mu.Unlock()
		if waiting == 0 {
			return
		}
		select {
		case <-wake:
		case <-deadline:
			t.Fatal("the requeued task never became due")
		}
	}
}
