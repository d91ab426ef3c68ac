//go:build windows

package export

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// openLockFile opens or creates the lock file.
func openLockFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
}

// tryLock takes an exclusive lock without waiting; Windows drops it when
// the handle closes or the process ends. Windows locks are mandatory, so
// the locked byte lies far past the process id, which others still read.
func tryLock(f *os.File) error {
	ol := &windows.Overlapped{OffsetHigh: 1}
	err := windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return errLockHeld
	}
	return err
}
