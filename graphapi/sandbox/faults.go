package sandbox

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Faults make the sandbox behave like Graph on a bad day. The zero value is
// a perfect server. Rates are probabilities between 0 and 1 drawn per
// request, so 1 means "always", which is what deterministic tests use.
type Faults struct {
	// Latency is added to every HTTP request, like a network round trip.
	Latency time.Duration
	// ServerTime is the work time of a photo request (metadata or bytes),
	// spent while it holds one of the app's concurrent photo slots.
	ServerTime time.Duration
	// MaxPhotoConcurrency enables Outlook's rule: more than this many photo
	// requests in flight for one app get 429 "Application is over its
	// MailboxConcurrency limit." (0 = off; Graph's real limit is 4).
	MaxPhotoConcurrency int
	// MailboxRequests enables Outlook's rate limit: photo requests of one
	// app to one mailbox beyond this many in 10 minutes get 429
	// ApplicationThrottled with a Retry-After (0 = off; Graph's is
	// OutlookMailboxRequests).
	MailboxRequests int
	// MailboxUploadBytes enables Outlook's upload cap: photo uploads of one
	// app to one mailbox beyond this many bytes in 5 minutes get 429
	// ApplicationThrottled (0 = off; Graph's is OutlookMailboxUploadBytes).
	MailboxUploadBytes int64
	// DirectoryUnits enables the directory's throttling: a bucket of this
	// many resource units per 10 seconds for each app, a read costing 2
	// (1 with $select); an empty bucket answers 429 TooManyRequests with a
	// Retry-After (0 = off; DirectoryUnitsByTenant sizes it as Graph does).
	DirectoryUnits int
	// ThrottleRate is the share of requests answered 429 TooManyRequests.
	ThrottleRate float64
	// RetryAfter is the Retry-After value sent with 429s and 503s, seconds
	// (fractions allowed, e.g. "0.25") or an HTTP-date; "" means "1".
	RetryAfter string
	// UnavailableRate is the share answered 503 ServiceNotAvailable or
	// 504 GatewayTimeout (half each).
	UnavailableRate float64
	// ResetRate is the share of HTTP requests whose connection is reset
	// before any answer.
	ResetRate float64
	// SlowBody spreads the writing of each response body over this long.
	SlowBody time.Duration
	// CorruptRate is the share of photo bytes answers that are truncated or
	// garbled (status and headers stay 200 and the image's).
	CorruptRate float64
	// SizePlaceholderRate is the share of requests for a size an existing
	// photo lacks answered as the Get photo document says — 200 with the
	// 1x1 GIF, its metadata 1x1 — rather than the 404 current tenants
	// answer (which one real tenants give is unconfirmed: graph-facts).
	SizePlaceholderRate float64
}

// ParseFaults reads the fault spec used by the --faults flag and the
// X-Sandbox-Faults header: comma-separated key=value pairs, e.g.
// "latency=100ms,server=20ms,concurrency=4,throttle=0.1,retry-after=0.5,
// unavailable=0.05,reset=0.01,slow=200ms,corrupt=0.02". An empty spec (or
// "none") is no faults.
func ParseFaults(spec string) (Faults, error) {
	var f Faults
	spec = strings.TrimSpace(spec)
	if spec == "" || strings.EqualFold(spec, "none") {
		return f, nil
	}
	pairs, err := splitPairs(spec)
	if err != nil {
		return Faults{}, err
	}
	for _, pair := range pairs {
		key, val := pair[0], pair[1]
		var err error
		switch key {
		case "latency":
			f.Latency, err = parseDuration(val)
		case "server", "server-time":
			f.ServerTime, err = parseDuration(val)
		case "slow", "slow-body":
			f.SlowBody, err = parseDuration(val)
		case "concurrency":
			f.MaxPhotoConcurrency, err = parseCount(val)
		case "mailbox-requests":
			f.MailboxRequests, err = parseCount(val)
		case "mailbox-upload":
			f.MailboxUploadBytes, err = parseBytes(val)
		case "directory-units":
			f.DirectoryUnits, err = parseUnits(val)
		case "throttle":
			f.ThrottleRate, err = parseRate(val)
		case "unavailable":
			f.UnavailableRate, err = parseRate(val)
		case "reset":
			f.ResetRate, err = parseRate(val)
		case "corrupt":
			f.CorruptRate, err = parseRate(val)
		case "size-1x1":
			f.SizePlaceholderRate, err = parseRate(val)
		case "retry-after":
			f.RetryAfter, err = val, checkRetryAfter(val)
		default:
			return Faults{}, fmt.Errorf("unknown fault %q (want latency, server, concurrency, mailbox-requests, mailbox-upload, directory-units, throttle, retry-after, unavailable, reset, slow, corrupt or size-1x1)", key)
		}
		if err != nil {
			return Faults{}, fmt.Errorf("fault %s=%q: %w", key, val, err)
		}
	}
	return f, nil
}

// splitPairs splits "k=v,k=v" into pairs. A part without '=' continues the
// previous value, because an HTTP-date Retry-After has a comma in it
// ("retry-after=Wed, 21 Oct 2026 07:28:00 GMT").
func splitPairs(spec string) ([][2]string, error) {
	var pairs [][2]string
	for part := range strings.SplitSeq(spec, ",") {
		key, val, ok := strings.Cut(part, "=")
		if !ok {
			if len(pairs) == 0 {
				return nil, fmt.Errorf("fault %q: want key=value", strings.TrimSpace(part))
			}
			pairs[len(pairs)-1][1] += "," + part
			continue
		}
		pairs = append(pairs, [2]string{strings.ToLower(strings.TrimSpace(key)), val})
	}
	for i := range pairs {
		pairs[i][1] = strings.TrimSpace(pairs[i][1])
	}
	return pairs, nil
}

// String writes the faults back in ParseFaults syntax ("none" when zero).
func (f Faults) String() string {
	var parts []string
	add := func(cond bool, key string, v any) {
		if cond {
			parts = append(parts, fmt.Sprintf("%s=%v", key, v))
		}
	}
	add(f.Latency > 0, "latency", f.Latency)
	add(f.ServerTime > 0, "server", f.ServerTime)
	add(f.MaxPhotoConcurrency > 0, "concurrency", f.MaxPhotoConcurrency)
	add(f.MailboxRequests > 0, "mailbox-requests", f.MailboxRequests)
	add(f.MailboxUploadBytes > 0, "mailbox-upload", formatBytes(f.MailboxUploadBytes))
	add(f.DirectoryUnits > 0, "directory-units", f.DirectoryUnits)
	add(f.DirectoryUnits == DirectoryUnitsByTenant, "directory-units", "tenant")
	add(f.ThrottleRate > 0, "throttle", f.ThrottleRate)
	add(f.RetryAfter != "", "retry-after", f.RetryAfter)
	add(f.UnavailableRate > 0, "unavailable", f.UnavailableRate)
	add(f.ResetRate > 0, "reset", f.ResetRate)
	add(f.SlowBody > 0, "slow", f.SlowBody)
	add(f.CorruptRate > 0, "corrupt", f.CorruptRate)
	add(f.SizePlaceholderRate > 0, "size-1x1", f.SizePlaceholderRate)
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ",")
}

func parseDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, err
	}
	if d < 0 {
		return 0, fmt.Errorf("negative duration")
	}
	return d, nil
}

func parseRate(s string) (float64, error) {
	r, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, err
	}
	if r < 0 || r > 1 {
		return 0, fmt.Errorf("rate must be between 0 and 1")
	}
	return r, nil
}

// checkRetryAfter accepts what Graph sends: delta-seconds, possibly with a
// fraction, or an HTTP-date.
func checkRetryAfter(s string) error {
	if secs, err := strconv.ParseFloat(s, 64); err == nil {
		if secs < 0 {
			return fmt.Errorf("negative seconds")
		}
		return nil
	}
	if _, err := time.Parse(timeFormatHTTP, s); err != nil {
		return fmt.Errorf("want seconds or an HTTP-date: %w", err)
	}
	return nil
}

// timeFormatHTTP is the IMF-fixdate layout of HTTP-dates (http.TimeFormat).
const timeFormatHTTP = "Mon, 02 Jan 2006 15:04:05 GMT"

func (f Faults) retryAfter() string {
	if f.RetryAfter == "" {
		return "1"
	}
	return f.RetryAfter
}

// chance draws one Bernoulli trial; fault randomness is not seeded because
// rates of 0 and 1 are exact and anything between is meant to be random.
func chance(rate float64) bool {
	return rate > 0 && (rate >= 1 || rand.Float64() < rate)
}

// OutlookConcurrency is Outlook's "4 concurrent requests per app" for
// photos, which `photodesk sandbox` and the demo enforce by default so a
// client that floods Graph fails there as it would against Microsoft.
const OutlookConcurrency = 4

// ParseServeFaults is ParseFaults for a served sandbox (the command and
// the demo): Graph's limits — Outlook's concurrency rule, its per-mailbox
// request and upload limits, and the directory's resource units sized by
// the tenant — are on, each unless the spec sets it itself (concurrency=0
// switches the rule off) or is "none".
func ParseServeFaults(spec string) (Faults, error) {
	f, err := ParseFaults(spec)
	if err != nil {
		return Faults{}, err
	}
	if strings.EqualFold(strings.TrimSpace(spec), "none") {
		return f, nil
	}
	set := map[string]bool{}
	for _, pair := range mustPairs(spec) {
		set[pair[0]] = true
	}
	if !set["concurrency"] {
		f.MaxPhotoConcurrency = OutlookConcurrency
	}
	if !set["mailbox-requests"] {
		f.MailboxRequests = OutlookMailboxRequests
	}
	if !set["mailbox-upload"] {
		f.MailboxUploadBytes = OutlookMailboxUploadBytes
	}
	if !set["directory-units"] {
		f.DirectoryUnits = DirectoryUnitsByTenant
	}
	return f, nil
}

// parseUnits reads a resource-unit budget: a count, or "tenant" for
// Graph's budget for the tenant's size.
func parseUnits(s string) (int, error) {
	if strings.EqualFold(s, "tenant") {
		return DirectoryUnitsByTenant, nil
	}
	return parseCount(s)
}

// parseCount reads a limit's count: a whole number, not negative.
func parseCount(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err == nil && n < 0 {
		err = fmt.Errorf("negative")
	}
	return n, err
}

// WithoutOutlookLimits is f with Outlook's limits (concurrency, requests
// and uploads per mailbox) switched off, the other faults kept.
func (f Faults) WithoutOutlookLimits() Faults {
	f.MaxPhotoConcurrency, f.MailboxRequests, f.MailboxUploadBytes = 0, 0, 0
	return f
}

// formatBytes writes n the way parseBytes reads it, in MB or KB when whole.
func formatBytes(n int64) string {
	switch {
	case n > 0 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + "MB"
	case n > 0 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + "KB"
	}
	return strconv.FormatInt(n, 10)
}

// parseBytes reads a byte count: a whole number, optionally with KB or MB
// (binary multiples, as the 4 MB and 150 MB limits are counted here).
func parseBytes(s string) (int64, error) {
	mult := int64(1)
	upper := strings.ToUpper(s)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"MB", 1 << 20}, {"KB", 1 << 10}} {
		if strings.HasSuffix(upper, u.suffix) {
			s, mult = strings.TrimSpace(s[:len(s)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, err
	}
	if n < 0 || n > math.MaxInt64/mult {
		return 0, fmt.Errorf("want a byte count from 0 to %d MB", math.MaxInt64>>20)
	}
	return n * mult, nil
}

// mustPairs is splitPairs for a spec ParseFaults accepted.
func mustPairs(spec string) [][2]string {
	if strings.TrimSpace(spec) == "" {
		return nil
	}
	pairs, _ := splitPairs(spec)
	return pairs
}

// corrupt damages image bytes the two ways networks and proxies do:
// cutting them short or flipping bytes in the middle — at a point of
// chance each time, as a dropped connection does, so two damaged answers
// are rarely the same (a client may tell a damaged transfer from a
// damaged photo by reading again).
func corrupt(b []byte) []byte {
	out := append([]byte(nil), b...)
	if len(out) < 8 || chance(0.5) {
		return out[:len(out)/4+rand.IntN(len(out)/2+1)]
	}
	for i := len(out)/3 + rand.IntN(min(64, len(out)/3)); i < len(out)*2/3; i += 7 {
		out[i] ^= 0x5a
	}
	return out
}
