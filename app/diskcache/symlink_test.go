package diskcache

import (
	"os"
	"path/filepath"
	"testing"
)

// A cache folder that is a symbolic link (moved to a larger disk and
// linked back) is indexed like any other: a restart finds the photos of
// the last run, counts them against the bound and evicts them in turn.
// The index used to see the link and nothing in it: every photo was a
// miss after a restart, and files of earlier runs were never evicted.
func TestSymlinkedFolderIsIndexed(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "photos")
	if err := os.Symlink(t.TempDir(), dir); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	c := open(t, Options{Dir: dir})
	if err := c.Put(key("/users/a"), photo(100, 1)); err != nil {
		t.Fatal(err)
	}
	c2 := open(t, Options{Dir: dir}) // a restart
	if _, ok := c2.Get(key("/users/a")); !ok {
		t.Error("the last run's photo is a miss")
	}
	usageMatchesDisk(t, c2, dir)
}
