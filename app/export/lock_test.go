package export

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// TestLockFolder is issue 14's defect 4: a second export into a folder in
// use is refused, the lock goes with Unlock, and a lock left by a process
// that is gone is taken over.
func TestLockFolder(t *testing.T) {
	dir := t.TempDir()
	l, err := LockFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LockFolder(dir); !errors.Is(err, ErrFolderInUse) {
		t.Fatalf("second lock: %v, want ErrFolderInUse", err)
	}
	l.Unlock()
	l.Unlock() // twice is harmless
	if _, err := os.Stat(filepath.Join(dir, LockFileName)); !os.IsNotExist(err) {
		t.Fatalf("lock file left after Unlock: %v", err)
	}

	// A stale lock: the process that wrote it has exited.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	stale := strconv.Itoa(cmd.Process.Pid) + "\n"
	if err := os.WriteFile(filepath.Join(dir, LockFileName), []byte(stale), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err = LockFolder(dir)
	if err != nil {
		t.Fatalf("stale lock not taken over: %v", err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, LockFileName))
	if string(data) != strconv.Itoa(os.Getpid())+"\n" {
		t.Errorf("lock holds %q, want this process's id", data)
	}
	l.Unlock()
}

// TestLockFolderNotWritable is defect 10's engine half: taking the lock is
// the writability check done before the first request.
func TestLockFolderNotWritable(t *testing.T) {
	if _, err := LockFolder(filepath.Join(t.TempDir(), "missing")); err == nil || errors.Is(err, ErrFolderInUse) {
		t.Fatalf("lock in a missing folder: %v, want a write error", err)
	}
}
