package diskcache

import (
	"fmt"
	"testing"
	"time"
)

// A smaller bound in Settings evicts thousands of files from a full
// cache; meanwhile Get, Put and RemoveSoon (which Refresh calls on the
// window's goroutine) go on rather than wait for every deletion, and the
// evicted entries are misses from the start.
func TestEvictionDoesNotHoldUpTheCache(t *testing.T) {
	evicting, release := make(chan struct{}), make(chan struct{})
	c := open(t, Options{Dir: t.TempDir(), hooks: indexHooks{beforeEvict: func() {
		close(evicting)
		<-release
	}}})
	subjects := make([]string, 6)
	for i := range subjects {
		subjects[i] = fmt.Sprintf("/users/%d", i)
		if err := c.Put(key(subjects[i]), photo(1000, byte(i))); err != nil {
			t.Fatal(err)
		}
	}
	one, _ := c.Usage()
	one /= int64(len(subjects))

	shrunk := make(chan struct{})
	go func() {
		defer close(shrunk)
		c.SetMaxBytes(2 * one) // keeps the two most recent, 4 and 5
	}()
	<-evicting

	looked := make(chan bool)
	go func() {
		_, kept := c.Get(key(subjects[5]))
		_, evicted := c.Get(key(subjects[0]))
		c.RemoveSoon(key(subjects[4]))
		looked <- kept && !evicted
	}()
	select {
	case ok := <-looked:
		if !ok {
			t.Error("during the eviction: a kept entry missed, or an evicted one answered")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Get and RemoveSoon waited for the eviction's deletions")
	}
	close(release)
	<-shrunk
	c.Settle()
	usageMatchesDisk(t, c, c.Dir())
	if _, n := c.Usage(); n != 1 {
		t.Errorf("%d entries after the eviction and a RemoveSoon, want 1", n)
	}
}

// A photo too large for the whole bound is not kept, and neither is the
// older copy under its key: Get must not answer with the photo from
// before (its ETag and time are the old answer's, perhaps still fresh).
func TestTooLargeAPutDropsTheOlderCopy(t *testing.T) {
	c := open(t, Options{Dir: t.TempDir()})
	if err := c.Put(key("/users/a"), photo(1000, 1)); err != nil {
		t.Fatal(err)
	}
	size, _ := c.Usage()
	c.SetMaxBytes(size + 500)
	if err := c.Put(key("/users/a"), photo(5000, 2)); err != nil {
		t.Fatal(err)
	}
	if e, ok := c.Get(key("/users/a")); ok {
		t.Errorf("after a Put too large to keep, Get answers with the older copy (%d bytes)", len(e.Bytes))
	}
	usageMatchesDisk(t, c, c.Dir())
}
