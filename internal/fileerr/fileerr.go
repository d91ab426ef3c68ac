// Package fileerr words a failure to open or read a file a person named,
// for that person: the system's reason without the system call's name
// ("no such file: ./photo.jpg", not "open ./photo.jpg: no such file or
// directory"), the path as given, and the error still wrapped.
package fileerr

import (
	"errors"
	"io/fs"
)

// Worded words a failure to stat, open or read path: "no such file: PATH"
// or "cannot read PATH: permission denied". err stays wrapped, so
// errors.Is(err, fs.ErrNotExist) and errors.As for *fs.PathError still
// work.
func Worded(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return &worded{"no such file: " + path, err}
	}
	reason := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		reason = pe.Err
	}
	return &worded{"cannot read " + path + ": " + reason.Error(), err}
}

// worded is an error whose words were chosen for a person, wrapping the
// error it explains.
type worded struct {
	text string
	err  error
}

func (e *worded) Error() string { return e.text }
func (e *worded) Unwrap() error { return e.err }
