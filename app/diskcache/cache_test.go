package diskcache

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func key(subject string) Key {
	return Key{Cloud: "sandbox", Tenant: "t1", Subject: subject, Size: "48x48"}
}

func photo(n int, fill byte) *Entry {
	return &Entry{
		Served: "48x48", ContentType: "image/jpeg", ETag: `"E1"`,
		Meta:    &Meta{ID: "48X48", Width: 48, Height: 48, ContentType: "image/jpeg", ETag: `"E1"`},
		Fetched: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Bytes:   bytes.Repeat([]byte{fill}, n),
	}
}

// open opens a cache and waits for its index, as the tests of a ready
// cache need; index_test.go uses the cache before that.
func open(t *testing.T, o Options) *Cache {
	t.Helper()
	c, err := Open(o)
	if err != nil {
		t.Fatal(err)
	}
	<-c.Indexed()
	return c
}

func TestPutGetSurvivesReopen(t *testing.T) {
	dir := t.TempDir()
	c := open(t, Options{Dir: dir})
	want := photo(1000, 7)
	if err := c.Put(key("/users/a"), want); err != nil {
		t.Fatal(err)
	}
	c2 := open(t, Options{Dir: dir}) // a restart
	got, ok := c2.Get(key("/users/a"))
	if !ok {
		t.Fatal("entry lost across a reopen")
	}
	if !bytes.Equal(got.Bytes, want.Bytes) || got.ETag != want.ETag || !got.Fetched.Equal(want.Fetched) ||
		got.Meta == nil || *got.Meta != *want.Meta || got.Served != "48x48" {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	if _, ok := c2.Get(Key{Cloud: "sandbox", Tenant: "t2", Subject: "/users/a", Size: "48x48"}); ok {
		t.Fatal("another tenant's key answered")
	}
	if _, ok := c2.Get(Key{Cloud: "sandbox", Tenant: "t1", Subject: "/users/a", Size: "96x96"}); ok {
		t.Fatal("another size answered")
	}
}

func TestEvictsLeastRecentlyUsedByBytes(t *testing.T) {
	dir := t.TempDir()
	probe := open(t, Options{Dir: t.TempDir()})
	_ = probe.Put(key("/users/x"), photo(10_000, 1))
	one, _ := probe.Usage() // the size of one file with 10,000 bytes of photo
	c := open(t, Options{Dir: dir, MaxBytes: 3 * one})
	for _, s := range []string{"/users/a", "/users/b", "/users/c"} {
		if err := c.Put(key(s), photo(10_000, 1)); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := c.Get(key("/users/a")); !ok { // a is now the most recent
		t.Fatal("a missing before the bound was reached")
	}
	if err := c.Put(key("/users/d"), photo(10_000, 2)); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(key("/users/b")); ok {
		t.Fatal("b, the least recently used, was not evicted")
	}
	for _, s := range []string{"/users/a", "/users/c", "/users/d"} {
		if _, ok := c.Get(key(s)); !ok {
			t.Fatalf("%s evicted instead of b", s)
		}
	}
	if total, n := c.Usage(); total > 3*one || n != 3 {
		t.Fatalf("usage %d bytes in %d entries, bound %d", total, n, 3*one)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*"+ext))
	if len(files) != 3 {
		t.Fatalf("%d files on disk, want 3", len(files))
	}
	c.SetMaxBytes(one)
	if _, n := c.Usage(); n != 1 {
		t.Fatalf("a smaller bound left %d entries, want 1", n)
	}
}

func TestLRUOrderSurvivesReopen(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	c := open(t, Options{Dir: dir})
	for i, s := range []string{"/users/a", "/users/b", "/users/c"} {
		_ = c.Put(key(s), photo(10_000, 1))
		old := now.Add(time.Duration(i-10) * time.Hour) // a oldest
		_ = os.Chtimes(c.path(key(s)), old, old)
	}
	one, _ := c.Usage()
	one /= 3
	// Reopening with room for two drops the least recently used: a.
	c2 := open(t, Options{Dir: dir, MaxBytes: 2 * one})
	if _, ok := c2.Get(key("/users/a")); ok {
		t.Fatal("the oldest entry survived a reopen over the bound")
	}
	if _, ok := c2.Get(key("/users/c")); !ok {
		t.Fatal("the newest entry was evicted")
	}
}

func TestCorruptEntryIgnoredAndRemoved(t *testing.T) {
	damage := map[string]func([]byte) []byte{
		"truncated":   func(b []byte) []byte { return b[:len(b)-10] },
		"flipped":     func(b []byte) []byte { b[len(b)-1] ^= 0xff; return b },
		"garbage":     func([]byte) []byte { return []byte("not a cache entry") },
		"empty":       func([]byte) []byte { return nil },
		"huge header": func(b []byte) []byte { copy(b[len(magic):], []byte{0xff, 0xff, 0xff, 0xff}); return b },
	}
	for name, f := range damage {
		t.Run(name, func(t *testing.T) {
			c := open(t, Options{Dir: t.TempDir()})
			k := key("/users/a")
			_ = c.Put(k, photo(500, 3))
			path := c.path(k)
			data, _ := os.ReadFile(path)
			if err := os.WriteFile(path, f(data), 0o600); err != nil {
				t.Fatal(err)
			}
			if e, ok := c.Get(k); ok {
				t.Fatalf("a %s entry was returned: %d bytes", name, len(e.Bytes))
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Fatalf("the %s file was not removed: %v", name, err)
			}
			if total, n := c.Usage(); total != 0 || n != 0 {
				t.Fatalf("index still counts it: %d bytes, %d entries", total, n)
			}
		})
	}
}

func TestEntryForAnotherKeyIsAMiss(t *testing.T) {
	c := open(t, Options{Dir: t.TempDir()})
	_ = c.Put(key("/users/a"), photo(100, 1))
	_ = c.Put(key("/users/b"), photo(100, 2))
	data, _ := os.ReadFile(c.path(key("/users/a")))
	_ = os.WriteFile(c.path(key("/users/b")), data, 0o600) // a's file under b's name
	if _, ok := c.Get(key("/users/b")); ok {
		t.Fatal("a's entry answered for b")
	}
}

// Entries are kept whatever their age, "no photo" too: how long one is
// believed is the engine's to judge, and a "no photo" past its life still
// tells the engine to check it by metadata rather than download.
func TestEntriesAreKeptWhateverTheirAge(t *testing.T) {
	now := time.Date(2026, 1, 2, 12, 0, 0, 0, time.UTC)
	c := open(t, Options{Dir: t.TempDir(), Now: func() time.Time { return now }})
	_ = c.Put(key("/users/none"), &Entry{NoPhoto: true, Reason: "no photo", Fetched: now})
	old := photo(100, 1)
	old.Fetched = now.Add(-30 * 24 * time.Hour)
	_ = c.Put(key("/users/photo"), old)
	now = now.Add(30 * 24 * time.Hour)
	if e, ok := c.Get(key("/users/none")); !ok || !e.NoPhoto || e.Reason != "no photo" || !e.Fetched.Equal(now.Add(-30*24*time.Hour)) {
		t.Fatalf("a month-old no-photo: %+v %v", e, ok)
	}
	if _, ok := c.Get(key("/users/photo")); !ok {
		t.Fatal("a two-month-old photo was dropped: photos live until evicted (and are revalidated by ETag)")
	}
}

func TestDropTenantAndClear(t *testing.T) {
	dir := t.TempDir()
	c := open(t, Options{Dir: dir})
	other := Key{Cloud: "sandbox", Tenant: "t2", Subject: "/users/a", Size: "48x48"}
	_ = c.Put(key("/users/a"), photo(100, 1))
	_ = c.Put(key("/users/b"), photo(100, 1))
	_ = c.Put(other, photo(100, 1))
	if err := c.DropTenant("sandbox", "t1"); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(key("/users/a")); ok {
		t.Fatal("t1's entry survived its tenant's sign-out")
	}
	if _, ok := c.Get(other); !ok {
		t.Fatal("t2's entry went with t1's")
	}
	if _, n := open(t, Options{Dir: dir}).Usage(); n != 1 {
		t.Fatalf("after a reopen %d entries, want 1", n)
	}
	if err := c.Clear(); err != nil {
		t.Fatal(err)
	}
	if total, n := c.Usage(); total != 0 || n != 0 {
		t.Fatalf("after Clear: %d bytes, %d entries", total, n)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Fatalf("after Clear the folder holds %d things", len(ents))
	}
}

// onePut reports whether b is the bytes of exactly one Put of hammer (or
// of the entries a test filled the folder with first): 1,000 to 1,049
// bytes, all one writer's fill byte.
func onePut(b []byte) bool {
	if len(b) < 1000 || len(b) >= 1050 {
		return false
	}
	return bytes.Count(b, b[:1]) == len(b)
}

// A Clear or sign-out cut short by a crash leaves its renamed folder: the
// next Open deletes it, and it holds no entries meanwhile.
func TestTrashLeftByACrashRemovedAtOpen(t *testing.T) {
	dir := t.TempDir()
	c := open(t, Options{Dir: dir})
	_ = c.Put(key("/users/a"), photo(100, 1))
	trash := filepath.Join(dir, trashPrefix+"x")
	if err := os.Rename(filepath.Dir(c.path(key("/users/a"))), trash); err != nil {
		t.Fatal(err)
	}
	again := open(t, Options{Dir: dir})
	if _, n := again.Usage(); n != 0 {
		t.Errorf("%d entries counted from a trash folder", n)
	}
	if _, err := os.Stat(trash); !os.IsNotExist(err) {
		t.Error("the trash folder survived Open")
	}
}

func TestCrashLeftoversRemovedAtOpen(t *testing.T) {
	dir := t.TempDir()
	c := open(t, Options{Dir: dir})
	_ = c.Put(key("/users/a"), photo(100, 1))
	tmp := filepath.Join(filepath.Dir(c.path(key("/users/a"))), ".123.tmp")
	_ = os.WriteFile(tmp, []byte("half a write"), 0o600)
	busy := filepath.Join(filepath.Dir(tmp), ".456.tmp") // another window's Put at work
	_ = os.WriteFile(busy, []byte("being written"), 0o600)
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(tmp, old, old); err != nil {
		t.Fatal(err)
	}
	<-open(t, Options{Dir: dir}).Indexed()
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Fatal("a temporary file left by a crash survived Open")
	}
	if _, err := os.Stat(busy); err != nil {
		t.Errorf("another window's new temporary file was removed: %v", err)
	}
}

// TestConcurrentUse runs Puts, Gets, Removes and evictions together; -race
// and the final consistency check are the assertions.
func TestConcurrentUse(t *testing.T) {
	dir := t.TempDir()
	c := open(t, Options{Dir: dir, MaxBytes: 20_000})
	hammer(t, c, func(w, i int) Key { return key(fmt.Sprintf("/users/%d", (w*7+i)%13)) })
	if total, _ := c.Usage(); total > 20_000 {
		t.Fatalf("over the bound: %d", total)
	}
	usageMatchesDisk(t, c, dir)
}

// hammer runs four goroutines that put, get and remove the entries keyFor
// names (by goroutine and step) at once; a torn entry fails the test.
func hammer(t *testing.T, c *Cache, keyFor func(w, i int) Key) {
	t.Helper()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 50 {
				k := keyFor(w, i)
				switch i % 4 {
				case 0, 1:
					if err := c.Put(k, photo(1000+i, byte(w))); err != nil {
						t.Error(err)
					}
				case 2:
					if e, ok := c.Get(k); ok && !onePut(e.Bytes) {
						t.Errorf("a torn or mixed entry: %d bytes", len(e.Bytes))
					}
				case 3:
					c.Remove(k)
				}
			}
		})
	}
	wg.Wait()
}
