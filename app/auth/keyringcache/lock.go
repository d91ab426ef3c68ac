package keyringcache

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/photodesk/photodesk/app/filelock"
)

// How long Save and Clear sleep between looks at a lock another writer
// holds: short at first, since a keyring write takes milliseconds, and
// never long, so the wait ends soon after the other write does.
const (
	firstLockWait = 2 * time.Millisecond
	maxLockWait   = 100 * time.Millisecond
)

// WithLockFile makes Save and Clear hold the operating system's lock on
// the file at path (package filelock) while they write, so two writers of
// one entry — the window and the command line, or an old and a new session
// in one process — take turns: each reads the index the other left and
// writes the next generation, rather than both writing the same generation
// over each other's chunks (a cache whose checksum fails, thrown away with
// every sign-in in it). Every Store of the entry must name the same path;
// the caller picks it, next to its other files, as this package knows no
// app folders. The file holds nothing and is removed after each write; its
// folder is made if missing.
func WithLockFile(path string) Option {
	return func(s *Store) { s.lockPath = path }
}

// lockEntry waits, for as long as ctx allows, until no other writer holds
// the entry's lock file, and takes it; release ends the hold. Without a
// lock file (none configured) it holds nothing. The lock is per open file
// (flock on Unix, LockFileEx on Windows), so two Stores in one process
// exclude each other as two processes do.
func (s *Store) lockEntry(ctx context.Context) (release func(), err error) {
	if s.lockPath == "" {
		return func() {}, nil
	}
	wait := firstLockWait
	for {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("wait for the keyring entry %q: %w", s.account, err)
		}
		f, err := openLock(s.lockPath)
		if err == nil {
			return func() { f.Release(true) }, nil
		}
		if !errors.Is(err, filelock.ErrHeld) {
			// The lock file cannot be made (a read-only home, a full
			// disk): write without it rather than fail a sign-in over a
			// file that holds nothing. Only a writer in another process at
			// the same moment can then mix generations, as before locks.
			return func() {}, nil
		}
		if s.lockHeld != nil {
			s.lockHeld()
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, fmt.Errorf("wait for the keyring entry %q: %w", s.account, ctx.Err())
		case <-timer.C:
		}
		wait = min(2*wait, maxLockWait)
	}
}

// openLock takes the lock file at path, making its folder if needed.
func openLock(path string) (*filelock.File, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	return filelock.Open(path, 0o600)
}
