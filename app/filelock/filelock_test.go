package filelock

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestOpenHoldsUntilRelease: a second open is refused while the first
// holds; Release(false) keeps the file (a journal), Release(true) removes
// it (a lock file); a symlink at the path is never followed.
func TestOpenHoldsUntilRelease(t *testing.T) {
	path := filepath.Join(t.TempDir(), "held")
	f, err := Open(path, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, 0o600); !errors.Is(err, ErrHeld) {
		t.Fatalf("second open: %v, want ErrHeld", err)
	}
	f.Release(false)
	f.Release(false)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("Release(false) removed the file: %v", err)
	}
	f, err = Open(path, 0o600)
	if err != nil {
		t.Fatalf("after Release: %v", err)
	}
	f.Release(true)
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("Release(true) left the file: %v", err)
	}

	target := filepath.Join(t.TempDir(), "precious")
	if err := os.WriteFile(target, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	if f, err := Open(link, 0o600); err == nil {
		f.Release(false)
		t.Fatal("opened through a symlink")
	}
}
