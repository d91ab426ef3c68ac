//go:build !windows

package winconsole

// Attach does nothing outside Windows, where a program always has the
// standard streams its parent gave it.
func Attach() {}
