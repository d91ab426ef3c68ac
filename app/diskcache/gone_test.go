package diskcache

import (
	"os"
	"path/filepath"
	"testing"
)

// A cache folder deleted while the window runs (by hand, by a cleaner
// such as BleachBit) holds nothing: Clear cache empties the index and
// reports success rather than "could not be removed … no such file", and
// the next photo is kept in the folder made again.
func TestClearAfterTheFolderWasDeleted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "photos")
	c := open(t, Options{Dir: dir})
	_ = c.Put(key("/users/a"), photo(100, 1))
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := c.Clear(); err != nil {
		t.Fatalf("Clear of a deleted folder: %v", err)
	}
	if total, n := c.Usage(); total != 0 || n != 0 {
		t.Fatalf("after Clear: %d bytes, %d entries", total, n)
	}
	if err := c.Put(key("/users/b"), photo(100, 1)); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(key("/users/b")); !ok {
		t.Fatal("a photo kept after the folder was deleted is not found")
	}
}
