package views

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// background runs work off the UI goroutine and hands its results back.
// Its work belongs to one account: ctx ends when that account stops being
// current, and from then on do drops what the work hands back, so a late
// answer never lands in a window it was not fetched for. The window wires
// hop to fyne.Do; tests wire it to a queue they drain on the test
// goroutine, so widgets are only ever touched there and -race stays quiet.
type background struct {
	ctx  context.Context
	hop  func(func())
	busy atomic.Int64   // goroutines started by run and not yet finished
	jobs sync.WaitGroup // the same goroutines, for settle
	// answered is the goroutines of runToAnswer, also among jobs, for
	// settleAnswered.
	answered sync.WaitGroup
}

// run starts f on its own goroutine. f must not touch widgets; it passes
// any change to the UI through b.do.
func (b *background) run(f func()) {
	b.busy.Add(1)
	b.jobs.Go(func() {
		defer b.busy.Add(-1)
		f()
	})
}

// runToAnswer is run for a job whose requests on their way are worth
// their answers: one whose own Stop starts nothing new but lets what it
// sent be answered (an import, its undo), or a single photo change, which
// has no Stop (trackChange). On the way out the process waits for such
// jobs before it ends the account's work (shell.quitWork), so that what
// they sent is recorded as it went, not as perhaps gone through.
func (b *background) runToAnswer(f func()) {
	b.answered.Add(1)
	b.run(func() {
		defer b.answered.Done()
		f()
	})
}

// settle waits, at most until deadline, for the work run started to
// return, and reports whether it did. The process waits for it on the way
// out: work stopped by a quit still ends its own way — an upload cut off
// is journalled as perhaps gone through, a report row is written, lock and
// temporary files go — where exiting at once dropped it.
func (b *background) settle(deadline time.Time) bool { return waitUntil(&b.jobs, deadline) }

// settleAnswered is settle for the jobs of runToAnswer alone.
func (b *background) settleAnswered(deadline time.Time) bool {
	return waitUntil(&b.answered, deadline)
}

// waitUntil waits for wg, at most until deadline, and reports whether it
// was done.
func waitUntil(wg *sync.WaitGroup, deadline time.Time) bool {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}

// do runs f on the UI goroutine unless the account's work has ended.
func (b *background) do(f func()) {
	b.hop(func() {
		if b.ctx.Err() == nil {
			f()
		}
	})
}

// report runs f on the UI goroutine even after the account's work has
// ended: for a dialog that must say why its job stopped.
func (b *background) report(f func()) { b.hop(f) }
