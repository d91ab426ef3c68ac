package diskcache

import (
	"container/list"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// DefaultMaxBytes is the cache's size when the setting is unset: a few
// thousand 48x48 avatars and a few hundred large photos.
const DefaultMaxBytes int64 = 200 << 20

// ext names entry files; anything else in the folder is not ours.
const ext = ".photo"

// Options configure Open.
type Options struct {
	// Dir is the cache's folder, made if missing; DefaultDir is the usual.
	Dir string
	// MaxBytes bounds the files' total size; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Now is the clock, replaceable in tests; nil means time.Now.
	Now func() time.Time

	hooks indexHooks // tests' way to hold the background index
}

// Cache is a byte-bounded LRU of photo entries in a folder, one file per
// entry under one folder per tenant. Its index of files (size and last
// use) is read once by Open and kept in memory; last use is also the
// file's modification time, so the order survives a restart.
type Cache struct {
	dir string
	now func() time.Time

	// tmpPrefix starts this Cache's temporary files, so the background
	// index removes only those a crash left behind, never a Put's at work.
	tmpPrefix string
	indexed   chan struct{} // closed once the folder is indexed

	mu    sync.Mutex
	max   int64
	total int64
	lru   *list.List               // of *item, most recently used first
	items map[string]*list.Element // by file path
	ready bool                     // the folder's entries are in items
	// gone holds the files removed before the index was ready, so the
	// index, read before they went, does not bring them back.
	gone map[string]struct{}
	// removing counts, per file, the RemoveSoon calls whose deletion is
	// still to come; Get misses those files, a Put clears them.
	removing map[string]int
	// clearing counts, per folder (the cache's own for Clear, a tenant's
	// for DropTenant), the removals waiting for the index: Get misses
	// every file in them meanwhile, or a photo looked at then would be
	// kept in memory after the files are gone.
	clearing map[string]int
	removals sync.WaitGroup // RemoveSoon's deletions under way; Add only under mu, before settled
	settled  bool           // Settle was called: RemoveSoon deletes at once, the process is ending
	hooks    indexHooks
}

// item is one entry file in the index.
type item struct {
	path string
	size int64
}

// DefaultDir is photodesk/photos in the user's cache directory (~/.cache
// on Linux, %LocalAppData% on Windows, ~/Library/Caches on macOS).
func DefaultDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find the cache directory: %w", err)
	}
	return filepath.Join(base, "photodesk", "photos"), nil
}

// Open makes the folder if needed and returns at once; the entries
// already there are indexed in the background (see Indexed), so a full
// cache does not delay whoever opens it. Get and Put work meanwhile.
func Open(o Options) (*Cache, error) {
	if o.Dir == "" {
		return nil, errors.New("open the photo cache: no folder")
	}
	if err := os.MkdirAll(o.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("open the photo cache: %w", err)
	}
	c := &Cache{
		dir: o.Dir, max: o.MaxBytes, now: o.Now,
		lru: list.New(), items: map[string]*list.Element{},
		indexed: make(chan struct{}), gone: map[string]struct{}{}, removing: map[string]int{},
		clearing:  map[string]int{},
		tmpPrefix: "." + rand.Text()[:10] + "-", hooks: o.hooks,
	}
	if c.max <= 0 {
		c.max = DefaultMaxBytes
	}
	if c.now == nil {
		c.now = time.Now
	}
	go c.index()
	return c, nil
}

// Dir is the cache's folder.
func (c *Cache) Dir() string { return c.dir }

// SetMaxBytes changes the bound (0 or less means DefaultMaxBytes) and
// evicts down to it at once, or once the index is ready.
func (c *Cache) SetMaxBytes(n int64) {
	if n <= 0 {
		n = DefaultMaxBytes
	}
	c.mu.Lock()
	c.max = n
	evicted := c.evictLocked()
	c.mu.Unlock()
	c.deleteEvicted(evicted)
}

// Usage is the entries' total size in bytes and their number. It waits
// for the index (see Indexed): before it, the folder's count is unknown.
func (c *Cache) Usage() (bytes int64, entries int) {
	<-c.indexed
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total, len(c.items)
}

// Get returns k's entry, or false. A file that is damaged or written for
// another key is removed and reported as missing. How long an entry is
// believed is the caller's to judge, by its Fetched time. A hit becomes
// the most recently used entry. Before the index is ready, a file not yet
// indexed is read all the same: its path follows from k.
func (c *Cache) Get(k Key) (*Entry, bool) {
	path := c.path(k)
	c.mu.Lock()
	if c.removingLocked(path) || c.clearingLocked(path) {
		c.mu.Unlock()
		return nil, false
	}
	el, ok := c.items[path]
	if ok {
		c.lru.MoveToFront(el)
	}
	ready := c.ready
	c.mu.Unlock()
	if !ok && ready {
		return nil, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if ok {
			c.drop(path)
		}
		return nil, false
	}
	e, err := decode(k, data)
	if err != nil {
		c.Remove(k)
		return nil, false
	}
	if !ok {
		c.noteRead(path, int64(len(data)))
	}
	now := c.now()
	_ = os.Chtimes(path, now, now) // the LRU order, for the next run
	return e, true
}

// Put stores e under k, replacing what was there, and evicts the least
// recently used entries beyond the bound (before the index is ready, the
// index does that once it knows them all). An entry larger than the whole
// bound is not kept, and the older entry under k is removed.
func (c *Cache) Put(k Key, e *Entry) error {
	data, err := encode(k, e)
	if err != nil {
		return err
	}
	path := c.path(k)
	if int64(len(data)) > c.maxBytes() {
		c.drop(path) // an older copy must not answer in the new one's place
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("cache a photo: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), c.tmpPrefix+"*.tmp")
	if err != nil {
		return fmt.Errorf("cache a photo: %w", err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	c.mu.Lock()
	if err == nil {
		// Under the lock, so the index and the folder agree: a Remove or
		// DropTenant racing this Put either sees the new file or runs after.
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		c.mu.Unlock()
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("cache a photo: %w", err)
	}
	if el, ok := c.items[path]; ok {
		c.total -= el.Value.(*item).size
		c.lru.Remove(el)
	}
	delete(c.removing, path) // this file is newer than what RemoveSoon forgot
	c.items[path] = c.lru.PushFront(&item{path, int64(len(data))})
	c.total += int64(len(data))
	evicted := c.evictLocked()
	c.mu.Unlock()
	c.deleteEvicted(evicted)
	return nil
}

// Remove forgets k's entry.
func (c *Cache) Remove(k Key) { c.drop(c.path(k)) }

func (c *Cache) maxBytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.max
}

// drop removes one file and its index entry.
func (c *Cache) drop(path string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.forgetPathLocked(path)
	_ = os.Remove(path)
}

// forgetPathLocked takes path out of the index, and keeps the background
// index from counting its file while the folder is still being read.
func (c *Cache) forgetPathLocked(path string) {
	if el, ok := c.items[path]; ok {
		c.forgetLocked(path, el)
	}
	if !c.ready {
		c.gone[path] = struct{}{}
	}
}

func (c *Cache) forgetLocked(path string, el *list.Element) {
	c.total -= el.Value.(*item).size
	c.lru.Remove(el)
	delete(c.items, path)
}

// evictLocked forgets least recently used entries until the total fits
// and returns their files, which Get misses from now on, for the caller
// to delete with deleteEvicted once it has let go of the lock: a
// smaller bound or a full cache indexed evicts thousands of files, and
// Get, Put and RemoveSoon (which the window's goroutine calls) must not
// wait for those deletions. Before the index is ready it waits: the
// oldest files are not yet known, and the index evicts once it has them.
func (c *Cache) evictLocked() []string {
	if !c.ready {
		return nil
	}
	var evicted []string
	for c.total > c.max && c.lru.Len() > 0 {
		el := c.lru.Back()
		it := el.Value.(*item)
		c.forgetLocked(it.path, el)
		c.removing[it.path]++
		evicted = append(evicted, it.path)
	}
	return evicted
}

// deleteEvicted deletes the files evictLocked forgot, after its caller let
// go of the lock.
func (c *Cache) deleteEvicted(paths []string) {
	if len(paths) > 0 && c.hooks.beforeEvict != nil {
		c.hooks.beforeEvict()
	}
	c.deleteForgotten(paths)
}

// tenantDir is one folder per cloud and tenant, named by a hash so any
// tenant name makes a safe folder name.
func (c *Cache) tenantDir(cloud, tenant string) string { return tenantDirIn(c.dir, cloud, tenant) }

func tenantDirIn(dir, cloud, tenant string) string {
	return filepath.Join(dir, hashHex(cloud + "\x00" + tenant)[:24])
}

// path is k's file; the name is a hash of the whole key, and the file's
// header repeats the key, so a collision reads as a miss.
func (c *Cache) path(k Key) string { return keyPath(c.dir, k) }

func keyPath(dir string, k Key) string {
	name := k.Cloud + "\x00" + k.Tenant + "\x00" + k.Subject + "\x00" + k.Size
	if k.Run != "" { // a real tenant's names stay as they were
		name += "\x00" + k.Run
	}
	return filepath.Join(tenantDirIn(dir, k.Cloud, k.Tenant), hashHex(name)[:40]+ext)
}

// RemoveFiles deletes keys' entries from the cache in dir without opening
// it: for a process that changed photos but keeps no cache of its own (the
// command line), so the window — running now, whose index then finds the
// files gone, or started later — does not show the old photos. An entry
// that is not there is no error.
func RemoveFiles(dir string, keys ...Key) error {
	var errs []error
	for _, k := range keys {
		if err := os.Remove(keyPath(dir, k)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func hashHex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
