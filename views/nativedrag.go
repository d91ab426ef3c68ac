package views

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"

	"github.com/photodesk/photodesk/internal/dragout"
)

// nativeDrags makes one drag source for a window, from its native handle,
// the first time a drag starts, and keeps it for the window's life.
type nativeDrags struct {
	w      fyne.Window
	once   sync.Once
	source dragout.Source
	err    error
}

// get is the window's drag source; call it on the UI goroutine.
func (n *nativeDrags) get() (dragout.Source, error) {
	n.once.Do(func() {
		n.err = dragout.ErrUnsupported
		nw, ok := n.w.(driver.NativeWindow)
		if !ok {
			return
		}
		var handle uintptr
		nw.RunNative(func(ctx any) {
			switch c := ctx.(type) {
			case driver.X11WindowContext:
				handle = c.WindowHandle
			case driver.WindowsWindowContext:
				handle = c.HWND
			}
		})
		if handle != 0 {
			n.source, n.err = dragout.New(handle)
		}
	})
	return n.source, n.err
}

// close releases the source, if one was made.
func (n *nativeDrags) close() {
	if n.source != nil {
		_ = n.source.Close()
	}
}
