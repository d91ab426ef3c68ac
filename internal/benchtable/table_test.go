package benchtable

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// The model: 20 ms of server time per photo, at most 4 at once.
const (
	serverTime = 20 * time.Millisecond
	concurrent = 4
	exportN    = 1000
	avatarN    = 100
	// baselineN photos are fetched one at a time and scaled to exportN:
	// a full one-at-a-time export takes two minutes at 100 ms.
	baselineN = 100
)

// row is one line of the table.
type row struct {
	scenario, photoDesk, oneAtATime, floor, ratio string
}

// BenchmarkTable prints the one table `make bench` shows.
func BenchmarkTable(b *testing.B) {
	var rows []row
	for b.Loop() {
		rows = nil
		tn := sandboxtest.Start(b, sandbox.Options{Users: exportN})
		askedAgain := warm(b, tn)
		for _, rtt := range []time.Duration{100 * time.Millisecond, 20 * time.Millisecond} {
			rows = append(rows, exportRow(b, tn, rtt), avatarsRow(b, tn, rtt, askedAgain), restartRow(b, tn, rtt))
		}
		hello := buildHello(b)
		rows = append(rows, startRows(b, hello)...)
		rows = append(rows, binaryRow(b, hello))
	}
	printTable(rows)
}

// retryAfter is what the sandbox's throttled answers ask a client to wait.
const retryAfter = 500 * time.Millisecond

// faults is the model at one round trip.
func faults(rtt time.Duration, throttle float64) sandbox.Faults {
	return sandbox.Faults{Latency: rtt, ServerTime: serverTime, MaxPhotoConcurrency: concurrent, ThrottleRate: throttle, RetryAfter: strconv.FormatFloat(retryAfter.Seconds(), 'f', -1, 64)}
}

// modelOf is faults as the perfect pacer simulates them.
func modelOf(rtt time.Duration, throttle float64, listFirst bool) model {
	return model{rtt: rtt, server: serverTime, retryAfter: retryAfter, slots: concurrent, perBatch: graphapi.MaxBatch, throttle: throttle, listFirst: listFirst}
}

// perfectRuns is how many simulated runs perfect timing plays.
const perfectRuns = 2000

// floor is the least any client can take for n photos: one round trip and
// the server's work spread over its 4 slots.
func floor(rtt time.Duration, n int) time.Duration {
	return rtt + time.Duration(n)*serverTime/concurrent
}

// warm draws every photo once, untimed, so runs measure the network pattern
// rather than the sandbox's JPEG encoder. It returns which of people(tn)
// the avatars asked for again at the default size, for the perfect pacer.
func warm(b testing.TB, tn *sandboxtest.Tenant) []bool {
	group := tn.Dir.Examples().AllCompany
	if _, err := export.Run(context.Background(), export.Options{Client: tn.Client(tn.Token), Source: export.Source{GroupID: group.ID}, Dir: b.TempDir()}); err != nil {
		b.Fatal(err)
	}
	ps := people(tn)
	at := make(map[string]int, len(ps))
	for i, p := range ps {
		path, err := p.Subject.PhotoPath(graphapi.SizeLargest, true) // the default size, as Seen spells it
		if err != nil {
			b.Fatal(err)
		}
		at[path] = i
	}
	again := make([]bool, len(ps))
	var mu sync.Mutex
	tn.Handler().Observe(func(s sandbox.Seen) {
		if i, ok := at[s.Path]; ok && s.Kind == sandbox.KindPhotoBytes {
			mu.Lock()
			again[i] = true
			mu.Unlock()
		}
	})
	defer tn.Handler().Observe(nil)
	e := app.NewEngine(app.Config{Client: tn.Client(tn.Token)})
	e.Avatars(context.Background(), ps, func(int, app.Avatar) {})
	return again
}

// exportRuns is how many times the export row runs: which requests the
// random 5% throttle, and when, moves one run by up to a second (perfect
// timing's own runs spread by 0.7 s), so the row shows the median run.
const exportRuns = 3

// exportRun is one measured export.
type exportRun struct {
	took                         time.Duration
	requests, throttled, refused int
	pacing                       graphapi.PacingStats
}

func exportRow(b *testing.B, tn *sandboxtest.Tenant, rtt time.Duration) row {
	group := tn.Dir.Examples().AllCompany
	tn.SetFaults(faults(rtt, 0.05))
	var runs []exportRun
	for range exportRuns {
		// As the command line does: no search first, the client times the
		// network with its own light requests (graphapi.WithNetworkProbes).
		c := tn.Client(tn.Token, graphapi.WithNetworkProbes())
		tn.ResetStats()
		start := time.Now()
		sum, err := export.Run(context.Background(), export.Options{Client: c, Source: export.Source{GroupID: group.ID}, Dir: b.TempDir()})
		took := time.Since(start)
		if err != nil || sum.OK+sum.NoPhoto != exportN {
			b.Fatalf("export: %v, %+v", err, sum)
		}
		st := tn.Stats()
		runs = append(runs, exportRun{
			took: took, requests: st.Requests[sandbox.KindPhotoBytes] + st.Requests[sandbox.KindBatch],
			throttled: st.Statuses[429], refused: st.ConcurrencyThrottled, pacing: c.Pacing(),
		})
	}
	var refused []string // in the order the runs ran
	for _, run := range runs {
		refused = append(refused, strconv.Itoa(run.refused))
	}
	r, low, high := median(runs, func(r exportRun) time.Duration { return r.took })

	one := oneAtATime(b, tn, people(tn)[:baselineN], graphapi.SizeLargest) * exportN / baselineN
	fl := floor(rtt, exportN)
	perfect := modelOf(rtt, 0.05, true).perfectTimings(make([]bool, exportN), perfectRuns)
	return row{
		scenario: fmt.Sprintf("1. export %d photos, 5%% throttled, RTT %s (median of %d)", exportN, rtt, exportRuns),
		photoDesk: fmt.Sprintf("%.2f s, %.2f-%.2f s (the median run: %d of %d requests 429, %d by the concurrency rule, the rest the 5%%; lead %s, late %s, jitter %s; refused by the rule in each run: %s)",
			r.took.Seconds(), low.Seconds(), high.Seconds(), r.throttled, r.requests, r.refused,
			r.pacing.Lead.Round(time.Millisecond), r.pacing.Late.Round(100*time.Microsecond), r.pacing.Jitter.Round(100*time.Microsecond), strings.Join(refused, ", ")),
		oneAtATime: fmt.Sprintf("%.1f s (%d measured, scaled)", one.Seconds(), baselineN),
		floor:      floorText(fl, perfect),
		ratio:      ratioText(r.took, fl, perfect, one),
	}
}

// floorText is the floor column: the floor, and what perfect timing
// takes on average and, when runs differ, in 8 of 10 runs.
func floorText(fl time.Duration, perfect timings) string {
	spread := ""
	if perfect.p90 > perfect.p10 {
		spread = fmt.Sprintf(", %.2f-%.2f s in 8 runs of 10", perfect.p10.Seconds(), perfect.p90.Seconds())
	}
	return fmt.Sprintf("%.2f s (perfect timing: %.2f s%s)", fl.Seconds(), perfect.mean.Seconds(), spread)
}

// ratioText is the ratio column: against the floor, against perfect
// timing's mean, and how many times faster than one at a time.
func ratioText(took, fl time.Duration, perfect timings, one time.Duration) string {
	return fmt.Sprintf("%.2fx floor (%.2fx perfect timing), %.0fx faster", took.Seconds()/fl.Seconds(), took.Seconds()/perfect.mean.Seconds(), one.Seconds()/took.Seconds())
}

// avatarsRow times the avatars of people(tn); askedAgain says whom the
// avatars ask again at the default size (warm).
func avatarsRow(b *testing.B, tn *sandboxtest.Tenant, rtt time.Duration, askedAgain []bool) row {
	tn.SetFaults(faults(rtt, 0))
	ps := people(tn)
	c := tn.Client(tn.Token) // lightRequests times the network, as the window's search would
	lightRequests(b, c)
	e := app.NewEngine(app.Config{Client: c})
	tn.ResetStats()
	start := time.Now()
	n := collect(e, ps)
	took := time.Since(start)
	if n != len(ps) {
		b.Fatalf("%d of %d avatars", n, len(ps))
	}
	st := tn.Stats()
	one := oneAtATime(b, tn, ps, "48x48")
	fl := floor(rtt, len(ps))
	perfect := modelOf(rtt, 0, false).perfectTimings(askedAgain, 1)
	// People missing at 48x48 are asked again at the default size
	// (Entra-only photos have no HD sizes): server work the floor of one
	// request a person does not count, shown beside it. Items refused
	// with a 429 and sent again are not asks of their own.
	asked := st.Requests[sandbox.KindPhotoBytes] - st.Statuses[429]
	return row{
		scenario: fmt.Sprintf("2. avatars for %d results, RTT %s", avatarN, rtt),
		photoDesk: fmt.Sprintf("%.2f s (%d $batches, %d × 429; %d photos asked for, %d of them default-size retries: %.2fx the floor that counts them)",
			took.Seconds(), st.Requests[sandbox.KindBatch], st.Statuses[429], asked, asked-len(ps), took.Seconds()/floor(rtt, asked).Seconds()),
		oneAtATime: fmt.Sprintf("%.2f s", one.Seconds()),
		floor:      floorText(fl, perfect),
		ratio:      ratioText(took, fl, perfect, one),
	}
}

// restartRow shows the same avatars after a restart, two hours later (past
// the cache's hour, so every one is revalidated by its ETag).
func restartRow(b *testing.B, tn *sandboxtest.Tenant, rtt time.Duration) row {
	tn.SetFaults(faults(rtt, 0))
	dir := b.TempDir()
	ps := people(tn)
	now := time.Now()
	run := func(at time.Time) *app.Engine {
		clock := func() time.Time { return at }
		d, err := diskcache.Open(diskcache.Options{Dir: dir, Now: clock})
		if err != nil {
			b.Fatal(err)
		}
		e := app.NewEngine(app.Config{Client: tn.Client(tn.Token), Now: clock})
		e.UseDiskCache(d, "sandbox", tn.Dir.TenantID())
		return e
	}
	collect(run(now), ps)
	// A photo downloaded is a bytes request answered 200 (the old 1x1
	// placeholder's too); a check is a metadata request, of a photo's ETag
	// or of a "no photo" past its 15 minutes.
	var mu sync.Mutex
	var downloaded, checks int
	tn.Handler().Observe(func(s sandbox.Seen) {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case s.Kind == sandbox.KindPhotoBytes && s.Status == http.StatusOK:
			downloaded++
		case s.Kind == sandbox.KindPhotoMeta:
			checks++
		}
	})
	defer tn.Handler().Observe(nil)
	start := time.Now()
	collect(run(now.Add(2*time.Hour)), ps)
	took := time.Since(start)
	mu.Lock()
	defer mu.Unlock()
	return row{
		scenario: fmt.Sprintf("3. restart 2 h later, the same %d avatars, RTT %s", avatarN, rtt),
		photoDesk: fmt.Sprintf("%d photos downloaded; %d metadata checks (ETags, and \"no photo\" still); %.2f s",
			downloaded, checks, took.Seconds()),
		oneAtATime: fmt.Sprintf("%d photos downloaded", len(ps)),
		floor:      "0 photos",
		ratio:      fmt.Sprintf("%d / 0", downloaded),
	}
}

// buildHello builds the bare Fyne hello world; "" if it cannot.
func buildHello(b *testing.B) string {
	hello := filepath.Join(b.TempDir(), "hello")
	cmd := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", hello, "./testdata/hello")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Logf("build the hello world: %v %s", err, out)
		return ""
	}
	return hello
}

// binaryRow compares the built program with a bare Fyne hello world.
func binaryRow(b *testing.B, hello string) row {
	bin := os.Getenv("PHOTODESK_BIN")
	r := row{scenario: "6. binary size vs a bare Fyne hello world", oneAtATime: "—"}
	if bin == "" || hello == "" {
		r.photoDesk = fmt.Sprintf("not measured (PHOTODESK_BIN=%q, hello world built: %v)", bin, hello != "")
		return r
	}
	pd, err1 := os.Stat(bin)
	hw, err2 := os.Stat(hello)
	if err1 != nil || err2 != nil {
		r.photoDesk = fmt.Sprintf("not measured: %v %v", err1, err2)
		return r
	}
	r.photoDesk = fmt.Sprintf("%.1f MB", float64(pd.Size())/1e6)
	r.floor = fmt.Sprintf("%.1f MB (hello world)", float64(hw.Size())/1e6)
	r.ratio = fmt.Sprintf("%.2fx", float64(pd.Size())/float64(hw.Size()))
	return r
}

// lightRequests stand for the searches a person types before an export
// or while avatars load: light answers from which the pacer learns the
// network's round trip.
func lightRequests(b *testing.B, c *graphapi.Client) {
	for range 3 {
		if _, err := c.GetMe(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// people are the first avatarN users, as the result list shows them.
func people(tn *sandboxtest.Tenant) []app.Person {
	var ps []app.Person
	for _, u := range tn.Dir.Users()[:avatarN] {
		ps = append(ps, app.PersonFromUser(graphapi.UserInfo{ID: u.ID, DisplayName: u.DisplayName, UserPrincipalName: u.UserPrincipalName}))
	}
	return ps
}

// collect runs Avatars and counts the deliveries.
func collect(e *app.Engine, ps []app.Person) int {
	var mu sync.Mutex
	n := 0
	e.Avatars(context.Background(), ps, func(int, app.Avatar) { mu.Lock(); n++; mu.Unlock() })
	return n
}

// oneAtATime fetches each person's photo at size in turn, as a script
// would, and returns how long it took.
func oneAtATime(b *testing.B, tn *sandboxtest.Tenant, ps []app.Person, size graphapi.Size) time.Duration {
	c := tn.Client(tn.Token)
	start := time.Now()
	for _, p := range ps {
		if _, err := c.PhotoBytes(context.Background(), p.Subject, size); err != nil && !graphapi.IsNoPhoto(err) && !graphapi.IsNotFound(err) {
			b.Fatalf("%s: %v", p, err)
		}
	}
	return time.Since(start)
}

// printTable writes the rows as one Markdown table, with the machine.
func printTable(rows []row) {
	var sb strings.Builder
	fmt.Fprintf(&sb, "\nPhoto Desk against the sandbox: 20 ms server time per photo, the 4-concurrent rule. Machine: %s, %d CPUs, %s/%s, %s\n\n",
		cpuModel(), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	sb.WriteString("| scenario | Photo Desk | one-at-a-time | floor | ratio |\n|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&sb, "| %s | %s | %s | %s | %s |\n", r.scenario, r.photoDesk, r.oneAtATime, r.floor, r.ratio)
	}
	fmt.Print(sb.String())
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}
