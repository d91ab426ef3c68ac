package export

import (
	"bufio"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
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

// TestLockFolderStaleTakeoverRace is the rest of defect 4: exports that
// find a stale lock at the same moment must not both take it over (with
// the process-id check, each removed the other's fresh lock and both
// went on).
func TestLockFolderStaleTakeoverRace(t *testing.T) {
	for trial := range 30 {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, LockFileName), []byte("999999999\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		const racers = 8
		start := make(chan struct{})
		locks := make(chan *FolderLock, racers)
		var wg sync.WaitGroup
		for range racers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				l, err := LockFolder(dir)
				if err == nil {
					locks <- l
				} else if !errors.Is(err, ErrFolderInUse) {
					t.Errorf("lock: %v", err)
				}
			}()
		}
		close(start)
		wg.Wait()
		close(locks)
		var held []*FolderLock
		for l := range locks {
			held = append(held, l)
		}
		if len(held) != 1 {
			t.Fatalf("trial %d: %d exports hold the folder, want exactly 1", trial, len(held))
		}
		held[0].Unlock()
	}
}

// TestLockFolderHolderKilled: a lock held by a live process refuses, and
// once that process is killed (no chance to clean up) the folder is free.
func TestLockFolderHolderKilled(t *testing.T) {
	if dir := os.Getenv("PHOTODESK_TEST_HOLD_LOCK"); dir != "" {
		if _, err := LockFolder(dir); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("locked\n")
		_, _ = io.Copy(io.Discard, os.Stdin) // hold until killed
		os.Exit(0)
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockFolderHolderKilled$")
	cmd.Env = append(os.Environ(), "PHOTODESK_TEST_HOLD_LOCK="+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "locked\n" {
		_ = cmd.Process.Kill()
		t.Fatalf("holder: %q, %v", line, err)
	}
	_, err = LockFolder(dir)
	if !errors.Is(err, ErrFolderInUse) || !strings.Contains(err.Error(), "process "+strconv.Itoa(cmd.Process.Pid)) {
		t.Fatalf("lock held by a live process: %v, want in use by process %d", err, cmd.Process.Pid)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	l, err := LockFolder(dir)
	if err != nil {
		t.Fatalf("lock of a killed process not taken over: %v", err)
	}
	l.Unlock()
}
