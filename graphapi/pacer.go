package graphapi

import (
	"bytes"
	"net/http"
	"sync"
	"time"
)

// Pacing: Graph counts the four concurrent photo requests at its servers,
// while they are being served, not while they travel (shared/graph-facts.md:
// "4 concurrent requests per app"; the sandbox counts them the same way,
// after its latency). A client that holds a slot for the whole round trip
// leaves the servers idle for most of it at real round-trip times. So a
// request's slots are given back a little before its answer is expected —
// by "lead", which approximates the time the answer spends on the wire
// coming back plus the time the next request spends going out — and the
// next request is on its way while the last one is still being answered.
// More requests are then in flight than the rule allows to run, but no
// more than it allows to run at the server.
//
// lead is found, not assumed: it grows additively with every answered
// photo request, up to the smallest recent round trip of a request with no
// photo work (the best estimate of the network's share; probe.go makes
// such requests when a job starts with photos),
// and halves on a 429 that says the concurrency limit was hit — at most
// once per expected round trip, since one overshoot throttles every item
// of the envelope that arrived too soon. Other 429s (rate limits, "Too
// many requests") are honoured through Retry-After but say nothing about
// concurrency, so they do not shrink it.

// pacer learns how long photo requests take and how far ahead of their
// answers their slots can be given back.
type pacer struct {
	now func() time.Time

	mu      sync.Mutex
	lead    time.Duration         // slots are freed this long before an answer is expected
	ceiling time.Duration         // lead that overshot last time, less a tenth; 0 = none yet
	started bool                  // lead has had its first value
	predict map[int]time.Duration // expected round trip by rounds of server work (see rounds)
	late    time.Duration         // smoothed lateness: how much later than predicted answers come
	jitter  time.Duration         // smoothed deviation of answers from their mean (mean), early or late
	mean    map[int]time.Duration // smoothed round trip by rounds, the same weight up and down
	netRTT  rttMin                // round trips of requests with no photo work
	lastCut time.Time
	cuts    int
	early   int

	// window is how many of the limiter's slots are in use; the rest are
	// parked. It halves when throttling goes on with lead already small
	// (the server's limit is below the client's) and grows by one after
	// a run of clean answers, more slowly above where it was throttled.
	window    int
	size      int // the most the window may grow to: the limiter's slots
	windowTop int // the window that was throttled last, less one; 0 = none
	clean     int // photo answers since the last congestion or growth
	strikes   int // congestions with no lead since the window last changed
	resize    func(to int)
}

func newPacer(size int, resize func(int)) *pacer {
	return &pacer{now: time.Now, predict: map[int]time.Duration{}, mean: map[int]time.Duration{}, window: size, size: size, resize: resize}
}

// rounds is how many times over a request occupies the server's slots: a
// $batch of 20 photo items under a limit of 4 runs in 5 rounds.
func rounds(items, limit int) int {
	if items <= 0 {
		return 0
	}
	return (items + limit - 1) / limit
}

// lightBody is the largest answer whose round trip is taken for the
// network's: a page of a thousand members spends its time at the server.
const lightBody = 16 << 10

// minLead is the least lead worth sending ahead for: below it, on a
// loopback or a LAN, the scheduler's jitter is as large as the gain, and
// a request sent early would only overlap the last at the server.
const minLead = 5 * time.Millisecond

// hold is how long after sending a request of r rounds its slots stay
// taken: the expected round trip (extrapolated for a size not seen yet)
// less lead, but at least an eighth of it, plus holdMargin. Lead may reach
// the network's whole round trip — a request then leaves as the last one's
// work ends — because an overestimate of the network (a light request's
// own server time counted as network) is corrected by the AIMD: the first
// concurrency 429 halves lead and caps it below where it overshot. 0 means
// until the answer: nothing seen to estimate from, or a lead too small to
// be worth the risk (minLead, or under jitterLeads times the lateness or
// the jitter).
func (p *pacer) hold(r int) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	t, seen := p.predict[r]
	guess := time.Duration(0)
	if !seen {
		var ok bool
		var from int
		if t, from, ok = p.extrapolate(r); !ok {
			return 0
		}
		if r < from { // scaled down, which leaves the kind's fixed costs out (guessShare)
			guess = (t - p.netRTT.get()) / guessShare
		}
	}
	lead := min(p.lead, t*7/8)
	if lead < minLead || lead < jitterLeads*max(p.late, p.jitter) {
		return 0
	}
	// A little more than the estimate: the next request arriving even
	// a millisecond before this one's last items are done has its first
	// items throttled, and a small envelope has no encoding time of its
	// own to hide the server's jitter in.
	return t - lead + holdMargin + (t-lead)/holdMarginShare + lateMargins*p.late + guess
}

// guessShare: a round trip extrapolated down rather than seen (extrapolate
// from a longer kind) is held a guessShare-th of its server time more.
// Scaling the longest kind down by rounds leaves out the envelope's fixed
// costs (scaling a shorter one up counts them over already), so it falls short
// for the small envelopes it is used for — a list's last retries, an
// export's last throttled items — which follow each other closely at the
// end of a job, when the client is busiest decoding. Two envelopes of
// three avatars sent 26 ms apart at 100 ms round trips had the second's
// items refused in 7 runs of 40 when the first arrived 8 ms late; with a
// quarter more, small envelopes still were in 2 runs of 120, with half,
// in 1 of 120 (and a hiccup of the server refused a whole envelope in 2).
const guessShare = 2

// holdMargin, and a holdMarginShare-th of the time held, are added to
// every early hold (see hold): the server's jitter grows with its work.
// So are lateMargins times the smoothed lateness of answers (late), as
// TCP adds its round trip's variance to a timeout: on a busy machine or
// server, answers come later than predicted by more than the fixed
// margins, and a request sent even a millisecond before the last one's
// work ends has every item of its envelope refused (each one frees its
// slot for the next at once). A quiet run stays near the fixed margins.
// holdMargin is 6 ms, not the 4 ms it was, since the sandbox began to
// answer an envelope 1.3 ms sooner after its last item: the 4 ms had
// relied on the server's own time to write the answer, which the client
// counts in the round trip but which does not hold a slot. With 4 ms, 6
// export runs of 16 at 100 ms had an envelope refused; with 6 ms, 1 of 16
// (16 at 20 ms: none), and the mean run was no slower (7.30 s / 7.47 s).
const (
	holdMargin      = 6 * time.Millisecond
	holdMarginShare = 32
	lateMargins     = 2
	lateGain        = 8 // late moves an eighth of the way to each new sample
	// jitterLeads: nothing is sent ahead while lead is under this many
	// times the lateness, or the jitter of answers either way — the gain
	// would be lost in it. On a loopback under load (the tests, -race)
	// the "network" round trip is the processes' own scheduling, as
	// jittery as it is long.
	jitterLeads = 4
)

// extrapolate estimates the round trip of a request of r rounds not seen
// yet — the few throttled items an export sends again, or a list's last
// avatars — from the longest kind seen, of from rounds: the network's
// share plus its server time scaled by rounds. Without it such a request
// held its slots for its whole round trip, and the next full envelope
// waited for it.
func (p *pacer) extrapolate(r int) (t time.Duration, from int, ok bool) {
	if !p.netRTT.known() {
		return 0, 0, false
	}
	best, longest := 0, time.Duration(0)
	for k, d := range p.predict {
		if k > best {
			best, longest = k, d
		}
	}
	net := p.netRTT.get()
	if best == 0 || longest <= net {
		return 0, 0, false
	}
	return net + (longest-net)*time.Duration(r)/time.Duration(best), best, true
}

// answered records a photo request of r rounds answered (not refused)
// after d, so the pace may creep up.
func (p *pacer) answered(r int, d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	// Up fast (half the way at once), down slowly: a round trip
	// underestimated frees slots too early and draws a 429, one
	// overestimated only wastes a little; following a single slow answer
	// all the way would let one hiccup of the server slow the next
	// envelopes.
	old, seen := p.predict[r]
	if seen {
		// One stall (a collection, a server's hiccup of seconds) counts
		// as half a round trip late at most, or it would keep the
		// pacer from sending ahead for dozens of envelopes.
		p.late += (min(max(0, d-old), old/2) - p.late) / lateGain
	}
	p.sawSwing(r, d)
	switch {
	case !seen:
		p.predict[r] = d
	case d < old:
		p.predict[r] = old + (d-old)/8
	default:
		p.predict[r] = old + (d-old)/2
	}
	if t := p.predict[r]; p.netRTT.known() {
		// Without a light request's round trip there is no telling the
		// network's share from the server's, and nothing is sent ahead.
		soft := p.netRTT.get() // hold keeps an eighth of each round trip
		if !p.started {
			// The network's whole share from the first answer: starting
			// at three quarters of it and creeping up cost a list's 100
			// avatars 30 ms in two gaps of 25 ms (1.020 s against 0.992 s,
			// 12 runs each at 100 ms), and 40 runs in the sandbox with
			// the whole share had no 429. The hold still keeps an eighth
			// of the round trip and the margins, and the first overshoot
			// halves it.
			p.started = true
			p.lead = soft
		}
		// Additive increase up to the network's share of the round trip
		// (it cannot be known exactly: the answer's tail on the wire is
		// safe lead too, but probing for it costs a throttled envelope,
		// up to 20 items, each time), never past the last overshoot.
		top := soft
		if p.ceiling > 0 {
			p.ceiling = min(p.ceiling+t/4096, soft) // the network may have got faster: probe slowly
			top = p.ceiling
		}
		p.lead = min(p.lead+t/16, top)
	}

	p.clean++
	if p.clean >= 16*p.window {
		p.strikes = 0 // a while without throttling: start counting afresh
	}
	need := 16 * p.window // about four round trips of clean answers
	if p.windowTop > 0 && p.window >= p.windowTop {
		need *= 32 // probe a window that was throttled before only now and then
	}
	if p.window < p.size && p.clean >= need {
		p.window++
		p.clean = 0
		p.resize(p.window)
	}
}

// sawSwing updates the jitter, as TCP its round trip's variance: early
// answers count as much as late ones, since round trips that swing both
// ways around a prediction that chases the slow ones (up fast, down
// slowly) are rarely late by much, yet no lead is safe among them. It is
// measured against a mean that moves the same weight either way, not
// against that prediction: after one slow answer every answer would look
// early against it until it came back down, and one hiccup of 150 ms held
// back the next 21 envelopes (7 now). Called with p.mu held.
func (p *pacer) sawSwing(r int, d time.Duration) {
	m, seen := p.mean[r]
	if !seen {
		p.mean[r] = d
		return
	}
	p.jitter += (min(max(d-m, m-d), m/2) - p.jitter) / lateGain
	// One stall of seconds moves the mean as an answer half as slow
	// again would, no more.
	p.mean[r] = m + (min(d, m*3/2)-m)/lateGain
}

// congested backs off after a concurrency 429, once per expected round
// trip: lead halves first (requests sent too soon), then goes to zero;
// throttled again with no lead, the window halves (more requests than the
// server allows).
func (p *pacer) congested() {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	window := time.Duration(0)
	for _, t := range p.predict {
		window = max(window, t)
	}
	if !p.lastCut.IsZero() && now.Sub(p.lastCut) < window {
		return
	}
	p.lastCut = now
	p.cuts++
	p.clean = 0
	// An overshoot says as much about the server's jitter as about lead
	// (at lead = the network's round trip, a late answer is the only
	// cause): the lateness margin widens at once and fades with the
	// answers that follow.
	p.late = max(p.late, holdMargin)
	switch {
	case p.lead > window/8:
		p.ceiling = p.lead * 9 / 10
		p.lead /= 2
		return
	case p.lead > 0:
		p.lead = 0
		return
	}
	// Throttled twice with nothing sent ahead of an answer: the server
	// allows fewer than the window (once may be a neighbour's burst: the
	// rule counts every user of the app).
	if p.strikes++; p.strikes < 2 {
		return
	}
	p.strikes = 0
	if p.window > 1 {
		p.windowTop = p.window - 1
		p.window = max(1, p.window/2)
		p.resize(p.window)
	}
}

// netKnown reports whether the network's round trip is known yet.
func (p *pacer) netKnown() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.netRTT.known()
}

// sawNetRTT records the round trip of a request with no photo work.
func (p *pacer) sawNetRTT(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.netRTT.add(d)
}

// PacingStats is what the photo pacer has learnt, for benchmarks and logs.
type PacingStats struct {
	Lead        time.Duration         // slots are freed this long before an answer is expected
	NetworkRTT  time.Duration         // the smallest recent round trip with no photo work; 0 = none seen
	RoundTrip   map[int]time.Duration // expected photo round trip by rounds of server work (a single photo is 1)
	Late        time.Duration         // smoothed lateness of answers against the prediction; each hold adds twice it
	Jitter      time.Duration         // smoothed deviation of answers from their mean, early or late
	Cuts        int                   // times lead was halved after a concurrency 429
	EarlyFrees  int                   // requests whose slots were freed before their answer
	PhotoLimit  int                   // the concurrent photo requests the client allows itself at most
	Window      int                   // of those, how many it uses now (fewer after throttling)
	ServiceTime time.Duration         // a single photo's time at the server, estimated: RoundTrip[1] - NetworkRTT
}

// Pacing reports what the client's photo pacer has learnt so far.
func (c *Client) Pacing() PacingStats {
	p := c.limiter.pacer
	p.mu.Lock()
	defer p.mu.Unlock()
	s := PacingStats{Lead: p.lead, Late: p.late, Jitter: p.jitter, Cuts: p.cuts, EarlyFrees: p.early, PhotoLimit: c.limiter.size(), Window: p.window, RoundTrip: map[int]time.Duration{}}
	for r, t := range p.predict {
		s.RoundTrip[r] = t
	}
	if p.netRTT.known() {
		s.NetworkRTT = p.netRTT.get()
		if t, ok := p.predict[1]; ok && t > s.NetworkRTT {
			s.ServiceTime = t - s.NetworkRTT
		}
	}
	return s
}

// rttMin is the smallest of the last few samples, so it follows a network
// that got slower instead of remembering its best moment forever.
type rttMin struct {
	samples [16]time.Duration
	n       int
}

func (m *rttMin) add(d time.Duration) {
	m.samples[m.n%len(m.samples)] = d
	m.n++
}

// known needs a few samples: one light request timed while the machine
// was busy would pass server or CPU time off as the network's. The probes
// of a job's start go out together and may share a busy moment; every
// later light request (a search, a page) adds a sample, the least of the
// last 16 counts, and a network overestimated — lead too long — is cut by
// the first concurrency 429 (congested).
func (m *rttMin) known() bool { return m.n >= netSamples }

// netSamples is how many light round trips make the network's known.
const netSamples = 3

func (m *rttMin) get() time.Duration {
	best := time.Duration(0)
	for i := range min(m.n, len(m.samples)) {
		if best == 0 || m.samples[i] < best {
			best = m.samples[i]
		}
	}
	return best
}

// batchParallel is how many photo items of one $batch Graph runs at once
// (shared/graph-facts.md): an envelope is itself that many concurrent
// requests, whatever slots the client took for it.
const batchParallel = 4

// envelopeItems is how many requests to put in one $batch: MaxBatch, or
// no more than the window when the server allows fewer concurrent photo
// requests than Graph runs of one envelope at once.
func (l *limiter) envelopeItems() int {
	if w := int(l.window.Load()); w < batchParallel {
		return w
	}
	return MaxBatch
}

// timesNetwork reports whether an answer's round trip says how long the
// network takes: any answer but a throttle or a busy server (an error is
// as quick a round trip as a success).
func timesNetwork(status int) bool {
	return status != http.StatusTooManyRequests && status < http.StatusInternalServerError
}

// isConcurrencyThrottle reports Graph's 429 for too many concurrent
// requests ("Application is over its MailboxConcurrency limit."), as
// opposed to a rate limit: the answer itself, or an item of a $batch
// envelope (whose own status is 200). Photo bytes never reach here as
// text, and base64 in an envelope has no quotes or spaces, so neither can
// spell the item status and message by accident.
func isConcurrencyThrottle(status int, body []byte) bool {
	// "oncurrency" matches Concurrency and concurrency without copying a
	// body of megabytes to lower it.
	switch status {
	case 429:
		return bytes.Contains(body, []byte("oncurrency"))
	case 200:
		return throttledItems(body) > 0 && bytes.Contains(body, []byte("oncurrency limit"))
	}
	return false
}

// itemThrottled is how a $batch envelope spells an item's 429, with and
// without the space.
var itemThrottled = [][]byte{[]byte(`"status":429`), []byte(`"status": 429`)}

// throttledItems counts the items of a $batch envelope answered 429, for
// any reason.
func throttledItems(body []byte) int {
	n := 0
	for _, spelling := range itemThrottled {
		n += bytes.Count(body, spelling)
	}
	return n
}
