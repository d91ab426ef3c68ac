//go:build !unix && !windows

package filelock

import "os"

// openFile creates the file only if it is not there: without a file lock,
// its existence is the lock (a crash leaves it for the person to remove).
func openFile(path string, perm os.FileMode) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
	if os.IsExist(err) {
		return nil, ErrHeld
	}
	return f, err
}

// tryLock has nothing more to do: openFile's exclusive create held.
func tryLock(*os.File) error { return nil }
