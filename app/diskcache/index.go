package diskcache

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// indexHooks let tests hold the background index at its two steps, to
// use the cache while the index is provably not ready, RemoveSoon's
// deletions and evictions' deletions, to look while they are provably
// under way, and know when a Clear waits for the index; nil hooks do
// nothing.
type indexHooks struct {
	beforeWalk   func() // before the folder is read
	beforeMerge  func() // after it is read, before what it holds is merged
	beforeRemove func() // before RemoveSoon's files are deleted
	clearWaits   func() // a Clear or DropTenant marked its folder and waits for the index
	beforeEvict  func() // before evicted files are deleted
}

// staleTemp is how old a temporary file must be for the index to take it
// for a crash's leftover.
const staleTemp = 10 * time.Minute

// found is one entry file the walk saw, with its last use.
type found struct {
	item
	used time.Time
}

// Indexed is closed once the entries already in the folder when Open ran
// are indexed (and evicted down to the bound). Get and Put never wait for
// it; Usage, Clear and DropTenant do.
func (c *Cache) Indexed() <-chan struct{} { return c.indexed }

// index reads the folder in the background (a stat per entry: tens of
// thousands for a full cache, too slow for a window's start), removes
// temporary files a crash left behind, merges what it found with what was
// recorded meanwhile, and evicts down to the bound.
func (c *Cache) index() {
	defer close(c.indexed)
	h := c.hooks
	if h.beforeWalk != nil {
		h.beforeWalk()
	}
	all := c.walk()
	if h.beforeMerge != nil {
		h.beforeMerge()
	}
	c.merge(all)
}

// walk lists the folder's entry files; an unreadable folder just holds
// nothing we can use.
func (c *Cache) walk() []found {
	var all []found
	// WalkDir does not follow a root that is a symbolic link (a cache
	// moved to a larger disk and linked back, a junction on Windows) and
	// would find nothing: walk where it leads, and name each file as Get
	// and Put do, under the link.
	root := c.dir
	if r, err := filepath.EvalSymlinks(c.dir); err == nil {
		root = r
	}
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && strings.HasPrefix(d.Name(), trashPrefix) {
			_ = os.RemoveAll(path) // a Clear or sign-out a crash cut short
			return filepath.SkipDir
		}
		if err != nil || d.IsDir() {
			return nil
		}
		if strings.HasSuffix(path, ".tmp") {
			// Not one of this run's Puts at work, and old enough not to be
			// another window's either (a Put takes milliseconds).
			if fi, err := d.Info(); err == nil && !strings.HasPrefix(d.Name(), c.tmpPrefix) && c.now().Sub(fi.ModTime()) > staleTemp {
				_ = os.Remove(path)
			}
			return nil
		}
		if !strings.HasSuffix(path, ext) {
			return nil
		}
		rel, rerr := filepath.Rel(root, path)
		if fi, err := d.Info(); err == nil && rerr == nil {
			all = append(all, found{item{filepath.Join(c.dir, rel), fi.Size()}, fi.ModTime()})
		}
		return nil
	})
	return all
}

// merge adds the walk's files behind the entries recorded since Open (a
// Put or a Get since then is a more recent use than any file's last), and
// skips a file recorded meanwhile (its size may have changed: counting it
// twice would inflate the total) or removed meanwhile.
func (c *Cache) merge(all []found) {
	// Newest first, each pushed to the back: the oldest ends up last.
	slices.SortFunc(all, func(a, b found) int { return b.used.Compare(a.used) })
	c.mu.Lock()
	for _, f := range all {
		if _, ok := c.items[f.path]; ok {
			continue
		}
		if _, ok := c.gone[f.path]; ok {
			continue
		}
		c.items[f.path] = c.lru.PushBack(&item{f.path, f.size})
		c.total += f.size
	}
	c.ready = true
	c.gone = nil
	evicted := c.evictLocked()
	c.mu.Unlock()
	c.deleteEvicted(evicted)
}

// noteRead records a file Get read before the index was ready, as the
// most recently used entry, unless it was removed since the read.
func (c *Cache) noteRead(path string, size int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[path]; ok {
		c.lru.MoveToFront(el)
		return
	}
	if _, ok := c.gone[path]; ok || c.ready {
		return
	}
	c.items[path] = c.lru.PushFront(&item{path, size})
	c.total += size
}
