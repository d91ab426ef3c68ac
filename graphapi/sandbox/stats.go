package sandbox

import (
	"maps"
	"sync"
)

// Request kinds counted in Stats.Requests. A $batch counts once as
// KindBatch, each of its items once as KindBatchItem and once as its own kind.
const (
	KindPhotoBytes     = "photo-bytes"     // .../photo/$value, .../photos/{size}/$value
	KindPhotoMeta      = "photo-meta"      // .../photo, .../photos/{size}
	KindPhotoSizes     = "photo-sizes"     // .../photos
	KindPhotoWrite     = "photo-write"     // PUT or PATCH .../photo/$value
	KindPhotoDelete    = "photo-delete"    // DELETE .../photo
	KindUsers          = "users"           // /users list and search
	KindUser           = "user"            // /users/{id}, /me
	KindGroups         = "groups"          // /groups list and search
	KindGroup          = "group"           // /groups/{id}
	KindMembers        = "members"         // /groups/{id}/members
	KindContacts       = "contacts"        // contact lists and single contacts
	KindContactFolders = "contact-folders" // contact folder lists and folders
	KindBatch          = "batch"           // POST /$batch envelopes
	KindBatchItem      = "batch-items"     // requests inside a $batch
	KindOther          = "other"           // anything else (errors before routing)
)

// Stats are the sandbox's counters, for tests and benchmarks to check what a
// client really did (how many requests, how many in parallel, how many bytes).
type Stats struct {
	// Requests counts logical requests by kind (see the Kind constants).
	Requests map[string]int
	// Statuses counts answers by HTTP status, batch items included.
	Statuses map[int]int
	// PeakPhotoConcurrency is the most photo requests in flight at once,
	// counted on arrival (so requests refused by the concurrency rule count).
	PeakPhotoConcurrency int
	// BytesSent is the response body bytes written to connections.
	BytesSent int64
	// Resets counts connections cut by the reset fault.
	Resets int
	// ConcurrencyThrottled counts photo requests refused by Outlook's
	// concurrency rule (the client's fault), apart from the throttle
	// fault's random 429s (Statuses[429] counts both).
	ConcurrencyThrottled int
}

// counters is the mutable, locked side of Stats plus the photo slots.
type counters struct {
	mu       sync.Mutex
	stats    Stats
	inFlight int            // photo requests in flight, all apps
	perApp   map[string]int // photo requests in flight per app id
}

func newCounters() *counters {
	c := &counters{perApp: map[string]int{}}
	c.reset()
	return c
}

func (c *counters) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stats = Stats{Requests: map[string]int{}, Statuses: map[int]int{}}
}

func (c *counters) snapshot() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stats
	s.Requests = maps.Clone(c.stats.Requests)
	s.Statuses = maps.Clone(c.stats.Statuses)
	return s
}

func (c *counters) count(kind string, status int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stats.Requests[kind]++
	c.stats.Statuses[status]++
}

// countItem counts a $batch item; kind and status are counted too when
// the item was refused before being served (serve counts them otherwise).
func (c *counters) countItem(kind string, status int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stats.Requests[KindBatchItem]++
	if kind != "" {
		c.stats.Requests[kind]++
		c.stats.Statuses[status]++
	}
}

func (c *counters) addBytes(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stats.BytesSent += int64(n)
}

func (c *counters) addConcurrencyThrottle() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stats.ConcurrencyThrottled++
}

func (c *counters) addReset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stats.Resets++
}

// enterPhoto records a photo request arriving for app and reports how many
// of that app's photo requests are now in flight, this one included. Every
// enterPhoto must be paired with leavePhoto.
func (c *counters) enterPhoto(app string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.inFlight++
	c.perApp[app]++
	c.stats.PeakPhotoConcurrency = max(c.stats.PeakPhotoConcurrency, c.inFlight)
	return c.perApp[app]
}

func (c *counters) leavePhoto(app string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.inFlight--
	if c.perApp[app]--; c.perApp[app] == 0 {
		delete(c.perApp, app)
	}
}
