//go:build !(linux || freebsd || netbsd || openbsd || dragonfly || windows)

package dragout

// New has no drag source to offer on this platform (macOS): the window
// keeps its drop-a-folder-in fallback.
func New(uintptr) (Source, error) { return nil, ErrUnsupported }
