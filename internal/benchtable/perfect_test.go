package benchtable

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"time"
)

// The floor counts one round trip and the server's work. Some of what
// Photo Desk spends above it no client can save in the sandbox's model:
// the 5% of requests throttled wait out their Retry-After, and the last
// of them, refused near the end, keeps the run going half a second after
// everything else is done; an envelope whose items were refused ends a
// round early, which nobody knows until its answer; people missing at
// 48x48 are asked again a round trip after their first answer; and no
// client knows the server's time before the first photo answer, so the
// second envelope cannot leave before it. perfectTiming plays the run
// as Photo Desk's own strategy would with flawless timing — every
// envelope arriving exactly as the last one's work is predicted to end,
// nothing lost to margins or jitter — so the table can show how much of
// the gap to the floor is the pacer's and how much the model's.

// model is the sandbox's rules, as faults sets them.
type model struct {
	rtt, server, retryAfter time.Duration
	// slots is the concurrency rule, which is also how many photo items
	// of one $batch run at once; perBatch, the items of one envelope.
	slots, perBatch int
	throttle        float64 // chance an item is refused at once, with retryAfter
	listFirst       bool    // one request (a round trip) lists the people before any photo
}

// simItem is one ask; second says it is a person's second ask, made when
// the first found no photo at the size asked for.
type simItem struct {
	person int
	second bool
}

// simDue is an ask that may be sent from at on.
type simDue struct {
	at   time.Duration
	item simItem
}

// perfectTiming simulates one run for len(needSecond) people, of whom
// those marked are asked a second time after their first answer, and
// returns how long it takes. The client knows the round trip from the
// start and the server's time from its first answer. Times are measured
// from the first request; latency is all on the way in, as in the sandbox.
func (m model) perfectTiming(rng *rand.Rand, needSecond []bool) time.Duration {
	start := time.Duration(0)
	if m.listFirst {
		start = m.rtt
		for rng.Float64() < m.throttle { // the list is throttled as often as a photo
			start += m.retryAfter + m.rtt
		}
	}
	var firsts []simItem
	for p := range needSecond {
		firsts = append(firsts, simItem{person: p})
	}
	var later []simDue // retries and second asks, in the order they became due
	freeAt := time.Duration(0)
	learnt := time.Duration(-1) // when the first answer told the server's time
	end := time.Duration(0)
	for len(firsts)+len(later) > 0 {
		// Sent to arrive as the server is predicted to be free, once the
		// server's time is known; the first envelope leaves at start.
		send := max(start, freeAt-m.rtt)
		if learnt >= 0 {
			send = max(send, learnt)
		}
		if len(firsts) == 0 && later[0].at > send {
			send = later[0].at // nothing to send until the next ask is due
		}
		var batch []simItem
		for len(batch) < m.perBatch && len(later) > 0 && later[0].at <= send {
			batch, later = append(batch, later[0].item), later[1:]
		}
		n := min(m.perBatch-len(batch), len(firsts))
		batch, firsts = append(batch, firsts[:n]...), firsts[n:]
		arrive := send + m.rtt
		workers := make([]time.Duration, m.slots)
		for i := range workers {
			workers[i] = arrive
		}
		var refused, answered []simItem
		for _, it := range batch {
			if rng.Float64() < m.throttle {
				refused = append(refused, it)
				continue
			}
			w := 0
			for i := range workers {
				if workers[i] < workers[w] {
					w = i
				}
			}
			workers[w] += m.server
			answered = append(answered, it)
		}
		done := arrive
		for _, t := range workers {
			done = max(done, t)
		}
		// The client cannot know which items will be refused: it counts
		// on every one of them taking its round.
		freeAt = arrive + time.Duration((len(batch)+m.slots-1)/m.slots)*m.server
		if learnt < 0 {
			learnt = done
		}
		end = max(end, done)
		var due []simDue
		for _, it := range refused {
			due = append(due, simDue{done + m.retryAfter, it})
		}
		for _, it := range answered {
			if !it.second && needSecond[it.person] {
				due = append(due, simDue{done, simItem{person: it.person, second: true}})
			}
		}
		later = mergeDue(later, due)
	}
	return end
}

// mergeDue adds due to later, keeping it in the order the asks fall due
// (after those due at the same time).
func mergeDue(later, due []simDue) []simDue {
	for _, d := range due {
		i, _ := slices.BinarySearchFunc(later, d.at+1, func(x simDue, at time.Duration) int { return cmp.Compare(x.at, at) })
		later = slices.Insert(later, i, d)
	}
	return later
}

// timings is perfectTiming over many seeded runs: the random throttling
// alone moves a run by a second.
type timings struct {
	mean, p10, p90 time.Duration
}

// perfectTimings plays runs seeded runs.
func (m model) perfectTimings(needSecond []bool, runs int) timings {
	ds := make([]time.Duration, runs)
	var sum time.Duration
	for i := range runs {
		ds[i] = m.perfectTiming(rand.New(rand.NewPCG(1, uint64(i))), needSecond)
		sum += ds[i]
	}
	slices.Sort(ds)
	return timings{mean: sum / time.Duration(runs), p10: ds[runs/10], p90: ds[runs*9/10]}
}
