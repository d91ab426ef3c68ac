//go:build unix

package app

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Saving over a named pipe (or a link to one) is refused, and the pipe is
// left a pipe: a save moves a new file into place, which put a regular
// file where a device or a pipe was (as root, /dev/null itself), for
// SaveAtomic with overwrite and for reports (CreateAtomic) alike.
func TestSaveOverAPipeIsRefused(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(pipe, link); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{pipe, link} {
		if err := SaveAtomic(path, []byte("photo"), true); !errors.Is(err, ErrNotAFile) {
			t.Errorf("SaveAtomic(%s): %v, want ErrNotAFile", path, err)
		}
		if f, err := CreateAtomic(path); !errors.Is(err, ErrNotAFile) {
			t.Errorf("CreateAtomic(%s): %v, want ErrNotAFile", path, err)
			if f != nil {
				_ = f.Commit()
			}
		}
	}
	if fi, err := os.Lstat(pipe); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe is no longer a pipe: %v, %v", fi.Mode(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("left behind: %v", entries)
	}
}
