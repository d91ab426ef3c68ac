package graphapi

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// The pacer needs the network's share of a round trip before it can send
// a photo request ahead of the last one's answer, and it learns that only
// from light requests (pacer.go). A job that begins with photo requests —
// an export from the command line, a list's avatars — may have made none,
// so the first photo request starts a few light requests of its own and
// waits for their answers before it goes: GET /me?$select=id, whose
// answer is tiny and costs the server next to nothing. Any answer Graph
// sends counts, an error too (an app-only token's 400 for /me is as quick
// a round trip as a 200); a throttle or a busy server does not. They run
// under the photo request's context, so they end with its job and its
// account.
//
// They used to go beside the first photo request, and were then timed
// while its photos were served. On Graph that work runs on Microsoft's
// servers; the built-in sandbox draws a photo the first time it is asked
// for, on the CPU the client runs on, and a fresh sandbox's first export
// took the loopback for a 20-46 ms network (0.1-2 ms otherwise). The pacer
// then sent the second envelope that far ahead of the first's answer, and
// every item of it was refused by the concurrency rule: 3 cold exports of
// the default tenant in 15, none in 15 with the wait. The wait costs a job
// one light round trip, once per client.

// probePath is the lightest request every token can make.
const probePath = "/me?$select=id"

// probeFailures is how many probes may be throttled or fail before the
// client stops probing: one 429 may be chance (a tenant's neighbours),
// three say Graph is under strain. A run sends netSamples probes at once,
// so a Graph that throttles every one of them gets a single run.
const probeFailures = 3

// probing says whether probes are on (WithNetworkProbes) and holds the
// run under way, so only one runs at once.
type probing struct {
	enabled bool
	mu      sync.Mutex
	run     chan struct{} // closed when the run ends; nil when none is under way
	failed  int           // probes throttled or failed, in runs that left the network unknown
	// waiting counts photo requests waiting for a run to end; only
	// TestProbesGoBeforeThePhotoWork reads it, to know one is waiting.
	waiting atomic.Int32
}

// probeWaitCap bounds a photo request's wait for the probes: a Graph slow
// to answer even /me should not hold a job back for long. The probes go on
// and still time the network when their answers come.
const probeWaitCap = 2 * time.Second

// awaitProbes starts the probes the pacer needs, if it needs them, and
// waits for their answers (at most probeWaitCap), so no photo work of
// this client is under way while they are timed. A photo someone is
// waiting to see (Urgent) starts them but does not wait: one photo beside
// them is not an envelope's twenty, and the window's first photo, which
// its head start sends right after the first list, would come a whole
// probe round trip later (up to probeWaitCap); the envelopes after it
// still wait.
func (c *Client) awaitProbes(ctx context.Context) {
	run := c.probeNetwork(ctx)
	if run == nil || isUrgent(ctx) {
		return
	}
	c.probe.waiting.Add(1)
	defer c.probe.waiting.Add(-1)
	limit := time.NewTimer(probeWaitCap)
	defer limit.Stop()
	select {
	case <-run:
	case <-limit.C:
	case <-ctx.Done():
	}
}

// probeNetwork starts, in the background, the light requests the pacer
// needs to know the network's round trip — all at once, so it is known
// after one round trip rather than netSamples of them: one after another,
// at 100 ms, the network was known only after the second envelope had
// been sent, which then could not be sent ahead of the first's answer.
// Nothing starts when the round trip is known already. The channel is closed when the run ends (the one already
// under way, if any); nil when none is needed.
func (c *Client) probeNetwork(ctx context.Context) <-chan struct{} {
	if !c.probe.enabled {
		return nil
	}
	c.probe.mu.Lock()
	defer c.probe.mu.Unlock()
	if c.probe.run != nil {
		return c.probe.run
	}
	if c.probe.failed >= probeFailures || c.limiter.pacer.netKnown() {
		return nil
	}
	done := make(chan struct{})
	c.probe.run = done
	var probes sync.WaitGroup
	var failed atomic.Int32
	for range netSamples {
		// Timed by the limiter's ticket (ticket.done), like any request
		// with no photo work.
		probes.Go(func() {
			resp, _, err := c.try(ctx, &request{method: http.MethodGet, url: c.url(probePath)}, newGUID())
			if err != nil || !timesNetwork(resp.status) {
				failed.Add(1)
			}
		})
	}
	go func() {
		probes.Wait()
		c.probe.mu.Lock()
		c.probe.run = nil
		// Probes throttled, refused by a busy server or failed count, and
		// after probeFailures of them the client stops probing: with every
		// job it would add to the strain. The pacer then learns from
		// searches, or not at all, and holds its slots for whole round
		// trips.
		if ctx.Err() == nil && !c.limiter.pacer.netKnown() {
			c.probe.failed += max(1, int(failed.Load()))
		}
		c.probe.mu.Unlock()
		close(done)
	}()
	return done
}
