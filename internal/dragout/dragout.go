package dragout

import "errors"

// ErrUnsupported means this platform has no drag source here (macOS, or
// an X11 build without a display).
var ErrUnsupported = errors.New("dragging out of the window is not supported here")

// Item is what a drag offers. Both are asked for only when a target wants
// them, at the drop, so a drag can start before the photo is at hand.
type Item struct {
	// File is the path of the file a drop delivers, written before it is
	// returned.
	File func() (string, error)
	// PNG, if set, is the image as PNG for targets that take pictures.
	PNG func() ([]byte, error)
	// Dropped, if set, is called once when the button comes up to drop,
	// before the target asks for the data at the drop: an item still
	// fetching its data bounds its wait from then, not from a request
	// made while the pointer moved.
	Dropped func()
	// Ready, if set, is closed once File and PNG answer at once, with the
	// data or with the error that it will not come (its owner closes it
	// when it gives up waiting). Targets often decide whether they take
	// a drop by asking for the data while the pointer moves, and say no
	// while it is not at hand; so the X11 source holds a drop until Ready
	// and then asks the target again where the button came up.
	Ready <-chan struct{}
}

// Result is how a drag ended.
type Result int

// The ways a drag ends.
const (
	// Dropped: a target took the drop and said it copied it (on X11, an
	// XdndFinished that succeeded with the copy or move action; on Windows,
	// the copy effect, the only one offered).
	Dropped Result = iota
	// NoTarget: the button came up where nothing takes a drop.
	NoTarget
	// Refused: the target under the pointer would not take the drop, or
	// said it failed.
	Refused
	// Cancelled: the person pressed Escape.
	Cancelled
	// TimedOut: the target never said whether it took the drop.
	TimedOut
	// NotCopied: the target took the drop but said it did something other
	// than copy it — made a link or a bookmark, or something of its own —
	// so no file may have been saved there (X11 only: targets may answer
	// with any action, whatever the source offers).
	NotCopied
)

func (r Result) String() string {
	switch r {
	case Dropped:
		return "dropped"
	case NoTarget:
		return "no target"
	case Refused:
		return "refused"
	case Cancelled:
		return "cancelled"
	case TimedOut:
		return "timed out"
	case NotCopied:
		return "not copied"
	}
	return "unknown"
}

// Drag is one drag in progress, fed by the window's pointer events. Its
// methods may be called from the UI goroutine; done is called once, from
// any goroutine.
type Drag interface {
	// Moved says the pointer moved with the button held; the source reads
	// where it is from the platform.
	Moved()
	// Released says the button came up: the item is dropped where the
	// pointer is, if something there takes it.
	Released()
	// Cancel ends the drag without a drop (Escape).
	Cancel()
}

// Source starts drags from one window, and puts files on the system
// clipboard from it with the same data a drag offers.
type Source interface {
	// Start begins a drag of item; done hears how it ended.
	Start(item Item, done func(Result)) (Drag, error)
	// Copy puts item on the system clipboard as a file (and its PNG, if
	// any, as a picture), so that a paste in a file manager's folder
	// copies the file and a paste in a mail attaches it. Item.File and
	// Item.PNG must answer at once: a program pasting asks for them while
	// it waits (on Windows, on the window's thread). Call it from the UI
	// goroutine; the copy stays until another copy, in any program,
	// replaces it.
	Copy(item Item) error
	// Close releases the source's platform resources. On Windows a copy
	// still on the clipboard is left there whole, so it can be pasted
	// after Photo Desk quits.
	Close() error
}
