package photoedit

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// MaxFileBytes is the largest picture file ReadFile reads. A camera's
// JPEG within MaxPixels is far smaller (a 50 MP phone photo is 10–25 MB);
// a BMP or an uncompressed PNG of that many pixels can be larger and is
// refused by size, but is not how anyone keeps a photo. Reading a bigger
// file whole would only fill memory before saying so.
const MaxFileBytes = 100 << 20

// ErrNotAFile is returned by ReadFile for a path that is not a regular
// file: a folder, a device such as /dev/zero, a pipe.
var ErrNotAFile = errors.New("not a file (a folder, a device or a pipe)")

// ErrFileTooLarge is returned by ReadFile, before reading, for a file over
// MaxFileBytes.
var ErrFileTooLarge = errors.New("too large for a picture (over 100 MB)")

// ReadFile reads a picture file a person picked, refusing what is not a
// regular file or is too large before reading it whole; a file that grows
// while being read is cut off at the limit and refused too. Its errors
// start with words and end with the path as given ("no such file:
// ./photo.jpg"), not with the system call ("stat ./photo.jpg: …"), so they
// can be shown as they are; the system's error stays wrapped for errors.Is.
func ReadFile(path string) ([]byte, error) {
	// Looked at before it is opened: opening a named pipe waits for a
	// writer, for ever.
	if fi, err := os.Stat(path); err != nil {
		return nil, fileError(path, err)
	} else if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s", ErrNotAFile, path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return nil, fileError(path, err)
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("%w: %s", ErrNotAFile, path)
	case fi.Size() > MaxFileBytes:
		return nil, fmt.Errorf("%w: %s is %d MB", ErrFileTooLarge, path, fi.Size()>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fileError(path, err)
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("%w: %s", ErrFileTooLarge, path)
	}
	return data, nil
}

// fileError words a failure to stat, open or read path for a person: "no
// such file: PATH" or "cannot read PATH: permission denied", the system's
// reason without the system call's name, and path as given. err stays
// wrapped, so errors.Is(err, fs.ErrNotExist) and errors.As for
// *fs.PathError still work.
func fileError(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return &wordedError{"no such file: " + path, err}
	}
	reason := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		reason = pe.Err
	}
	return &wordedError{"cannot read " + path + ": " + reason.Error(), err}
}

// wordedError is an error whose words were chosen for a person, wrapping
// the error it explains.
type wordedError struct {
	text string
	err  error
}

func (e *wordedError) Error() string { return e.text }
func (e *wordedError) Unwrap() error { return e.err }
