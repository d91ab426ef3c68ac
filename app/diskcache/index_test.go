package diskcache

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// held is a cache whose background index waits at each step until the
// test lets it go on, so the test provably runs before the index is ready.
type held struct {
	*Cache
	walk, merge chan struct{} // closed by the test: go on
	walked      chan struct{} // closed by the index: the folder is read
	once        [2]sync.Once
}

func openHeld(t *testing.T, o Options) *held {
	t.Helper()
	h := &held{walk: make(chan struct{}), merge: make(chan struct{}), walked: make(chan struct{})}
	o.hooks.beforeWalk = func() { <-h.walk }
	o.hooks.beforeMerge = func() { close(h.walked); <-h.merge }
	c, err := Open(o)
	if err != nil {
		t.Fatal(err)
	}
	h.Cache = c
	t.Cleanup(func() { h.letMerge(); <-c.Indexed() }) // no index left behind on a failure
	return h
}

// letWalk lets the index read the folder and waits until it has.
func (h *held) letWalk() {
	h.once[0].Do(func() { close(h.walk) })
	<-h.walked
}

// letMerge lets the index finish.
func (h *held) letMerge() {
	h.once[0].Do(func() { close(h.walk) })
	h.once[1].Do(func() { close(h.merge) })
}

func (h *held) notReady(t *testing.T) {
	t.Helper()
	select {
	case <-h.Indexed():
		t.Fatal("the index is ready while the test holds it")
	default:
	}
}

// finish checks the index is still held, lets it finish, and checks its
// usage against the files in dir.
func (h *held) finish(t *testing.T, dir string) {
	t.Helper()
	h.notReady(t)
	h.letMerge()
	<-h.Indexed()
	usageMatchesDisk(t, h.Cache, dir)
}

// fill puts entries of n photo bytes under subjects into dir, the first
// the least recently used, and returns one file's size.
func fill(t *testing.T, dir string, n int, subjects ...string) int64 {
	t.Helper()
	c := open(t, Options{Dir: dir})
	base := time.Now().Add(-time.Duration(len(subjects)+10) * time.Hour)
	for i, s := range subjects {
		if err := c.Put(key(s), photo(n, byte(i))); err != nil {
			t.Fatal(err)
		}
		used := base.Add(time.Duration(i) * time.Hour)
		if err := os.Chtimes(c.path(key(s)), used, used); err != nil {
			t.Fatal(err)
		}
	}
	fi, err := os.Stat(c.path(key(subjects[0])))
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// onDisk is the entry files' total size and number.
func onDisk(t *testing.T, dir string) (int64, int) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*", "*"+ext))
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		total += fi.Size()
	}
	return total, len(files)
}

func usageMatchesDisk(t *testing.T, c *Cache, dir string) {
	t.Helper()
	total, n := c.Usage()
	diskTotal, diskN := onDisk(t, dir)
	if total != diskTotal || n != diskN {
		t.Fatalf("the index says %d entries / %d bytes, the folder holds %d / %d", n, total, diskN, diskTotal)
	}
}

// Open returns before the folder is read, and Get, Put and Remove work
// meanwhile: Get reads a file the index has not seen yet.
func TestUsableBeforeIndexReady(t *testing.T) {
	dir := t.TempDir()
	fill(t, dir, 1000, "/users/a", "/users/b")
	c := openHeld(t, Options{Dir: dir})
	c.notReady(t)

	if e, ok := c.Get(key("/users/a")); !ok || len(e.Bytes) != 1000 || e.Bytes[0] != 0 {
		t.Fatalf("an entry from the last run missed before the index: %v", ok)
	}
	if err := c.Put(key("/users/c"), photo(2000, 9)); err != nil {
		t.Fatal(err)
	}
	if e, ok := c.Get(key("/users/c")); !ok || len(e.Bytes) != 2000 {
		t.Fatalf("a Put before the index missed: %v", ok)
	}
	c.Remove(key("/users/b"))
	if _, ok := c.Get(key("/users/b")); ok {
		t.Fatal("a removed entry answered")
	}
	if _, ok := c.Get(key("/users/nobody")); ok {
		t.Fatal("a missing entry answered")
	}
	c.finish(t, dir)
	if _, n := c.Usage(); n != 2 {
		t.Fatalf("%d entries, want a and c", n)
	}
	for _, s := range []string{"/users/a", "/users/c"} {
		if _, ok := c.Get(key(s)); !ok {
			t.Fatalf("%s missing after the index", s)
		}
	}
}

// Entries recorded while the index runs, which the walk may see too (or
// see at an older size), are counted once; a file the walk saw but that
// was removed before the merge is not brought back.
func TestNoDoubleCountDuringIndex(t *testing.T) {
	dir := t.TempDir()
	fill(t, dir, 1000, "/users/a", "/users/e", "/users/f", "/users/g")
	c := openHeld(t, Options{Dir: dir})

	// Before the walk: the walk will see all of these as well.
	_ = c.Put(key("/users/b"), photo(1500, 1))
	_ = c.Put(key("/users/a"), photo(1200, 1)) // a new size for a file from the last run
	if _, ok := c.Get(key("/users/f")); !ok {
		t.Fatal("f missed before the walk")
	}

	c.letWalk()
	// After the walk, before the merge: the walk saw the old a, e and g.
	_ = c.Put(key("/users/a"), photo(3000, 2))
	_ = c.Put(key("/users/d"), photo(700, 2))
	c.Remove(key("/users/e"))
	if _, ok := c.Get(key("/users/g")); !ok {
		t.Fatal("g missed before the merge")
	}
	c.finish(t, dir)
	if _, n := c.Usage(); n != 5 {
		t.Fatalf("%d entries, want a, b, d, f, g", n)
	}
	if e, ok := c.Get(key("/users/a")); !ok || len(e.Bytes) != 3000 {
		t.Fatal("a is not its last Put")
	}
	if _, ok := c.Get(key("/users/e")); ok {
		t.Fatal("e, removed during the index, answered")
	}
}

// The bound holds once the index is ready: the least recently used files
// of the last run go, and entries Put or read during the index (a newer
// use than any file's last) stay, even one the walk saw as the oldest.
func TestEvictsToBoundAfterIndex(t *testing.T) {
	dir := t.TempDir()
	one := fill(t, dir, 10_000, "/users/a", "/users/b", "/users/c", "/users/d", "/users/e")
	c := openHeld(t, Options{Dir: dir, MaxBytes: 3 * one})
	if err := c.Put(key("/users/n"), photo(10_000, 1)); err != nil {
		t.Fatal(err)
	}
	c.letWalk() // it saw a as the least recently used
	if _, ok := c.Get(key("/users/a")); !ok {
		t.Fatal("a missed during the index")
	}
	c.letMerge()
	<-c.Indexed()
	usageMatchesDisk(t, c.Cache, dir)
	if total, n := c.Usage(); n != 3 || total > 3*one {
		t.Fatalf("%d entries, %d bytes over a bound of %d", n, total, 3*one)
	}
	for _, s := range []string{"/users/a", "/users/n", "/users/e"} {
		if _, ok := c.Get(key(s)); !ok {
			t.Fatalf("%s was evicted; the oldest should have gone", s)
		}
	}

	// A smaller bound set before the index is ready holds once it is.
	c2 := openHeld(t, Options{Dir: dir, MaxBytes: 3 * one})
	c2.SetMaxBytes(one)
	c2.letMerge()
	<-c2.Indexed()
	if _, n := c2.Usage(); n != 1 {
		t.Fatalf("%d entries after the index, bound set for 1", n)
	}
	usageMatchesDisk(t, c2.Cache, dir)
}

// The index removes temporary files a crash left, never one a Put of this
// run is writing (nor a new one of another window's:
// TestCrashLeftoversRemovedAtOpen).
func TestIndexRemovesOnlyLeftoverTemporaries(t *testing.T) {
	dir := t.TempDir()
	fill(t, dir, 100, "/users/a")
	c := openHeld(t, Options{Dir: dir})
	tenant := filepath.Dir(c.path(key("/users/a")))
	leftover := filepath.Join(tenant, ".123.tmp")
	working := filepath.Join(tenant, c.tmpPrefix+"456.tmp") // as a Put at work names it
	for _, f := range []string{leftover, working} {
		if err := os.WriteFile(f, []byte("half a write"), 0o600); err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-time.Hour) // a crash's leftover is old; so may a slow Put's file be
		if err := os.Chtimes(f, old, old); err != nil {
			t.Fatal(err)
		}
	}
	c.letMerge()
	<-c.Indexed()
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Fatal("a temporary file left by a crash survived the index")
	}
	if _, err := os.Stat(working); err != nil {
		t.Fatalf("the index removed a temporary file of this run: %v", err)
	}
}

// Clear and DropTenant asked for during the index wait for it, so the
// index never points at the files they removed.
func TestClearDuringIndex(t *testing.T) {
	dir := t.TempDir()
	fill(t, dir, 100, "/users/a", "/users/b")
	other := Key{Cloud: "sandbox", Tenant: "t2", Subject: "/users/a", Size: "48x48"}
	c := openHeld(t, Options{Dir: dir})
	_ = c.Put(other, photo(100, 1))
	c.letWalk()

	dropped := make(chan error, 1)
	go func() { dropped <- c.DropTenant("sandbox", "t1") }()
	c.letMerge()
	if err := <-dropped; err != nil {
		t.Fatal(err)
	}
	usageMatchesDisk(t, c.Cache, dir)
	if _, n := c.Usage(); n != 1 {
		t.Fatalf("%d entries after dropping t1, want t2's one", n)
	}

	c2 := openHeld(t, Options{Dir: dir})
	c2.letWalk()
	cleared := make(chan error, 1)
	go func() { cleared <- c2.Clear() }()
	c2.letMerge()
	if err := <-cleared; err != nil {
		t.Fatal(err)
	}
	if total, n := c2.Usage(); total != 0 || n != 0 {
		t.Fatalf("after Clear during the index: %d bytes, %d entries", total, n)
	}
	usageMatchesDisk(t, c2.Cache, dir)
}

// TestConcurrentUseDuringIndex runs Puts, Gets and Removes while the
// index reads a folder from the last run; -race and the final
// consistency check are the assertions.
func TestConcurrentUseDuringIndex(t *testing.T) {
	dir := t.TempDir()
	var subjects []string
	for i := range 13 {
		subjects = append(subjects, fmt.Sprintf("/users/%d", i))
	}
	fill(t, dir, 1000, subjects...)
	c, err := Open(Options{Dir: dir, MaxBytes: 20_000})
	if err != nil {
		t.Fatal(err)
	}
	hammer(t, c, func(w, i int) Key { return key(subjects[(w*7+i)%13]) })
	<-c.Indexed()
	if total, _ := c.Usage(); total > 20_000 {
		t.Fatalf("over the bound: %d", total)
	}
	usageMatchesDisk(t, c, dir)
}
