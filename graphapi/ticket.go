package graphapi

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// ticket is one try's hold on the limiter: its slots go back when the
// answer comes or, paced, a little before.
//
// The early release is timed from the moment the request has been
// written, not from when it got its slots: in between it may wait for a
// token (a refresh is a round trip of its own), a new connection's TLS
// handshake, or the scheduler. A request that left that much later is
// answered that much later, and slots freed on the earlier clock let the
// next envelope reach the server while this one is still at work — every
// item of it refused by the concurrency rule. The write is heard through
// the request's httptrace hooks: a transport that drops the request's
// context (none here does) would keep the slots until each answer.
type ticket struct {
	l      *limiter
	slots  int
	items  int // photo items sent
	window int // the window when sent: how many of them the server runs at once
	// envelope: the request is a $batch, whose 200 may carry items
	// throttled for concurrency; other 200s (photo bytes) are not read.
	envelope bool

	mu    sync.Mutex
	sent  time.Time     // when the request was last written; when it got its slots until then
	first time.Duration // from sent to the answer's first byte; 0 = not yet
	timer *time.Timer   // frees the slots ahead of the answer
	ended bool          // done was called: no timer may start any more
	freed atomic.Bool
}

// take waits for slots for a request with items photo items and starts
// its ticket; a request with none takes nothing and is timed for the
// network's round trip.
func (l *limiter) take(ctx context.Context, items int) (*ticket, error) {
	n, err := l.acquire(ctx, items)
	if err != nil {
		return nil, err
	}
	return &ticket{l: l, slots: n, items: items, window: int(l.window.Load()), sent: l.pacer.now()}, nil
}

// wroteRequest marks the request as written: the round trip is timed from
// now, and a paced request's slots are set to go back a hold from now
// (the pacer's, as it stands now). The last write before the answer
// counts: net/http writes a request again on a fresh connection when the
// idle one it used turns out closed, or after HTTP/2 refused the stream
// (after a backoff of a second or more), and the first write's clock
// would free the slots that much too early and teach the pacer a round
// trip that long. An answer that began before the write (an HTTP/1
// server may answer before reading the body) keeps the clock it has.
func (t *ticket) wroteRequest() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.ended || t.first != 0 {
		return
	}
	t.sent = t.l.pacer.now()
	if t.timer != nil {
		t.timer.Stop()
		t.timer = nil
	}
	if t.slots == 0 || t.freed.Load() {
		return // nothing to release, or released already on the last write's clock
	}
	if h := t.l.pacer.hold(rounds(t.items, t.window)); h > 0 {
		t.timer = time.AfterFunc(h, t.freeEarly)
	}
}

// freeEarly is the hold's end: the slots go back before the answer.
func (t *ticket) freeEarly() {
	if t.free() {
		p := t.l.pacer
		p.mu.Lock()
		p.early++
		p.mu.Unlock()
	}
}

// firstByte records the moment the answer began to arrive.
// The time is kept as a duration from sent, so it stays on the monotonic
// clock.
func (t *ticket) firstByte() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.first == 0 {
		t.first = max(1, t.l.pacer.now().Sub(t.sent))
	}
}

// free gives the slots back once; it reports whether this call did.
func (t *ticket) free() bool {
	if !t.freed.CompareAndSwap(false, true) {
		return false
	}
	t.l.release(t.slots)
	return true
}

// done ends the try: status and body are the answer's (status 0 when
// there was none). It teaches the pacer the round trip, then frees the
// slots if the pacer has not yet.
func (t *ticket) done(status int, body []byte) {
	t.mu.Lock()
	t.ended = true
	if t.timer != nil {
		t.timer.Stop()
	}
	d := t.first
	if d == 0 {
		d = t.l.pacer.now().Sub(t.sent)
	}
	t.mu.Unlock()
	// Learnt before the slots go back: the request waiting for them
	// computes its hold as soon as it is written, so the first
	// envelope's successor could otherwise find nothing learnt yet and
	// keep its slots for its whole round trip, and the next envelope
	// wait for it.
	defer t.free()
	p := t.l.pacer
	switch {
	case status == 0:
	case t.slots == 0:
		if timesNetwork(status) && len(body) <= lightBody {
			p.sawNetRTT(d)
		}
	case (status != http.StatusOK || t.envelope) && isConcurrencyThrottle(status, body):
		p.congested()
	case status < 400:
		if r := t.servedRounds(body); r > 0 {
			p.answered(r, d)
		}
	}
}

// servedRounds is how many rounds of server work the answer took: those of
// the items served, since an item throttled at random ("Too many
// requests") is answered at once and holds no slot. An envelope of 20 with
// four such items ran in 4 rounds, not 5; counted as 5 it made a 5-round
// envelope look a round early — a swing that held sending ahead back at
// 20 ms round trips (jitter) — and pulled the prediction down.
func (t *ticket) servedRounds(body []byte) int {
	served := t.items
	if t.envelope {
		served -= throttledItems(body)
	}
	return rounds(served, t.window)
}
