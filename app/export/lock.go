package export

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/filelock"
)

// LockFileName is the file an export keeps in its folder while it runs.
// It holds the process id, so "in use" can say by whom.
const LockFileName = ".photodesk-export.lock"

// ErrFolderInUse is wrapped by LockFolder's error when another export is
// writing into the folder.
var ErrFolderInUse = errors.New("the folder is in use by another export")

// FolderLock is an export's hold on its output folder; Unlock ends it.
type FolderLock struct {
	f *filelock.File
}

// LockFolder takes dir for one export, so two exports into one folder
// cannot mix their files and reports while both report success (issue
// 14). The hold is the operating system's file lock (package filelock),
// which ends with the process: a lock file left by a crash or a SIGKILL
// is simply locked again, and two exports that find such a file at the
// same moment cannot both take it over, as they could when staleness was
// judged from the process id in it. Creating the lock file is also the
// proof that dir is writable, so callers take the lock before the first
// request rather than learn it after downloading everything.
func LockFolder(dir string) (*FolderLock, error) {
	path := filepath.Join(dir, LockFileName)
	f, err := filelock.Open(path, 0o644)
	switch {
	case errors.Is(err, filelock.ErrHeld):
		return nil, inUse(dir, path)
	case err != nil:
		return nil, notWritable(dir, err)
	}
	if err := writePID(f.File); err != nil {
		f.Release(true)
		return nil, notWritable(dir, err)
	}
	return &FolderLock{f: f}, nil
}

// notWritable words a folder the lock file could not be made or written
// in by the folder and the reason alone: the lock file is the export's own
// business, and its hidden name read as the folder's problem.
func notWritable(dir string, err error) error {
	return fmt.Errorf("cannot write into the folder %s: %w", dir, app.PathReason(err))
}

// inUse words the refusal, naming the holder's process when it wrote it.
func inUse(dir, path string) error {
	data, err := os.ReadFile(path)
	if pid, perr := strconv.Atoi(strings.TrimSpace(string(data))); err == nil && perr == nil && pid > 0 {
		return fmt.Errorf("%w: %s (process %d holds %s)", ErrFolderInUse, dir, pid, LockFileName)
	}
	return fmt.Errorf("%w: %s", ErrFolderInUse, dir)
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

// Unlock gives the folder back and removes the lock file. It is safe to
// call on a nil lock and more than once.
func (l *FolderLock) Unlock() {
	if l == nil {
		return
	}
	l.f.Release(true)
}
