package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// AtomicFile is a file that is written under a temporary name in its
// final folder and moved into place by Publish or Commit. It is how
// reports are written: a symlink (or anything else) already at the path
// is replaced, never followed, so a planted report.csv -> ~/.bashrc cannot
// truncate its target.
//
// Its errors before the file is in place are SaveErrors: they name the
// file meant, never the temporary one, and say what was left.
type AtomicFile struct {
	f         *os.File
	path      string
	replacing bool // something was at path when the file was started
	published bool
	done      bool
}

// CreateAtomic starts a file that will become path. The temporary file is
// made with O_EXCL (CreateTemp), so it is always a new file of our own.
func CreateAtomic(path string) (*AtomicFile, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	fi, serr := os.Lstat(path)
	if serr == nil {
		if err := notAFile(path, fi); err != nil {
			return nil, err
		}
	}
	f, err := CreateTemp(dir, "."+truncateUTF8(base, MaxFileNameBytes)+".*.tmp")
	if err != nil {
		return nil, saveFailed(path, serr == nil, err)
	}
	return &AtomicFile{f: f, path: path, replacing: serr == nil}, nil
}

// Write writes to the file, under whichever name it has now.
func (a *AtomicFile) Write(p []byte) (int, error) { return a.f.Write(p) }

// Publish moves the file into place now and goes on writing to it there,
// for a report whose rows should appear (and survive a crash) as a run
// goes. The file is closed before the rename, as Windows requires, and
// reopened for appending without creating or truncating; the reopened
// file must be the one renamed, else something swapped the path in
// between and nothing more is written.
func (a *AtomicFile) Publish() error {
	if a.published || a.done {
		return nil
	}
	fi, err := a.f.Stat()
	if err == nil {
		err = a.f.Close()
	} else {
		_ = a.f.Close()
	}
	if err == nil {
		err = os.Rename(a.f.Name(), a.path)
	}
	if err != nil {
		a.done = true
		_ = os.Remove(a.f.Name())
		return saveFailed(a.path, a.replacing, err)
	}
	a.published = true
	f, err := os.OpenFile(a.path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		a.done = true
		return fmt.Errorf("save %s: %w", a.path, err)
	}
	if again, serr := f.Stat(); serr != nil || !os.SameFile(fi, again) {
		a.done = true
		_ = f.Close()
		return fmt.Errorf("save %s: %w", a.path, errors.New("replaced while being written"))
	}
	a.f = f
	return nil
}

// Commit finishes the file: it syncs and closes it and, unless Publish
// did already, renames it to the path, replacing whatever is there. On
// failure an unpublished temporary file is removed.
func (a *AtomicFile) Commit() error {
	if a.done {
		return nil
	}
	a.done = true
	err := a.f.Sync()
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil && !a.published {
		err = os.Rename(a.f.Name(), a.path)
	}
	if err != nil && !a.published {
		_ = os.Remove(a.f.Name())
		return saveFailed(a.path, a.replacing, err)
	}
	if err != nil {
		return fmt.Errorf("save %s: %w", a.path, err)
	}
	return nil
}

// Abort closes the file and, unless it was published, removes it, leaving
// the path as it was. After Commit it does nothing, so it can be deferred.
func (a *AtomicFile) Abort() {
	if a.done {
		return
	}
	a.done = true
	_ = a.f.Close()
	if !a.published {
		_ = os.Remove(a.f.Name())
	}
}
