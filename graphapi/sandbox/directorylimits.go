package sandbox

import (
	"math"
	"sync"
	"time"
)

// The directory's throttling (shared/graph-facts.md, "Throttling"): a token
// bucket of resource units per app and tenant, refilled every 10 seconds,
// its size by the tenant's size. A directory read costs 2 units, 1 with
// $select (the facts give these costs for GET users; the sandbox charges
// every directory read the same).
const (
	directoryUnitsWindow = 10 * time.Second
	// DirectoryUnitsByTenant, as Faults.DirectoryUnits, sizes the bucket
	// by the tenant as Graph does (DirectoryUnitsFor).
	DirectoryUnitsByTenant = -1
)

// msgDirectoryUnits is the 429's message (wording unconfirmed).
const msgDirectoryUnits = "Too many requests: the application's resource units for this tenant are used up."

// DirectoryUnitsFor is Graph's budget of resource units per 10 seconds for
// a tenant of users people: 3,500 under 50 users, 5,000 up to 500, 8,000
// above (throttling-limits.md; the thresholds are not in graph-facts).
func DirectoryUnitsFor(users int) int {
	switch {
	case users < 50:
		return 3500
	case users <= 500:
		return 5000
	}
	return 8000
}

// directoryUnits holds each app's bucket.
type directoryUnits struct {
	mu      sync.Mutex
	buckets map[string]*unitBucket
}

// unitBucket is what an app has left, as of when.
type unitBucket struct {
	left float64
	at   time.Time
}

func newDirectoryUnits() *directoryUnits {
	return &directoryUnits{buckets: map[string]*unitBucket{}}
}

// spend takes cost units from app's bucket of size units, refilled at size
// per window; refused, it says how long until cost units are back.
func (d *directoryUnits) spend(now time.Time, app string, cost, size int) (time.Duration, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	rate := float64(size) / directoryUnitsWindow.Seconds() // units per second
	b := d.buckets[app]
	if b == nil {
		b = &unitBucket{left: float64(size), at: now}
		d.buckets[app] = b
	}
	if elapsed := now.Sub(b.at).Seconds(); elapsed > 0 {
		b.left = math.Min(float64(size), b.left+elapsed*rate)
		b.at = now
	}
	if b.left < float64(cost) {
		return time.Duration((float64(cost) - b.left) / rate * float64(time.Second)), false
	}
	b.left -= float64(cost)
	return 0, true
}

// directoryLimit charges a directory read to the caller's app when the
// call's faults enable the bucket, or answers the 429 Graph sends when it
// is empty.
func (h *Handler) directoryLimit(c *call) *reply {
	size := c.faults.DirectoryUnits
	if size == DirectoryUnitsByTenant {
		size = DirectoryUnitsFor(len(h.dir.users))
	}
	if size <= 0 {
		return nil
	}
	cost := 2
	if c.query.Has("$select") {
		cost = 1
	}
	wait, ok := h.units.spend(h.now(), c.claims.AppID, cost, size)
	if ok {
		return nil
	}
	return c.limited("TooManyRequests", msgDirectoryUnits, wait)
}

// isDirectoryKind reports whether a request reads the directory (Entra
// ID), which the resource-unit bucket applies to.
func isDirectoryKind(kind string) bool {
	switch kind {
	case KindUsers, KindUser, KindGroups, KindGroup, KindMembers:
		return true
	}
	return false
}
