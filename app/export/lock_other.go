//go:build !unix && !windows

package export

import "os"

// openLockFile creates the lock file only if it is not there: without a
// file lock, the file's existence is the lock (a crash leaves it behind
// for the person to remove).
func openLockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if os.IsExist(err) {
		return nil, errLockHeld
	}
	return f, err
}

// tryLock has nothing more to do: openLockFile's exclusive create held.
func tryLock(*os.File) error { return nil }
