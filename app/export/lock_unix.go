//go:build unix

package export

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// openLockFile opens or creates the lock file without following a symlink
// planted at its name (the folder may be shared).
func openLockFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o644)
}

// tryLock takes an exclusive flock on f without waiting; the kernel drops
// it when f is closed or the process ends.
func tryLock(f *os.File) error {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return errLockHeld
	}
	return err
}
