package export

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// LockFileName is the file an export keeps in its folder while it runs.
// It holds the process id, so a lock left by a process that is gone (a
// crash, a SIGKILL) can be told from one in use.
const LockFileName = ".photodesk-export.lock"

// ErrFolderInUse is wrapped by LockFolder's error when another export is
// writing into the folder.
var ErrFolderInUse = errors.New("the folder is in use by another export")

// emptyLockGrace is how long a lock file without a process id counts as
// being written right now rather than left by a crash between creating
// and writing it.
const emptyLockGrace = 10 * time.Second

// FolderLock is an export's hold on its output folder; Unlock ends it.
type FolderLock struct {
	path string
}

// LockFolder takes dir for one export, so two exports into one folder
// cannot mix their files and reports while both report success (issue
// 14). A lock whose process is gone is taken over. Creating the lock file
// is also the proof that dir is writable, so callers take the lock before
// the first request rather than learn it after downloading everything.
func LockFolder(dir string) (*FolderLock, error) {
	path := filepath.Join(dir, LockFileName)
	for range 2 {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := fmt.Fprintf(f, "%d\n", os.Getpid())
			if cerr := f.Close(); werr == nil {
				werr = cerr
			}
			if werr != nil {
				_ = os.Remove(path)
				return nil, fmt.Errorf("cannot write into the folder %s: %w", dir, werr)
			}
			return &FolderLock{path: path}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("cannot write into the folder %s: %w", dir, err)
		}
		if pid, held := lockHeld(path); held {
			return nil, fmt.Errorf("%w: %s (process %d holds %s)", ErrFolderInUse, dir, pid, LockFileName)
		}
		// Stale: its process is gone. Remove it and try once more; if
		// another export takes it over first, the retry says in use.
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("cannot take over the stale lock in %s: %w", dir, err)
		}
	}
	return nil, fmt.Errorf("%w: %s", ErrFolderInUse, dir)
}

// lockHeld reads a lock file and reports whether its process still runs.
// A file without a process id is held while it is young (its writer may
// be between creating and writing it).
func lockHeld(path string) (pid int, held bool) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, false
	}
	pid, perr := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || perr != nil || pid <= 0 {
		fi, serr := os.Stat(path)
		return 0, serr == nil && time.Since(fi.ModTime()) < emptyLockGrace
	}
	return pid, pid == os.Getpid() || processAlive(pid)
}

// Unlock gives the folder back. It is safe to call on a nil lock and more
// than once.
func (l *FolderLock) Unlock() {
	if l == nil || l.path == "" {
		return
	}
	_ = os.Remove(l.path)
	l.path = ""
}
