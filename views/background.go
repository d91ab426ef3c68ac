package views

import "sync/atomic"

// background runs work off the UI goroutine and hands its results back.
// Create wires do to fyne.Do; tests wire it to a queue they drain on the test
// goroutine, so widgets are only ever touched there and -race stays quiet.
type background struct {
	do   func(func())
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
