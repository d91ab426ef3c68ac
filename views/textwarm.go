package views

import (
	"fyne.io/fyne/v2"
)

// textWarmUp loads the fonts of the window's first screen on a goroutine
// of its own while the main thread creates the window. The first text
// measured otherwise pays for it on the UI goroutine after the window is
// shown: Fyne scans the system's fonts and parses its theme's and the
// language's (about 60 ms of CPU for regular and bold on our 2-core
// machine, `make bench` scenario 4), while the second core sits mostly idle.
//
// Fyne measures text on the UI goroutine only: under migrated_fynedo its
// font and text-size caches are plain maps, and a font face keeps a cache
// that shaping writes. So nothing on the UI goroutine may measure text
// until the warm-up is over: the window's held states are rendered only
// after wait (windowShown). Until then the window is empty and measures
// nothing.
type textWarmUp struct {
	done chan struct{}
}

// firstScreenStyles are the styles the main view shows at once: names and
// headings in bold, everything else regular.
var firstScreenStyles = []fyne.TextStyle{{}, {Bold: true}}

// startTextWarmUp measures a word at size in each of the first screen's
// styles with measure (fyne.MeasureText), which loads their fonts into
// Fyne's cache.
func startTextWarmUp(measure func(string, float32, fyne.TextStyle) fyne.Size, size float32) *textWarmUp {
	t := &textWarmUp{done: make(chan struct{})}
	go func() {
		defer close(t.done)
		for _, style := range firstScreenStyles {
			measure("Photo Desk", size, style)
		}
	}()
	return t
}

// wait returns once the fonts are loaded.
func (t *textWarmUp) wait() { <-t.done }
