package sandbox

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Outlook's limits per app and mailbox (shared/graph-facts.md, "Throttling"
// and "Changing photos"), which `photodesk sandbox` and the demo enforce by
// default like OutlookConcurrency: photo requests are Outlook-backed, reads
// and writes alike.
const (
	// OutlookMailboxRequests is "10,000 requests per 10 minutes per app
	// per mailbox".
	OutlookMailboxRequests = 10000
	// OutlookMailboxUploadBytes is the upload cap, "150 MB per 5 minutes"
	// per app and mailbox.
	OutlookMailboxUploadBytes = 150 << 20

	mailboxRequestWindow = 10 * time.Minute
	mailboxUploadWindow  = 5 * time.Minute
)

// Outlook's words for its per-mailbox limits. Only the MailboxConcurrency
// message is in graph-facts; these follow its pattern (unconfirmed), and
// neither says "concurrency", so a client can tell a rate limit from the
// concurrency rule, as on Graph.
const (
	msgMailboxRequests = "Application is over its request limit for this mailbox."
	msgMailboxUpload   = "Application is over its IncomingBytes limit."
)

// mailboxLimits counts, per app and mailbox, what each fixed window has
// used. A window starts with the first request after the last one ended.
type mailboxLimits struct {
	mu        sync.Mutex
	windows   map[string]*usedWindow
	nextSweep int // sweep ended windows once the map is this large
}

// usedWindow is one key's current window.
type usedWindow struct {
	ends time.Time
	used int64
}

func newMailboxLimits() *mailboxLimits {
	return &mailboxLimits{windows: map[string]*usedWindow{}, nextSweep: 1024}
}

// take adds amount to key's window of length window unless that would pass
// limit; refused, it says how long until the window ends.
func (m *mailboxLimits) take(now time.Time, key string, amount, limit int64, window time.Duration) (retry time.Duration, ok bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	w := m.windows[key]
	if w == nil || !now.Before(w.ends) {
		m.sweep(now)
		w = &usedWindow{ends: now.Add(window)}
		m.windows[key] = w
	}
	if w.used+amount > limit {
		return w.ends.Sub(now), false
	}
	w.used += amount
	return 0, true
}

// sweep forgets ended windows when there are many, so a sandbox that served
// every mailbox of a large tenant once does not keep them all.
func (m *mailboxLimits) sweep(now time.Time) {
	if len(m.windows) < m.nextSweep {
		return
	}
	for k, w := range m.windows {
		if !now.Before(w.ends) {
			delete(m.windows, k)
		}
	}
	m.nextSweep = max(1024, 2*len(m.windows))
}

// mailboxLimit applies the per-mailbox limits the call's faults enable to
// a photo request, or returns nil. Requests for a mailbox that does not
// exist are not counted: they are answered 404 before Outlook. It runs once
// the concurrency rule has let the request in, so a refused one is not
// counted either.
func (h *Handler) mailboxLimit(c *call, kind string) *reply {
	f := c.faults
	if f.MailboxRequests <= 0 && f.MailboxUploadBytes <= 0 {
		return nil
	}
	mb := h.mailboxOf(c)
	if mb == "" {
		return nil
	}
	key := c.claims.AppID + "|" + mb
	if f.MailboxRequests > 0 {
		if wait, ok := h.limits.take(h.now(), key+"|requests", 1, int64(f.MailboxRequests), mailboxRequestWindow); !ok {
			return c.limited("ApplicationThrottled", msgMailboxRequests, wait)
		}
	}
	if f.MailboxUploadBytes > 0 && kind == KindPhotoWrite {
		if wait, ok := h.limits.take(h.now(), key+"|upload", int64(len(c.body)), f.MailboxUploadBytes, mailboxUploadWindow); !ok {
			return c.limited("ApplicationThrottled", msgMailboxUpload, wait)
		}
	}
	return nil
}

// limited is the 429 for a limit that frees up after wait (Outlook's
// window ends, the directory's bucket refills): Retry-After says when, in
// whole seconds.
func (c *call) limited(code, message string, wait time.Duration) *reply {
	r := c.fail(http.StatusTooManyRequests, code, message)
	r.header.Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(wait.Seconds())))))
	return r
}

// mailboxOf names the mailbox a photo path reaches: the user's of /me or
// /users/{key} (contacts live in their owner's), the group's of
// /groups/{id} and /teams/{id}; "" when there is none to count against.
func (h *Handler) mailboxOf(c *call) string {
	if len(c.segs) == 0 {
		return ""
	}
	first := c.segs[0]
	key, ok, _ := keySegment(first, "users")
	switch {
	case ok:
	case strings.EqualFold(first, "me"):
		return strings.ToLower(c.claims.ObjectID)
	case len(c.segs) < 2:
		return ""
	case strings.EqualFold(first, "users"):
		key = c.segs[1]
	case strings.EqualFold(first, "groups"), strings.EqualFold(first, "teams"): // a team's photo is its group's
		if g, found := h.dir.Group(c.segs[1]); found {
			return strings.ToLower(g.ID)
		}
		return ""
	default:
		return ""
	}
	if u, found := h.dir.Account(key); found {
		return strings.ToLower(u.ID)
	}
	return ""
}
