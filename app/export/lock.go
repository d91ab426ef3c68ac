package export

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// LockFileName is the file an export keeps in its folder while it runs.
// It holds the process id, so "in use" can say by whom.
const LockFileName = ".photodesk-export.lock"

// ErrFolderInUse is wrapped by LockFolder's error when another export is
// writing into the folder.
var ErrFolderInUse = errors.New("the folder is in use by another export")

// errLockHeld is what tryLock returns when another open file holds the lock.
var errLockHeld = errors.New("lock held")

// FolderLock is an export's hold on its output folder; Unlock ends it.
type FolderLock struct {
	path string
	f    *os.File // holds the operating system's lock while open
}

// LockFolder takes dir for one export, so two exports into one folder
// cannot mix their files and reports while both report success (issue
// 14). The hold is the operating system's file lock (flock, LockFileEx),
// which ends with the process: a lock file left by a crash or a SIGKILL
// is simply locked again, and two exports that find such a file at the
// same moment cannot both take it over, as they could when staleness was
// judged from the process id in it. Creating the lock file is also the
// proof that dir is writable, so callers take the lock before the first
// request rather than learn it after downloading everything.
func LockFolder(dir string) (*FolderLock, error) {
	path := filepath.Join(dir, LockFileName)
	// The previous holder removes the file as it lets go; a file opened
	// just before that removal is locked in vain, so look again.
	for range 5 {
		f, err := openLockFile(path)
		if errors.Is(err, errLockHeld) {
			return nil, inUse(dir, path)
		}
		if err != nil {
			return nil, fmt.Errorf("cannot write into the folder %s: %w", dir, err)
		}
		if err := tryLock(f); err != nil {
			_ = f.Close()
			if errors.Is(err, errLockHeld) {
				return nil, inUse(dir, path)
			}
			return nil, fmt.Errorf("cannot lock the folder %s: %w", dir, err)
		}
		if !stillAt(f, path) {
			_ = f.Close()
			continue
		}
		if err := writePID(f); err != nil {
			_ = os.Remove(path)
			_ = f.Close()
			return nil, fmt.Errorf("cannot write into the folder %s: %w", dir, err)
		}
		return &FolderLock{path: path, f: f}, nil
	}
	return nil, fmt.Errorf("%w: %s", ErrFolderInUse, dir)
}

// inUse words the refusal, naming the holder's process when it wrote it.
func inUse(dir, path string) error {
	data, err := os.ReadFile(path)
	if pid, perr := strconv.Atoi(strings.TrimSpace(string(data))); err == nil && perr == nil && pid > 0 {
		return fmt.Errorf("%w: %s (process %d holds %s)", ErrFolderInUse, dir, pid, LockFileName)
	}
	return fmt.Errorf("%w: %s", ErrFolderInUse, dir)
}

// stillAt reports whether f is still the file at path, not one its last
// holder removed after f was opened.
func stillAt(f *os.File, path string) bool {
	held, err := f.Stat()
	if err != nil {
		return false
	}
	now, err := os.Lstat(path)
	return err == nil && os.SameFile(held, now)
}

// writePID replaces the file's content with this process's id.
func writePID(f *os.File) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	if _, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0); err != nil {
		return err
	}
	return f.Sync()
}

// Unlock gives the folder back. It is safe to call on a nil lock and more
// than once. The file goes before the lock does, so nobody can lock it in
// between and then lose it to the removal.
func (l *FolderLock) Unlock() {
	if l == nil || l.f == nil {
		return
	}
	_ = os.Remove(l.path)
	_ = l.f.Close()
	l.f = nil
}
