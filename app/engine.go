package app

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/photodesk/photodesk/graphapi"
)

// Engine is one signed-in session's use cases: it owns the Graph client and
// the caches, so the window and the command line share one set of rules
// (and one photo limiter). It is safe for concurrent use.
type Engine struct {
	client    *graphapi.Client
	ttl       time.Duration
	now       func() time.Time
	maxPixels int
	cache     *cache
	disk      *diskScope       // nil: photos are kept in memory only
	elsewhere *ForgetElsewhere // another process's disk cache a change must reach; nil: none

	// diskMu orders writes to the disk cache against Retire, which waits
	// for them; retired is set once the engine's connection has ended.
	diskMu  sync.RWMutex
	retired bool

	// keepMu orders keeping an answer against forgetting its subject
	// (generation.go): keeps share it, Invalidate takes it alone.
	keepMu sync.RWMutex

	photoCalls flight[flightKey, *photoEntry]
	sizeCalls  flight[sizesKey, *sizesEntry]

	heads headStarts // the list WarmUp fetched ahead of the window

	meID atomic.Pointer[string] // the signed-in user's id, once Me has asked

	avatarPartWait time.Duration // see the constant; longer in a test
}

// flightKey is a photo download in progress; with and without metadata are
// different calls, since one of them asks Graph for more. A caller who
// comes after an Invalidate has a newer gen, so it never joins a download
// that started before the change.
type flightKey struct {
	photoKey
	withMeta bool
	gen      uint64
}

// Config is what NewEngine needs. Only Client is required.
type Config struct {
	Client *graphapi.Client
	// CacheTTL is how long a photo is shown without asking Graph again;
	// after it, the cheap metadata call decides whether to download. 0
	// means DefaultCacheTTL; negative means always revalidate.
	CacheTTL time.Duration
	// Now is the clock, replaceable so tests can age the cache; nil means
	// time.Now.
	Now func() time.Time
	// MaxImagePixels refuses images with more pixels before decoding them;
	// 0 means DefaultMaxImagePixels.
	MaxImagePixels int
}

// NewEngine builds an Engine around cfg.Client.
func NewEngine(cfg Config) *Engine {
	e := &Engine{
		client:         cfg.Client,
		ttl:            cfg.CacheTTL,
		now:            cfg.Now,
		maxPixels:      cfg.MaxImagePixels,
		avatarPartWait: avatarPartWait,
	}
	if e.ttl == 0 {
		e.ttl = DefaultCacheTTL
	}
	if e.now == nil {
		e.now = time.Now
	}
	if e.maxPixels <= 0 {
		e.maxPixels = DefaultMaxImagePixels
	}
	e.cache = newCache(defaultCacheEntries)
	return e
}

// Client is the Graph client the engine uses, for callers (such as bulk
// export) that need calls the engine does not wrap; sharing it shares the
// photo limiter.
func (e *Engine) Client() *graphapi.Client { return e.client }

// fresh reports whether something fetched at t may still be used without
// asking Graph. A t in the future was kept from disk while the clock ran
// ahead; it is stale, or it would be believed until the clock catches up.
func (e *Engine) fresh(t time.Time) bool {
	age := e.now().Sub(t)
	return e.ttl > 0 && age >= 0 && age < e.ttl
}

// noPhotoTTL is how long "no photo" is believed, in memory and from disk:
// shorter than a photo's hour, so a photo someone has just added in
// Outlook shows within minutes. After it, "no photo" is checked again.
const noPhotoTTL = 15 * time.Minute

// freshPhoto is fresh for a photo or avatar answer: "no photo" lives
// noPhotoTTL.
func (e *Engine) freshPhoto(t time.Time, noPhoto bool) bool {
	if noPhoto && e.now().Sub(t) >= noPhotoTTL {
		return false
	}
	return e.fresh(t)
}
