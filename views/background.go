package views

import (
	"context"
	"sync/atomic"
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
	busy atomic.Int64 // goroutines started by run and not yet finished
}

// run starts f on its own goroutine. f must not touch widgets; it passes
// any change to the UI through b.do.
func (b *background) run(f func()) {
	b.busy.Add(1)
	go func() {
		defer b.busy.Add(-1)
		f()
	}()
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
