package app

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/photodesk/photodesk/graphapi"
)

func firstAsks(n int) []avatarAsk {
	asks := make([]avatarAsk, n)
	for i := range asks {
		asks[i] = avatarAsk{i: i, size: avatarKeySize}
	}
	return asks
}

// queueOf is a queue holding asks, added as StreamAvatars adds a list's
// rows: all at once, by an adder that has settled.
func queueOf(asks []avatarAsk) *avatarQueue {
	q := newAvatarQueue(avatarPartWait)
	q.add(asks, 0)
	return q
}

func (q *avatarQueue) ready() ([]avatarAsk, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	asks, finished, _ := q.readyLocked(time.Now())
	return asks, finished
}

// TestAvatarQueuePacksRetriesAfterFirstTries shows the envelopes a list of
// 45 takes: full ones at once; the last five first tries wait while two
// envelopes whose answers may bring retries are out, then go out together
// with those retries, first tries first.
func TestAvatarQueuePacksRetriesAfterFirstTries(t *testing.T) {
	q := queueOf(firstAsks(45))
	e1, _ := q.ready()
	e2, _ := q.ready()
	if len(e1) != 20 || len(e2) != 20 || e1[0].i != 0 || e2[0].i != 20 {
		t.Fatalf("first envelopes %v / %v", e1, e2)
	}
	if asks, finished := q.ready(); asks != nil || finished {
		t.Fatalf("five first tries sent beside two envelopes out: %v (finished %v)", asks, finished)
	}
	q.answered(e1, []int{3, 7, 11})
	e3, _ := q.ready()
	want := []avatarAsk{{40, avatarKeySize}, {41, avatarKeySize}, {42, avatarKeySize}, {43, avatarKeySize}, {44, avatarKeySize}, {3, graphapi.SizeLargest}, {7, graphapi.SizeLargest}, {11, graphapi.SizeLargest}}
	if len(e3) != len(want) {
		t.Fatalf("third envelope %v, want %v", e3, want)
	}
	for k := range want {
		if e3[k] != want[k] {
			t.Fatalf("third envelope %v, want %v", e3, want)
		}
	}
	q.answered(e2, nil)
	q.answered(e3, []int{42})
	e4, _ := q.ready()
	if len(e4) != 1 || e4[0] != (avatarAsk{42, graphapi.SizeLargest}) {
		t.Fatalf("fourth envelope %v", e4)
	}
	if asks, finished := q.ready(); asks != nil || finished {
		t.Fatalf("finished with an envelope out: %v %v", asks, finished)
	}
	q.answered(e4, nil)
	if asks, finished := q.ready(); asks != nil || !finished {
		t.Fatalf("not finished: %v %v", asks, finished)
	}
}

// TestAvatarQueueSendsPartWhenNothingCanAdd shows a part-filled envelope
// going out at once when fewer than avatarAhead envelopes are out, or when
// those out ask only default sizes (contacts, retries), whose answers bring
// no retries.
func TestAvatarQueueSendsPartWhenNothingCanAdd(t *testing.T) {
	q := queueOf(firstAsks(40))
	e1, _ := q.ready()
	e2, _ := q.ready()
	q.answered(e1, []int{1, 2})
	q.answered(e2, []int{21, 22})
	if r, _ := q.ready(); len(r) != 4 {
		t.Errorf("retries with nothing out: %v", r)
	}

	contacts := make([]avatarAsk, 45)
	for i := range contacts {
		contacts[i] = avatarAsk{i: i, size: graphapi.SizeLargest}
	}
	q = queueOf(contacts)
	q.ready()
	q.ready()
	if r, _ := q.ready(); len(r) != 5 {
		t.Errorf("the last five contacts waited for envelopes that cannot add to them: %v", r)
	}
}

// TestAvatarQueueRetriesFirstInLongLists shows a long list's retries
// going ahead of first tries until only avatarAhead envelopes' worth of
// first tries are left, so that a top row's default-size photo does not
// wait for every row below it.
func TestAvatarQueueRetriesFirstInLongLists(t *testing.T) {
	q := queueOf(firstAsks(200))
	e1, _ := q.ready()
	q.ready()
	q.answered(e1, []int{3})
	e3, _ := q.ready()
	if len(e3) != 20 || e3[0] != (avatarAsk{3, graphapi.SizeLargest}) || e3[1] != (avatarAsk{40, avatarKeySize}) {
		t.Fatalf("third envelope of a long list %v, want the retry of row 3 first", e3)
	}
	var last []avatarAsk
	for len(q.first) > avatarAhead*avatarBatch {
		last, _ = q.ready()
	}
	q.answered(last, []int{last[0].i})
	e, _ := q.ready()
	if e[0].size != avatarKeySize || e[19].size != avatarKeySize {
		t.Fatalf("with the last two envelopes' worth of first tries left, %v went ahead of them", e)
	}
}

// TestAvatarQueuePartWaitsAtMostAWhile shows a part-filled envelope held
// back going out after avatarPartWait, however long the envelopes in
// flight stay out (one whose items were throttled waits out their
// Retry-After).
func TestAvatarQueuePartWaitsAtMostAWhile(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := queueOf(firstAsks(45))
		q.next(t.Context())
		q.next(t.Context())
		start := time.Now()
		asks := q.next(t.Context())
		if len(asks) != 5 || time.Since(start) != avatarPartWait {
			t.Errorf("the last five went after %v: %v, want after %v", time.Since(start), asks, avatarPartWait)
		}
	})
}

// TestAvatarQueueWaitCountsFromTheHeldAsks shows the wait timed from when
// the asks now held began to wait, not from when a worker began to wait:
// a worker that waited through an envelope taken by another one still
// gives a new part-filled envelope its whole wait.
func TestAvatarQueueWaitCountsFromTheHeldAsks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := queueOf(firstAsks(65))
		e1, _ := q.ready()
		e2, _ := q.ready()
		q.ready() // 5 first tries wait, with three envelopes out
		t0 := time.Now()
		type took struct {
			asks []avatarAsk
			at   time.Duration
		}
		done := make(chan took, 2)
		for range 2 {
			go func() {
				asks := q.next(t.Context())
				done <- took{asks, time.Since(t0)}
			}()
		}
		retries := make([]int, 16)
		for k := range retries {
			retries[k] = 20 + k
		}
		// The two envelopes are answered 200 ms into the wait, on the
		// bubble's clock, which moves on when every goroutine waits.
		time.AfterFunc(200*time.Millisecond, func() {
			q.answered(e1, retries[:15])
			q.answered(e2, retries[15:])
		})
		a, b := <-done, <-done
		if len(a.asks) == 1 {
			a, b = b, a
		}
		if len(a.asks) != 20 || a.at != 200*time.Millisecond {
			t.Errorf("full envelope: %d asks after %v", len(a.asks), a.at)
		}
		if len(b.asks) != 1 || b.at != 200*time.Millisecond+avatarPartWait {
			t.Errorf("the last retry went after %v (%d asks), want after %v", b.at, len(b.asks), 200*time.Millisecond+avatarPartWait)
		}
	})
}

// TestAvatarQueueNextEndsWithContext shows next giving up when its
// context ends while it waits.
func TestAvatarQueueNextEndsWithContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := queueOf(firstAsks(45))
		q.next(t.Context())
		q.next(t.Context())
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan []avatarAsk)
		go func() { done <- q.next(ctx) }()
		synctest.Wait() // next is waiting
		cancel()
		if asks := <-done; asks != nil {
			t.Errorf("next after cancel: %v", asks)
		}
	})
}

// streamAsks are first tries for people from… from+n-1, as a feed adds them.
func streamAsks(from, n int) []avatarAsk {
	asks := make([]avatarAsk, n)
	for k := range asks {
		asks[k] = avatarAsk{i: from + k, size: avatarKeySize}
	}
	return asks
}

// TestAvatarQueueFillsEnvelopesWhileRowsCome shows a queue whose rows come
// a few at a time (StreamAvatars): the first rows go at once, alone; later
// ones wait for an envelope to fill, with nothing out too, as long as more
// rows may come, and a retry goes ahead of them, so a top row's default
// size photo does not wait for the list's end.
func TestAvatarQueueFillsEnvelopesWhileRowsCome(t *testing.T) {
	q := newAvatarQueue(avatarPartWait)
	q.expect(1) // the feed
	if asks, finished := q.ready(); asks != nil || finished {
		t.Fatalf("an empty, open queue gave %v (finished %v)", asks, finished)
	}
	q.add(streamAsks(0, 3), 0)
	e1, _ := q.ready()
	if len(e1) != 3 {
		t.Fatalf("first rows' envelope %v, want the three at once", e1)
	}
	q.add(streamAsks(3, 7), 0)
	q.answered(e1, []int{1})
	if asks, _ := q.ready(); asks != nil {
		t.Fatalf("with more rows to come, %v went part-filled", asks)
	}
	q.add(streamAsks(10, 13), 0)
	e2, _ := q.ready()
	if len(e2) != 20 || e2[0] != (avatarAsk{1, graphapi.SizeLargest}) || e2[1] != (avatarAsk{3, avatarKeySize}) {
		t.Fatalf("second envelope %v, want row 1's retry, then rows 3 on", e2)
	}
	q.add(nil, 1) // the feed's last rows: none
	q.answered(e2, nil)
	e3, _ := q.ready()
	if len(e3) != 1 || e3[0].i != 22 {
		t.Fatalf("after the feed closed: %v, want row 22", e3)
	}
	q.answered(e3, nil)
	if asks, finished := q.ready(); asks != nil || !finished {
		t.Fatalf("not finished: %v %v", asks, finished)
	}
}

// TestAvatarQueueStreamedTailWaitsForRetries shows the end of a list whose
// rows came while envelopes were out: its last part-filled envelope waits
// for the retries the envelope still out may bring, though only one is
// out, rather than leave them an envelope of their own.
func TestAvatarQueueStreamedTailWaitsForRetries(t *testing.T) {
	q := newAvatarQueue(avatarPartWait)
	q.expect(1)
	q.add(streamAsks(0, 2), 0)
	e1, _ := q.ready()
	q.answered(e1, nil)
	q.add(streamAsks(2, 26), 1) // the list's last rows
	e2, _ := q.ready()
	if len(e2) != 20 {
		t.Fatalf("envelope %v, want 20", e2)
	}
	if asks, _ := q.ready(); asks != nil {
		t.Fatalf("the last six went beside an envelope whose retries could join them: %v", asks)
	}
	q.answered(e2, []int{4, 9})
	e3, _ := q.ready()
	if len(e3) != 8 || e3[6] != (avatarAsk{4, graphapi.SizeLargest}) {
		t.Fatalf("last envelope %v, want the six rows and two retries", e3)
	}
}

// TestAvatarQueueStreamedPartWaitsAtMostAWhile shows rows that came while
// more may come going out part-filled after avatarPartWait.
func TestAvatarQueueStreamedPartWaitsAtMostAWhile(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := newAvatarQueue(avatarPartWait)
		q.expect(1)
		q.add(streamAsks(0, 1), 0)
		q.next(t.Context())
		start := time.Now()
		q.add(streamAsks(1, 5), 0)
		if asks := q.next(t.Context()); len(asks) != 5 || time.Since(start) != avatarPartWait {
			t.Errorf("five rows went after %v: %v, want after %v", time.Since(start), asks, avatarPartWait)
		}
	})
}
