package diskcache

import (
	"bytes"
	"os"
	"testing"
)

// heldRemovals opens a ready cache whose RemoveSoon deletions wait until
// release is closed, so a test can look while they are under way.
func heldRemovals(t *testing.T) (c *Cache, release chan struct{}) {
	t.Helper()
	release = make(chan struct{})
	o := Options{Dir: t.TempDir()}
	o.hooks = indexHooks{beforeRemove: func() { <-release }}
	c = open(t, o)
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
		c.Settle()
	})
	return c, release
}

// After RemoveSoon returns, Get misses the entry although its file is
// still there; the file goes in the background, and nothing else does.
func TestRemoveSoonMissesAtOnce(t *testing.T) {
	c, release := heldRemovals(t)
	a, b := key("/users/a"), key("/users/b")
	for _, k := range []Key{a, b} {
		if err := c.Put(k, photo(100, 1)); err != nil {
			t.Fatal(err)
		}
	}
	c.RemoveSoon(a)
	if _, err := os.Stat(c.path(a)); err != nil {
		t.Fatalf("the file went before the test looked: %v", err)
	}
	if _, ok := c.Get(a); ok {
		t.Error("Get served an entry RemoveSoon forgot")
	}
	if _, n := c.Usage(); n != 1 {
		t.Errorf("%d entries counted, want 1", n)
	}
	close(release)
	c.Settle()
	if _, err := os.Stat(c.path(a)); !os.IsNotExist(err) {
		t.Errorf("the forgotten file is still there: %v", err)
	}
	if _, ok := c.Get(b); !ok {
		t.Error("another entry went too")
	}
	if _, ok := open(t, Options{Dir: c.Dir()}).Get(a); ok {
		t.Error("the forgotten entry came back after a restart")
	}
}

// A Put after RemoveSoon is newer than what was forgotten: it is served
// at once and its file survives the deletion that was under way.
func TestPutAfterRemoveSoonWins(t *testing.T) {
	c, release := heldRemovals(t)
	a := key("/users/a")
	if err := c.Put(a, photo(100, 1)); err != nil {
		t.Fatal(err)
	}
	c.RemoveSoon(a)
	if err := c.Put(a, photo(100, 2)); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		if got, ok := c.Get(a); !ok || !bytes.Equal(got.Bytes, photo(100, 2).Bytes) {
			t.Errorf("%s: the new entry is not served (%v)", when, ok)
		}
	}
	check("before the deletion")
	close(release)
	c.Settle()
	check("after it")
}

// After Settle (the window closed) a change still finishing deletes its
// files before RemoveSoon returns: no goroutine would be waited for, and
// the next run would find the old photo as fresh.
func TestRemoveSoonAfterSettleDeletesAtOnce(t *testing.T) {
	c := open(t, Options{Dir: t.TempDir()})
	a := key("/users/a")
	if err := c.Put(a, photo(100, 1)); err != nil {
		t.Fatal(err)
	}
	c.Settle()
	c.RemoveSoon(a)
	if _, err := os.Stat(c.path(a)); !os.IsNotExist(err) {
		t.Errorf("the file is still there after RemoveSoon returned: %v", err)
	}
	c.Settle() // a second Settle has nothing to wait for
}
