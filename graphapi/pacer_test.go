package graphapi

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The pacer's rules on a fake clock: lead creeps up to the network's
// round trip; a concurrency 429 halves it, then zeroes it, and
// two more halve the window (once per round trip each); clean answers grow the
// window back, slowly past where it was throttled.
func TestPacerAIMD(t *testing.T) {
	now := time.Unix(0, 0)
	l := newLimiter(4)
	p := l.pacer
	p.now = func() time.Time { return now }
	for range 3 {
		p.sawNetRTT(100 * time.Millisecond)
	}
	if p.hold(5) != 0 {
		t.Fatal("a hold for a kind of request never answered")
	}
	for range 50 {
		p.answered(5, 200*time.Millisecond)
	}
	if p.lead != 100*time.Millisecond {
		t.Fatalf("lead %v after many answers, want the network's 100ms", p.lead)
	}
	if h := p.hold(5); h != 100*time.Millisecond+holdMargin+100*time.Millisecond/holdMarginShare {
		t.Fatalf("hold %v, want 200ms - 100ms + the margins", h)
	}
	p.congested()
	if p.lead != 50*time.Millisecond || p.ceiling != 90*time.Millisecond || p.late != holdMargin {
		t.Fatalf("after a 429: lead %v ceiling %v late %v; want 50ms, 90ms and the lateness margin widened to %v", p.lead, p.ceiling, p.late, holdMargin)
	}
	p.congested() // the same overshoot seen again within a round trip
	if p.lead != 50*time.Millisecond || p.cuts != 1 {
		t.Fatalf("cut twice for one round trip: lead %v, %d cuts", p.lead, p.cuts)
	}
	for _, want := range []struct {
		lead   time.Duration
		window int
	}{{25 * time.Millisecond, 4}, {0, 4}, {0, 4}, {0, 2}, {0, 2}, {0, 1}, {0, 1}, {0, 1}} {
		now = now.Add(time.Second)
		p.congested()
		if p.lead != want.lead || p.window != want.window || int(l.window.Load()) != want.window {
			t.Fatalf("lead %v window %d (limiter %d), want %v and %d", p.lead, p.window, l.window.Load(), want.lead, want.window)
		}
	}
	if l.envelopeItems() != 1 {
		t.Errorf("envelopes of %d with a window of 1", l.envelopeItems())
	}
	waitFor(t, "3 slots parked", func() bool { return len(l.slots) == 3 })
	answers := 0
	for p.window < 2 {
		p.answered(1, 50*time.Millisecond)
		answers++
	}
	if answers != 16*32 { // 1 was throttled last: probed 32 times more slowly
		t.Errorf("window grew after %d clean answers, want 512", answers)
	}
	waitFor(t, "a slot unparked", func() bool { return len(l.slots) == 2 })
	if p.lead == 0 {
		t.Error("lead did not creep up again")
	}
}

func TestIsConcurrencyThrottle(t *testing.T) {
	for _, c := range []struct {
		status int
		body   string
		want   bool
	}{
		{429, `{"error":{"code":"ApplicationThrottled","message":"Application is over its MailboxConcurrency limit."}}`, true},
		{429, `{"error":{"code":"TooManyRequests","message":"Too many requests."}}`, false},
		{200, `{"responses":[{"id":"1","status":429,"body":{"error":{"message":"Application is over its MailboxConcurrency limit."}}}]}`, true},
		{200, `{"responses":[{"id":"1","status":429,"body":{"error":{"message":"Too many requests."}}}]}`, false},
		{200, `{"responses":[{"id":"1","status":200,"body":"concurrency limit"}]}`, false},
		{503, `MailboxConcurrency`, false},
	} {
		if got := isConcurrencyThrottle(c.status, []byte(c.body)); got != c.want {
			t.Errorf("%d %s: %v", c.status, c.body, got)
		}
	}
}

// Answers later than predicted widen every hold by twice their smoothed
// lateness, and a quiet run brings it back: on a busy machine the fixed
// margins alone let an envelope arrive while the last was still at work.
func TestPacerLatenessWidensTheHold(t *testing.T) {
	p := steadyPacer(100*time.Millisecond, 200*time.Millisecond)
	quiet := p.hold(5)
	if p.late != 0 || quiet != 100*time.Millisecond+holdMargin+100*time.Millisecond/holdMarginShare {
		t.Fatalf("steady answers: late %v, hold %v; want no lateness and the fixed margins", p.late, quiet)
	}
	for range 10 {
		p.answered(5, p.predict[5]+20*time.Millisecond) // each 20 ms later than expected
	}
	// Round trips climbing this fast also swing against their mean, which
	// would hold everything back (TestPacerHoldsBackAmongSwingingAnswers);
	// the margin is what is looked at here.
	p.jitter = 0
	busy, late := p.hold(5), p.late
	p.late = 0
	same := p.hold(5) // the same prediction and lead without the lateness
	p.late = late
	if late < 10*time.Millisecond || busy-same != lateMargins*late {
		t.Fatalf("after late answers: late %v, hold %v (%v without it); want late near 20ms and the hold widened by twice it", late, busy, same)
	}
	for range 60 {
		p.answered(5, p.predict[5]-time.Millisecond) // on time again
	}
	if p.late > time.Millisecond {
		t.Errorf("late %v after a quiet run, want it back under 1ms", p.late)
	}
	p.answered(5, 2*time.Second) // one stall of seconds
	if p.late > p.predict[5]/16+time.Millisecond || p.hold(5) == 0 {
		t.Errorf("after one 2 s stall: late %v, hold %v; want it counted as half a round trip at most, still sending ahead", p.late, p.hold(5))
	}
}

// Nothing is sent ahead while the lead is lost in the jitter: on a
// loopback under load the "network" round trip is the processes' own
// scheduling, and sending 8 ms ahead of answers that come up to 4 ms late
// draws the concurrency rule's 429s for no gain.
func TestPacerSendsAheadOnlyPastTheJitter(t *testing.T) {
	p := steadyPacer(8*time.Millisecond, 30*time.Millisecond)
	if p.lead != 8*time.Millisecond || p.hold(5) == 0 {
		t.Fatalf("steady answers: lead %v, hold %v; want the network's 8ms and slots freed ahead", p.lead, p.hold(5))
	}
	p.late = 3 * time.Millisecond // answers jitter by more than a quarter of the lead
	if h := p.hold(5); h != 0 {
		t.Errorf("hold %v with lateness %v against a lead of %v; want 0 (held until the answer)", h, p.late, p.lead)
	}
}

// Round trips that swing both ways are as unsafe to send ahead among as
// late ones: the prediction chases the slow answers (up fast, down
// slowly), so the fast ones come early and the lateness stays small. A
// loopback under -race had envelopes of the same size answered in 55 ms
// and in 300 ms, sent 19 ms ahead on lateness of 1-3 ms, and up to 82 of
// 1,551 photo requests refused by the concurrency rule (cli
// TestExportGroupUnderFaults).
func TestPacerHoldsBackAmongSwingingAnswers(t *testing.T) {
	p := steadyPacer(20*time.Millisecond, 100*time.Millisecond)
	if p.hold(5) == 0 {
		t.Fatalf("steady answers: hold 0 with lead %v; want slots freed ahead", p.lead)
	}
	for i := range 200 {
		d := 100 * time.Millisecond
		if i%2 == 0 {
			d += 40 * time.Millisecond // every other answer 40 ms slower
		}
		p.answered(5, d)
	}
	if jitterLeads*p.late >= p.lead {
		t.Fatalf("late %v against lead %v: the lateness alone already holds back; the case is not the one meant", p.late, p.lead)
	}
	if h := p.hold(5); h != 0 {
		t.Errorf("hold %v with answers swinging by 40 ms (jitter %v, late %v, lead %v); want 0 (held until the answer)", h, p.jitter, p.late, p.lead)
	}
	for range 100 {
		p.answered(5, p.predict[5]) // steady again
	}
	if p.hold(5) == 0 {
		t.Errorf("steady again: hold 0 (jitter %v); want slots freed ahead once more", p.jitter)
	}
	// One slow answer holds back only the next few: measured against the
	// prediction (up fast, down slowly), every answer after it looked
	// early, and one of 150 ms held back the next 21.
	steady := p.predict[5]
	p.answered(5, steady+50*time.Millisecond)
	held := 0
	for range 40 {
		if p.hold(5) == 0 {
			held++
		}
		p.answered(5, steady)
	}
	if held > 10 {
		t.Errorf("one answer 50 ms slow held back the next %d of 40 (jitter %v, late %v); want a few at most", held, p.jitter, p.late)
	}
}

// steadyPacer is a pacer that has timed the network at net and answered
// envelopes of 5 rounds in rt, on time, long enough for lead to settle.
func steadyPacer(net, rt time.Duration) *pacer {
	p := newLimiter(4).pacer
	for range netSamples {
		p.sawNetRTT(net)
	}
	for range 50 {
		p.answered(5, rt)
	}
	return p
}

// An envelope is learnt by the rounds its served items took: items
// throttled at random are answered at once and hold no slot, so an envelope
// of 20 with four of them ran in 4 rounds. Counted as 5, such answers
// looked a round early, a swing that held sending ahead back (jitter).
func TestEnvelopeLearntByTheRoundsServed(t *testing.T) {
	tk := &ticket{items: 20, window: 4, envelope: true}
	throttled := `{"id":"%d","status":429,"headers":{"Retry-After":"0.5"},"body":{"error":{"code":"TooManyRequests"}}}`
	body := func(n int) []byte {
		var items []string
		for i := range n {
			items = append(items, fmt.Sprintf(throttled, i))
		}
		items = append(items, `{"id":"x","status": 200,"body":"/9j/4AAQ"}`)
		return []byte(`{"responses":[` + strings.Join(items, ",") + `]}`)
	}
	for _, c := range []struct{ throttled, want int }{{0, 5}, {1, 5}, {4, 4}, {5, 4}, {19, 1}} {
		if got := tk.servedRounds(body(c.throttled)); got != c.want {
			t.Errorf("%d of 20 items throttled: %d rounds, want %d", c.throttled, got, c.want)
		}
	}
	single := &ticket{items: 1, window: 4}
	if got := single.servedRounds([]byte(`"status":429`)); got != 1 {
		t.Errorf("a photo's own bytes are not read: %d rounds, want 1", got)
	}
}
