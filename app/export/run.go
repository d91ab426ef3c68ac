package export

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/photodesk/photodesk/graphapi"
)

// tickEvery is how often progress is reported while no row finishes, so a
// bar can count down a Retry-After and show the elapsed time.
const tickEvery = 250 * time.Millisecond

// run is the state of one Run.
type run struct {
	opts      Options
	c         *graphapi.Client
	q         *queue
	t         *tracker
	names     names
	seen      map[string]bool  // person ids admitted; only the feed goroutine touches it
	prev      map[string][]Row // Previous by lower-cased id
	prevFiles map[string]bool  // lower-cased files of Previous's ok rows, which Resume may replace
	maxRounds int
	own       WaitMeter // the engine's own waits (people-list lookups), for progress
	stop      context.CancelFunc
	// refused is the first envelope refused for the sign-in (see
	// stopRefused); read once the workers are done.
	refused     error
	refusedOnce sync.Once
}

// Run exports the photos of opts.Source as opts says and returns the
// summary. It stops cleanly when ctx ends: files already written stay, the
// report holds every finished row, Summary.Cancelled is true and the error
// wraps ctx.Err(). People who failed are rows with status "error", not a
// returned error; the error is for the run as a whole (the source could
// not be listed, the report could not be written).
func Run(ctx context.Context, opts Options) (*Summary, error) {
	if opts.Client == nil {
		return nil, errors.New("export: no Graph client")
	}
	if err := opts.Source.validate(); err != nil {
		return nil, err
	}
	if opts.Sizes.Mode != ModeNone {
		if opts.Dir == "" {
			return nil, errors.New("export: no output folder")
		}
		// The caller made the folder and locked it (MakeFolder,
		// LockFolder) before it opened the report; one made again here
		// would be one that vanished since, without the lock.
		if fi, err := os.Stat(opts.Dir); err != nil || !fi.IsDir() {
			if err == nil {
				err = errNotAFolder
			}
			return nil, fmt.Errorf("export: %w", UnusableFolder(opts.Dir, err))
		}
	}
	if opts.Workers <= 0 {
		opts.Workers = 4
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = DefaultMaxWait
	}
	if opts.MaxItemWait <= 0 {
		opts.MaxItemWait = DefaultMaxItemWait
	}
	// The token's claims, no request: the tenant the report records and
	// a resume must match.
	self, _ := opts.Client.Identity(ctx)
	if opts.Resume {
		if err := sameTenant(opts.Previous, self); err != nil {
			return nil, err
		}
	}
	r := &run{
		opts:      opts,
		c:         opts.Client,
		q:         newQueue(),
		seen:      make(map[string]bool),
		maxRounds: opts.MaxRounds,
	}
	if r.maxRounds <= 0 {
		r.maxRounds = 3
	}
	if opts.Resume {
		r.prev = indexPrevious(opts.Previous)
		r.prevFiles = make(map[string]bool)
		for _, row := range opts.Previous {
			if row.File != "" {
				r.names.claim(row.File, row.ID)
			}
			// Its own files: written by it (ok), or kept through a failure
			// by an error row (earlierFile); never one it found in its way.
			if row.File != "" && row.Status != StatusExists {
				r.prevFiles[strings.ToLower(row.File)] = true
			}
		}
	}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	r.stop = stop
	r.t = &tracker{
		p:      Progress{Members: opts.Source.GroupID != "", Groups: opts.Source.Groups != nil},
		audit:  opts.Sizes.Mode == ModeNone,
		onRow:  opts.OnRow,
		onProg: opts.Progress,
		start:  time.Now(),
		failed: stop,
		waiting: func() time.Duration {
			return max(r.q.waiting(), opts.Waits.Waiting(), r.own.Waiting())
		},
	}
	if opts.Report != nil {
		rw, err := NewReportWriter(opts.Report)
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		rw.tenant = self.TenantID
		r.t.report = rw
	}

	var wg sync.WaitGroup
	var feedErr error
	wg.Go(func() { feedErr = r.feed(runCtx) })
	for range opts.Workers {
		wg.Go(func() { r.work(runCtx) })
	}
	finished, ticked := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(ticked)
		tick := time.NewTicker(tickEvery)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				r.t.tick()
			case <-finished:
				return
			}
		}
	}()
	wg.Wait()
	close(finished)
	// A tick may be on its way (select picks at random when both are
	// ready): waited for, so no Progress arrives after Run returns, where
	// it redrew the command line's bar under its closing lines and could
	// put the progress line back over the window's summary.
	<-ticked

	cancelled := ctx.Err() != nil
	if r.refused != nil {
		feedErr = r.refused // the feed only saw the run stopped
	}
	carried := 0
	switch {
	case opts.Resume && (cancelled || feedErr != nil):
		// Stopped early: keep the last run's rows of the people not
		// reached, so the report still describes every file in Dir.
		carried = r.t.carryOver(opts.Previous)
	case opts.Resume:
		// Everyone reached: keep the rows of the export's own files this
		// run did not name (another --size, someone gone from the source).
		carried = r.t.keepOwnFiles(opts.Previous, r.fileKept)
	}
	sum := r.t.summary(cancelled)
	sum.CarriedOver = carried
	sum.LargestUnknown = opts.Sizes.Mode == ModeOne && opts.Sizes.Size != graphapi.SizeLargest
	var errs []error
	if r.t.reportErr != nil {
		errs = append(errs, fmt.Errorf("export: %w", r.t.reportErr))
	}
	if cancelled {
		errs = append(errs, fmt.Errorf("export stopped: %w", ctx.Err()))
	} else if feedErr != nil {
		errs = append(errs, fmt.Errorf("export: %w", feedErr))
	}
	return sum, errors.Join(errs...)
}

// String is a one-line account of a summary for logs and the command line.
// Its first figures count people (a group's members), and add up to those
// done; files are counted apart, since size "all" writes several a person
// (issue 18).
func (s *Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s: %d with a photo", s.Done, s.Unit(s.Done), s.OK)
	if s.Unchanged > 0 {
		// Kept by --resume, and counted with the photos: said next to
		// them, not after the errors, which a resume asked for again.
		fmt.Fprintf(&b, " (%d of them unchanged)", s.Unchanged)
	}
	fmt.Fprintf(&b, ", %d without photo, %s", s.NoPhoto, Plural(s.Errors, "error", "errors"))
	if s.Skipped > 0 {
		fmt.Fprintf(&b, ", %d skipped (%s)", s.Skipped, SkippedWhy(s.Skipped))
	}
	if s.LargestUnknown && s.OnlySmall == 0 {
		// One size was asked for: who has only small ones is not known,
		// and "0" would say nobody does.
		fmt.Fprintf(&b, "; %d non-square (only small sizes: export largest, all or none to know)", s.NonSquare)
	} else {
		fmt.Fprintf(&b, "; %d only small sizes, %d non-square", s.OnlySmall, s.NonSquare)
	}
	fmt.Fprintf(&b, "; %s written, %s in %s", Plural(s.Files, "file", "files"), humanBytes(s.Bytes), FormatDuration(s.Elapsed))
	if s.Exists > 0 {
		fmt.Fprintf(&b, ", %s already there kept", Plural(s.Exists, "file", "files"))
	}
	if s.Cancelled {
		b.WriteString(" (stopped early)")
	}
	if s.CarriedOver > 0 {
		fmt.Fprintf(&b, "; %s of the last report kept unchecked", Plural(s.CarriedOver, "row", "rows"))
	}
	return b.String()
}

// Plural is "1 file" or "n files": the count and the word as n asks. The
// command line and the window word their lines with it too.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// OnItsWay is "on its way" for one and "on their way" for more, after a
// count of what is sent and not yet answered: "1 on its way", "2 requests
// on their way". The command line and the window word their lines with it.
func OnItsWay(n int) string {
	if n == 1 {
		return "on its way"
	}
	return "on their way"
}

// SkippedWhy is why n members were skipped, one wording for the window
// and the command line: "not a user", "not users".
func SkippedWhy(n int) string {
	if n == 1 {
		return "not a user"
	}
	return "not users"
}

// FormatDuration writes an elapsed time one way everywhere: tenths of a
// second under a minute ("0.1s", "12.3s"), whole seconds above ("2m5s"),
// never "100ms" next to "0s" (issue 18).
func FormatDuration(d time.Duration) string {
	switch {
	case d < 100*time.Millisecond:
		return "under 0.1s"
	case d < time.Minute:
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	return d.Round(time.Second).String()
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
