package app

import (
	"context"
	"sync"

	"github.com/photodesk/photodesk/graphapi"
)

// avatarAsk is one person's avatar at one size: i indexes Avatars' people.
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

// avatarQueue packs the asks of one Avatars call into $batch envelopes.
// First tries go first, so that the last of them is answered as early as
// it can be; the default-size retries of people missing at 48x48 fill the
// envelopes after them. A photo item costs Graph a slot for its whole
// service time and an envelope runs in rounds of four, so an envelope of
// nine retries costs three rounds' time for two and a quarter rounds'
// work, and used to cost a round trip of its own besides.
type avatarQueue struct {
	mu       sync.Mutex
	first    []avatarAsk // not asked yet
	retries  []avatarAsk // missing at their HD size, to ask at the default
	inFlight int         // envelopes taken and not yet answered
	mayAdd   int         // of those, the ones with HD asks: their answers may add retries
	wake     chan struct{}
}

func newAvatarQueue(first []avatarAsk) *avatarQueue {
	return &avatarQueue{first: first, wake: make(chan struct{})}
}

// next takes the asks of the next envelope (see ready), waiting while
// none is ready. It returns nil when every ask has been answered or ctx
// ends.
func (q *avatarQueue) next(ctx context.Context) []avatarAsk {
	for ctx.Err() == nil {
		q.mu.Lock()
		asks, finished := q.readyLocked()
		wake := q.wake
		q.mu.Unlock()
		switch {
		case asks != nil:
			return asks
		case finished:
			return nil
		}
		select {
		case <-wake:
		case <-ctx.Done():
		}
	}
	return nil
}

// readyLocked takes the next envelope's asks if one is ready: a full one
// as soon as there are enough; a part-filled one only when fewer than
// avatarAhead are in flight or nothing in flight can add to it. finished
// says every ask has been answered. q.mu must be held.
func (q *avatarQueue) readyLocked() (asks []avatarAsk, finished bool) {
	n := len(q.first) + len(q.retries)
	if n >= avatarBatch || (n > 0 && (q.inFlight < avatarAhead || q.mayAdd == 0)) {
		asks = q.takeLocked(min(n, avatarBatch))
		q.inFlight++
		if hasHD(asks) {
			q.mayAdd++
		}
		return asks, false
	}
	return nil, n == 0 && q.inFlight == 0
}

// takeLocked takes n asks, first tries before retries; q.mu must be held.
func (q *avatarQueue) takeLocked(n int) []avatarAsk {
	asks := make([]avatarAsk, 0, n)
	k := min(n, len(q.first))
	asks = append(asks, q.first[:k]...)
	q.first = q.first[k:]
	k = n - k
	asks = append(asks, q.retries[:k]...)
	q.retries = q.retries[k:]
	return asks
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
	close(q.wake)
	q.wake = make(chan struct{})
}

func hasHD(asks []avatarAsk) bool {
	for _, a := range asks {
		if a.hd() {
			return true
		}
	}
	return false
}
