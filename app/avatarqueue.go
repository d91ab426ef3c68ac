package app

import (
	"context"
	"sync"
	"time"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/internal/fifo"
)

// avatarAsk is one person's avatar at one size: i numbers the person in
// their avatar run, in the order fed (StreamAvatars; Avatars' people).
type avatarAsk struct {
	i    int
	size graphapi.Size
}

// hd reports whether the ask is for an HD size, whose answer may send the
// person back for a default-size retry.
func (a avatarAsk) hd() bool { return a.size != graphapi.SizeLargest }

// avatarAhead is how many envelopes in flight keep Graph's servers busy
// for the next one's round trip: one being served, one on the wire. With
// that many out, a part-filled envelope waits for the retries their
// answers bring rather than go out with rounds left empty.
const avatarAhead = 2

// avatarPartWait is the longest a part-filled envelope waits for those
// retries: about one envelope's round trip at real round-trip times. An
// envelope whose items were throttled stays out for their Retry-After
// (graphapi.Client.Batch waits it out), and nothing it could add is worth
// leaving the server idle that long. Engine.avatarPartWait holds it, so a
// test on a slow machine can wait longer.
const avatarPartWait = 250 * time.Millisecond

// avatarQueue packs the asks of one avatar run (avatarRun: its downloads,
// or its checks of avatars kept on disk) into $batch envelopes. A photo item costs Graph a slot for its whole service
// time and an envelope runs in rounds of four, so an envelope of nine
// retries costs three rounds' time for two and a quarter rounds' work —
// and, sent on its own after its people's first envelope, a round trip
// besides. So retries share envelopes with first tries, and a part-filled
// envelope waits a little for more (next). The last avatarAhead envelopes'
// worth of first tries go ahead of retries, so that the last of them is
// answered as early as it can be and its own retries do not trail; before
// that, and while more first tries may come, retries go first, so that no
// row of a long list waits long for its default-size photo.
//
// First tries may also come while envelopes are out: a list's rows as its
// lookups answer (StreamAvatars), people whose avatar kept on disk turned
// out to have changed. Until the last of them is in (adders), a
// part-filled envelope waits for more of them, except the first envelope,
// which carries the top rows' avatars. Once they are all in, such a
// queue's last part-filled envelope waits for the retries any envelope
// still out may bring, however few are out: its rows are the list's last,
// which nobody is looking at yet, and the retries would otherwise trail in
// an envelope of their own.
type avatarQueue struct {
	partWait time.Duration // see avatarPartWait

	mu        sync.Mutex
	first     []avatarAsk // not asked yet
	retries   []avatarAsk // missing at their HD size, to ask at the default
	inFlight  int         // envelopes taken and not yet answered
	mayAdd    int         // of those, the ones with HD asks: their answers may add retries
	adders    int         // what may still add first tries (expect, add)
	sent      bool        // an envelope has been taken
	streamed  bool        // first tries were added after an envelope was taken
	heldSince time.Time   // when asks began to wait for a part-filled envelope; zero: none wait
	wake      chan struct{}
}

// newAvatarQueue starts an empty queue, which people's first asks join
// through expect and add, in row order; a part-filled envelope waits
// partWait at most.
func newAvatarQueue(partWait time.Duration) *avatarQueue {
	return &avatarQueue{partWait: partWait, wake: make(chan struct{})}
}

// expect says that n more adders — a feed of people, an avatar being
// checked — may add first tries, until each has settled through add.
func (q *avatarQueue) expect(n int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.adders += n
}

// add queues first tries after those queued, and settles that many
// adders: they will add nothing more.
func (q *avatarQueue) add(first []avatarAsk, settled int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.first = append(q.first, first...)
	q.streamed = q.streamed || (q.sent && len(first) > 0)
	q.adders -= settled
	q.wakeLocked()
}

// next takes the asks of the next envelope (see readyLocked), waiting
// while none is ready. It returns nil when every ask has been answered or
// ctx ends.
func (q *avatarQueue) next(ctx context.Context) []avatarAsk {
	for ctx.Err() == nil {
		q.mu.Lock()
		asks, finished, until := q.readyLocked(time.Now())
		wake := q.wake
		q.mu.Unlock()
		switch {
		case asks != nil:
			return asks
		case finished:
			return nil
		}
		var deadline <-chan time.Time
		var timer *time.Timer
		if !until.IsZero() {
			timer = time.NewTimer(time.Until(until))
			deadline = timer.C
		}
		select {
		case <-wake:
		case <-deadline:
		case <-ctx.Done():
		}
		if timer != nil {
			timer.Stop()
		}
	}
	return nil
}

// readyLocked takes the next envelope's asks if one is ready at now: a
// full one as soon as there are enough; a part-filled one when its asks
// have waited partWait, and otherwise: while first tries may still be
// added, only as the first envelope (the top rows, at once); once none
// may, when nothing in flight can add to it, or — unless first tries came
// while envelopes were out (streamed) — when fewer than avatarAhead are in
// flight. finished says every ask has been answered and none may come;
// until, when asks wait, is when they go regardless. q.mu must be held.
func (q *avatarQueue) readyLocked(now time.Time) (asks []avatarAsk, finished bool, until time.Time) {
	n := len(q.first) + len(q.retries)
	if n == 0 {
		return nil, q.adders == 0 && q.inFlight == 0, time.Time{}
	}
	if q.heldSince.IsZero() {
		q.heldSince = now
	}
	var goes bool
	switch {
	case n >= avatarBatch || !now.Before(q.heldSince.Add(q.partWait)):
		goes = true
	case q.adders > 0:
		goes = !q.sent
	case q.streamed:
		goes = q.mayAdd == 0
	default:
		goes = q.inFlight < avatarAhead || q.mayAdd == 0
	}
	if !goes {
		return nil, false, q.heldSince.Add(q.partWait)
	}
	asks = q.takeLocked(min(n, avatarBatch))
	q.inFlight++
	q.sent = true
	if hasHD(asks) {
		q.mayAdd++
	}
	q.heldSince = time.Time{}
	if len(q.first)+len(q.retries) > 0 {
		q.heldSince = now // what is left begins its own wait
	}
	return asks, false, time.Time{}
}

// takeLocked takes n asks in the order the type's comment gives; q.mu
// must be held.
func (q *avatarQueue) takeLocked(n int) []avatarAsk {
	if q.adders > 0 || len(q.first) > avatarAhead*avatarBatch {
		return fifo.Take(n, &q.retries, &q.first)
	}
	return fifo.Take(n, &q.first, &q.retries)
}

// answered ends an envelope taken by next: asks were its asks, and
// retries the people in it to ask again at their default size.
func (q *avatarQueue) answered(asks []avatarAsk, retries []int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.inFlight--
	if hasHD(asks) {
		q.mayAdd--
	}
	for _, i := range retries {
		q.retries = append(q.retries, avatarAsk{i: i, size: graphapi.SizeLargest})
	}
	q.wakeLocked()
}

// wakeLocked wakes the workers waiting in next; q.mu must be held.
func (q *avatarQueue) wakeLocked() {
	close(q.wake)
	q.wake = make(chan struct{})
}

// hasHD reports whether any of asks may bring a retry.
func hasHD(asks []avatarAsk) bool {
	for _, a := range asks {
		if a.hd() {
			return true
		}
	}
	return false
}
