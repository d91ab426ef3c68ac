// Package filelock holds a file with the operating system's exclusive lock
// (flock on Unix, LockFileEx on Windows), so two Photo Desk processes
// cannot write one export folder, one import journal or one keyring entry
// at once. The lock belongs to the open file, not the process, so two
// opens in one process exclude each other too. The kernel ends the hold
// with the process, so a crash or a SIGKILL leaves nothing to clean up and
// nothing for two later runs to fight over.
package filelock

import (
	"errors"
	"fmt"
	"os"
	"runtime"
)

// ErrHeld is returned by Open when another open file holds the lock.
var ErrHeld = errors.New("held by another process")

// File is a file held under the lock; Release ends the hold.
type File struct {
	*os.File
	path string
}

// Open opens or creates path with perm (never through a symlink, on Unix) and takes
// the lock without waiting. A file removed by its last holder after it
// was opened here is opened again, so the hold is always on the file that
// is at path.
func Open(path string, perm os.FileMode) (*File, error) {
	for range 5 {
		f, err := openFile(path, perm)
		if err != nil {
			return nil, err
		}
		if err := tryLock(f); err != nil {
			_ = f.Close()
			return nil, err
		}
		if stillAt(f, path) {
			return &File{File: f, path: path}, nil
		}
		_ = f.Close()
	}
	return nil, fmt.Errorf("%s: %w", path, ErrHeld)
}

// stillAt reports whether f is still the file at path.
func stillAt(f *os.File, path string) bool {
	held, err := f.Stat()
	if err != nil {
		return false
	}
	now, err := os.Lstat(path)
	return err == nil && os.SameFile(held, now)
}

// Release ends the hold; with remove, the file goes too. Where an open
// file can be removed (Unix), it goes first, so nobody can lock it in
// between and then lose it to the removal. Windows refuses to remove a
// file Go holds open, so there it goes after the close; a holder that
// locks it in that instant keeps it, since Windows will not remove a file
// another process has open either. Safe on nil and more than once.
func (f *File) Release(remove bool) {
	if f == nil || f.File == nil {
		return
	}
	if remove && runtime.GOOS != "windows" {
		_ = os.Remove(f.path)
	}
	_ = f.File.Close()
	f.File = nil
	if remove && runtime.GOOS == "windows" {
		_ = os.Remove(f.path)
	}
}
