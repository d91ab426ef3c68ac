package app

import (
	"image"
	"sync"
	"time"

	"github.com/photodesk/photodesk/graphapi"
)

// defaultCacheEntries bounds each cache map; a decoded 648x648 photo is
// about 1.6 MB, so a few hundred keep memory in check while covering a
// helpdesk session.
const defaultCacheEntries = 400

// avatarCacheEntries bounds the decoded 48x48 avatars kept in memory (9 KB
// each): the rows a list shows and those around them (views keeps about
// 200). An avatar scrolled back into view after that is read again from
// the disk cache, with no request while it is fresh.
const avatarCacheEntries = 300

// photoKey is one subject at one requested size.
type photoKey struct {
	subj graphapi.Subject
	size graphapi.Size
}

// photoEntry is what a photo request learned, including "no photo": caching
// that too is what stops the 404 floods the Graph Toolkit was known for.
type photoEntry struct {
	fetched time.Time
	served  graphapi.Size

	noPhoto bool
	reason  string

	meta        *graphapi.PhotoMeta
	metaErr     error
	bytes       []byte
	contentType string
	etag        string // the ETag to revalidate against: metadata's mediaEtag, else the header
	requestID   string
	url         string
	dec         *Decoded
}

// lacksMeta reports a photo kept without its metadata, which the viewer
// asks for before showing it: one saved by Save all sizes (never asked
// for), or one whose metadata call failed for a passing reason (a 503, a
// throttle that outlived its retries), which would otherwise show no ETag
// or size for the cache's whole life. Only a personal account's "not
// supported" is an answer worth keeping.
func (ent *photoEntry) lacksMeta() bool {
	return !ent.noPhoto && ent.meta == nil && !graphapi.IsPersonalAccountUnsupported(ent.metaErr)
}

// sizesEntry is a subject's /photos answer.
type sizesEntry struct {
	fetched time.Time
	hd      []graphapi.Size // HD sizes that exist, smallest first
}

// avatarEntry is one result-list avatar.
type avatarEntry struct {
	fetched time.Time
	img     image.Image
	noPhoto bool
}

// cache holds the engine's three maps under one lock. Each map is bounded;
// when full, the oldest entry goes.
type cache struct {
	mu      sync.Mutex
	limit   int
	photos  map[photoKey]*photoEntry
	sizes   map[graphapi.Subject]*sizesEntry
	avatars map[graphapi.Subject]*avatarEntry
	decoded []photoKey // photo entries holding a decoded image, least recently used first

	// gens and epoch count forgets (per subject, and of everything): a
	// fetch that started before one must not keep its answer
	// (generation.go). They only grow, so their sum changes on every forget.
	gens  map[graphapi.Subject]uint64
	epoch uint64
}

func newCache(limit int) *cache {
	return &cache{
		limit:   limit,
		photos:  map[photoKey]*photoEntry{},
		sizes:   map[graphapi.Subject]*sizesEntry{},
		avatars: map[graphapi.Subject]*avatarEntry{},
		gens:    map[graphapi.Subject]uint64{},
	}
}

// gen is s's generation: it changes whenever s (or everything) is forgotten.
func (c *cache) gen(s graphapi.Subject) uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.epoch + c.gens[s]
}

func (c *cache) photo(k photoKey) *photoEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.photos[k]
}

func (c *cache) putPhoto(k photoKey, e *photoEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	evictOldest(c.photos, c.limit, func(e *photoEntry) time.Time { return e.fetched })
	c.photos[k] = e
	if e.dec != nil {
		c.keepDecodedLocked(k)
	}
}

// touched is old revalidated at t, as a new entry to put in its place.
// Entries are replaced, never mutated, so results already handed out do
// not change under a reader.
func touched(old *photoEntry, t time.Time, meta *graphapi.PhotoMeta) *photoEntry {
	n := *old
	n.fetched = t
	if meta != nil {
		n.meta, n.metaErr = meta, nil
	}
	return &n
}

func (c *cache) sizeList(s graphapi.Subject) *sizesEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sizes[s]
}

func (c *cache) putSizes(s graphapi.Subject, e *sizesEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	evictOldest(c.sizes, c.limit, func(e *sizesEntry) time.Time { return e.fetched })
	c.sizes[s] = e
}

func (c *cache) avatar(s graphapi.Subject) *avatarEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.avatars[s]
}

func (c *cache) putAvatar(s graphapi.Subject, e *avatarEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	evictOldest(c.avatars, avatarCacheEntries, func(e *avatarEntry) time.Time { return e.fetched })
	c.avatars[s] = e
}

// forget drops everything known about s.
func (c *cache) forget(s graphapi.Subject) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.photos {
		if k.subj == s {
			delete(c.photos, k)
		}
	}
	delete(c.sizes, s)
	delete(c.avatars, s)
	c.gens[s]++
}

// evictOldest makes room for one more entry in m.
func evictOldest[K comparable, V any](m map[K]V, limit int, at func(V) time.Time) {
	if len(m) < limit {
		return
	}
	var oldestKey K
	var oldest time.Time
	first := true
	for k, v := range m {
		if t := at(v); first || t.Before(oldest) {
			oldestKey, oldest, first = k, t, false
		}
	}
	delete(m, oldestKey)
}

// clear forgets everything.
func (c *cache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.photos)
	clear(c.sizes)
	clear(c.avatars)
	c.decoded = nil
	c.epoch++
}
