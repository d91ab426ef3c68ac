package keyringcache

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/photodesk/photodesk/app/filelock"
)

// lockFile is a lock file path whose folder does not exist yet, as on a
// first run.
func lockFile(t *testing.T) string {
	return filepath.Join(t.TempDir(), "photodesk", "keyring", "entry.lock")
}

// signalOnce returns a channel closed the first time the returned func
// runs, for Store.lockHeld.
func signalOnce() (<-chan struct{}, func()) {
	ch := make(chan struct{})
	var once sync.Once
	return ch, func() { once.Do(func() { close(ch) }) }
}

// countingKeyring counts the calls made through it.
func countingKeyring(inner Backend, calls *atomic.Int32) hookKeyring {
	return hookKeyring{inner: inner, before: func(string, string) error {
		calls.Add(1)
		return nil
	}}
}

// assertHolds fails unless the keyring holds exactly one whole cache,
// want, in generation gen: nothing of the other writer is left over.
func assertHolds(t *testing.T, mem *memKeyring, want []byte, gen int) {
	t.Helper()
	got, err := New(testService, testAccount, WithBackend(mem)).Load(t.Context())
	if err != nil {
		t.Fatalf("Load: %v; entries %v", err, mem.users(testService))
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("Load returned %d bytes, want the %d the last writer saved", len(got), len(want))
	}
	idx, err := parseIndex(must(mem.Get(testService, testAccount)))
	if err != nil {
		t.Fatal(err)
	}
	if idx.Generation != gen {
		t.Errorf("generation %d, want %d", idx.Generation, gen)
	}
	if got, want := mem.users(testService), chunkUsers(idx.Generation, idx.Count); !slices.Equal(got, want) {
		t.Errorf("entries %v, want %v", got, want)
	}
}

// TestConcurrentWritersTakeTurns plays the window and the command line
// (or a closed session's late write and its successor's) saving one entry
// at once: the other writer starts while the first is at each step of its
// Save. Both used to read generation 1 and write generation 2 over each
// other's chunks, and each removed chunks the other's index named, so the
// index that won failed its checksum and the cache, every sign-in in it,
// was thrown away. Now the second waits for the first and writes
// generation 3.
func TestConcurrentWritersTakeTurns(t *testing.T) {
	const size = 500
	steps := []struct{ name, op, user string }{
		{"before its first chunk", "set", chunkName(testAccount, 2, 0)},
		{"between its chunks", "set", chunkName(testAccount, 2, 5)},
		{"before its index", "set", testAccount},
		{"while it removes the old generation", "delete", chunkName(testAccount, 1, 1)},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			mem, lock := newMemKeyring(), lockFile(t)
			mustSave(t, New(testService, testAccount, WithBackend(mem), WithChunkSize(size), WithLockFile(lock)), fakeCache(3000, 50))
			window, cli := fakeCache(6000, 51), fakeCache(1200, 52)

			other := New(testService, testAccount, WithBackend(mem), WithChunkSize(size), WithLockFile(lock))
			waiting, signal := signalOnce()
			other.lockHeld = signal
			otherDone := make(chan error, 1)
			var reached sync.Once
			first := New(testService, testAccount, WithChunkSize(size), WithLockFile(lock),
				WithBackend(hookKeyring{inner: mem, before: func(op, user string) error {
					if op == step.op && user == step.user {
						reached.Do(func() {
							go func() { otherDone <- other.Save(t.Context(), cli) }()
							// Let the other writer run as far as it can:
							// to its end, or to the lock.
							select {
							case <-waiting:
							case err := <-otherDone:
								otherDone <- err
							}
						})
					}
					return nil
				}}))
			mustSave(t, first, window)
			select {
			case <-waiting:
			default:
				t.Error("the other writer did not wait for the first")
			}
			if err := <-otherDone; err != nil {
				t.Fatalf("the other writer's Save: %v", err)
			}
			assertHolds(t, mem, cli, 3)
		})
	}
}

// TestSaveWaitsForAnotherWriter: while one Store is part-way through a
// Save, another's Save touches nothing in the keyring, and goes through
// once the first is done.
func TestSaveWaitsForAnotherWriter(t *testing.T) {
	mem, lock := newMemKeyring(), lockFile(t)
	older, newer := fakeCache(5000, 53), fakeCache(4000, 54)
	atIndex, proceed := make(chan struct{}), make(chan struct{})
	first := New(testService, testAccount, WithLockFile(lock), WithBackend(hookKeyring{inner: mem, before: func(op, user string) error {
		if op == "set" && user == testAccount {
			close(atIndex)
			<-proceed
		}
		return nil
	}}))
	firstDone := make(chan error, 1)
	go func() { firstDone <- first.Save(t.Context(), older) }()
	<-atIndex

	var calls atomic.Int32
	second := New(testService, testAccount, WithLockFile(lock), WithBackend(countingKeyring(mem, &calls)))
	waiting, signal := signalOnce()
	second.lockHeld = signal
	secondDone := make(chan error, 1)
	go func() { secondDone <- second.Save(t.Context(), newer) }()
	select {
	case <-waiting:
	case err := <-secondDone:
		close(proceed)
		<-firstDone
		t.Fatalf("the second Save did not wait for the first: %v", err)
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("the waiting Save made %d keyring calls", n)
	}
	close(proceed)
	if err := <-firstDone; err != nil {
		t.Fatalf("first Save: %v", err)
	}
	if err := <-secondDone; err != nil {
		t.Fatalf("second Save: %v", err)
	}
	assertHolds(t, mem, newer, 2)
	if _, err := os.Lstat(lock); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the lock file is left behind: %v", err)
	}
}

// TestWaitForTheLockEndsWithTheContext: another process holds the lock
// (here an open of the file, as its Store's would be); a Save or Clear
// whose context ends meanwhile returns the context's error and has
// written, and removed, nothing.
func TestWaitForTheLockEndsWithTheContext(t *testing.T) {
	calls := map[string]func(*Store, context.Context) error{
		"save":  func(s *Store, ctx context.Context) error { return s.Save(ctx, fakeCache(4000, 56)) },
		"clear": func(s *Store, ctx context.Context) error { return s.Clear(ctx) },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			mem, lock := newMemKeyring(), lockFile(t)
			stored := fakeCache(3000, 55)
			mustSave(t, New(testService, testAccount, WithBackend(mem), WithLockFile(lock)), stored)
			before := mem.users(testService)
			held, err := filelock.Open(lock, 0o600)
			if err != nil {
				t.Fatal(err)
			}
			defer held.Release(true)

			var n atomic.Int32
			s := New(testService, testAccount, WithLockFile(lock), WithBackend(countingKeyring(mem, &n)))
			ctx, cancel := context.WithCancel(t.Context())
			s.lockHeld = cancel
			if err := call(s, ctx); !errors.Is(err, context.Canceled) {
				t.Fatalf("%s while the lock is held, context cancelled: %v, want context.Canceled", name, err)
			}
			if n.Load() != 0 {
				t.Errorf("%d keyring calls made", n.Load())
			}
			if got := mem.users(testService); !slices.Equal(got, before) {
				t.Errorf("entries %v, want %v untouched", got, before)
			}
			assertHolds(t, mem, stored, 1)
		})
	}
}

// TestClearWaitsForTheLock: a Clear while another process saves waits
// for it, then removes what it saved.
func TestClearWaitsForTheLock(t *testing.T) {
	mem, lock := newMemKeyring(), lockFile(t)
	mustSave(t, New(testService, testAccount, WithBackend(mem), WithLockFile(lock)), fakeCache(3000, 57))
	held, err := filelock.Open(lock, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	s := New(testService, testAccount, WithBackend(mem), WithLockFile(lock))
	waiting, signal := signalOnce()
	s.lockHeld = signal
	done := make(chan error, 1)
	go func() { done <- s.Clear(t.Context()) }()
	select {
	case <-waiting:
	case err := <-done:
		t.Fatalf("Clear did not wait for the lock: %v", err)
	}
	mustSave(t, New(testService, testAccount, WithBackend(mem)), fakeCache(4000, 58)) // the holder's write
	held.Release(true)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := mem.users(testService); len(got) != 0 {
		t.Fatalf("after Clear the keyring holds %v", got)
	}
}

// TestLockFileThatCannotBeMade: a lock folder that cannot be created (a
// read-only home; here a file stands where the folder should) does not
// stop the cache being saved or cleared.
func TestLockFileThatCannotBeMade(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "photodesk")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	mem := newMemKeyring()
	s := New(testService, testAccount, WithBackend(mem), WithLockFile(filepath.Join(blocker, "keyring", "entry.lock")))
	data := fakeCache(3000, 59)
	mustSave(t, s, data)
	assertHolds(t, mem, data, 1)
	if err := s.Clear(t.Context()); err != nil {
		t.Fatal(err)
	}
}
