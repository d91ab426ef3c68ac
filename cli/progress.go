package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/photodesk/photodesk/app/export"
)

// Redraw rates: a terminal bar is cheap to redraw, a log file is not.
const (
	barEvery   = 100 * time.Millisecond
	plainEvery = 2 * time.Second
	barWidth   = 30
)

// progressPrinter shows export progress on stderr: a bar redrawn in place
// on a terminal, a plain line every few seconds otherwise (CI logs, files).
type progressPrinter struct {
	mu    sync.Mutex
	w     io.Writer
	tty   bool
	last  time.Time
	drawn bool
	now   func() time.Time
}

func newProgressPrinter(w io.Writer, tty bool) *progressPrinter {
	return &progressPrinter{w: w, tty: tty, now: time.Now}
}

// update is export.Options.Progress.
func (p *progressPrinter) update(pr export.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	every := plainEvery
	if p.tty {
		every = barEvery
	}
	if pr.Elapsed < plainEvery && pr.Done == 0 && pr.Total == 0 && !pr.LookingUp() && pr.Waiting == 0 {
		// Nothing known yet: "0/0 members" stood above the error of an
		// export whose group is not there; a source that takes long to
		// list is shown after plainEvery.
		return
	}
	if now := p.now(); now.Sub(p.last) >= every {
		p.last = now
		p.draw(pr)
	}
}

// finish draws the final state and ends the bar's line.
func (p *progressPrinter) finish(pr export.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.draw(pr)
	if p.tty && p.drawn {
		fmt.Fprintln(p.w)
	}
}

// end ends the bar's line, if one was drawn, without a final state: for
// an export that failed before anyone was done, whose error says it all.
func (p *progressPrinter) end() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty && p.drawn {
		fmt.Fprintln(p.w)
	}
}

func (p *progressPrinter) draw(pr export.Progress) {
	line := progressLine(pr)
	if !p.tty {
		fmt.Fprintf(p.w, "photodesk export: %s\n", line)
		return
	}
	filled := 0
	switch {
	case pr.LookingUp():
		filled = min(barWidth, pr.LookedUp*barWidth/pr.Listed)
	case pr.Total > 0 && pr.TotalKnown:
		// Against the people paged so far, a tenant's first page read
		// nearly full with most of it still to come.
		filled = min(barWidth, pr.Done*barWidth/pr.Total)
	}
	bar := strings.Repeat("=", filled) + strings.Repeat(" ", barWidth-filled)
	// \r returns to the line start, \x1b[K clears what a longer line left.
	fmt.Fprintf(p.w, "\r[%s] %s\x1b[K", bar, line)
	p.drawn = true
}

// progressLine is "412/1000 people  ok 380  no photo 25  errors 7 …", or
// for a group "13/13 members …", since a nested group is one of its
// members but no person.
func progressLine(pr export.Progress) string {
	if pr.LookingUp() {
		// A list is looked up whole before its people are counted.
		return fmt.Sprintf("looking up the people listed: %d/%d entries  %s", pr.LookedUp, pr.Listed, export.FormatDuration(pr.Elapsed))
	}
	total, unit := fmt.Sprint(pr.Total), pr.Unit(pr.Total)
	if !pr.TotalKnown {
		total, unit = total+"+", pr.Unit(0) // "1+" is more than one
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d/%s %s  ok %d  no photo %d  errors %d", pr.Done, total, unit, pr.OK, pr.NoPhoto, pr.Errors)
	if pr.Skipped > 0 {
		fmt.Fprintf(&b, "  skipped %d", pr.Skipped)
	}
	if pr.Unchanged > 0 {
		fmt.Fprintf(&b, "  unchanged %d", pr.Unchanged)
	}
	if pr.Files > 0 {
		// Files apart from people: size "all" writes several a person.
		fmt.Fprintf(&b, "  files %d", pr.Files)
	}
	if pr.InFlight > 0 {
		// Answered is done; what is out is said apart, so a slow Graph's
		// first envelope does not read as nothing happening.
		fmt.Fprintf(&b, "  %d %s", pr.InFlight, export.OnItsWay(pr.InFlight))
	}
	if pr.Waiting > 0 {
		fmt.Fprintf(&b, "  throttled, waiting %.1fs", pr.Waiting.Seconds())
	}
	fmt.Fprintf(&b, "  %s", export.FormatDuration(pr.Elapsed))
	return b.String()
}

// waitsNote is the closing line about waits between tries. Only waits
// asked for by a Retry-After header are called Retry-After answers; the
// rest are retries after a backoff of our own choosing: "waited 8.5s in
// all: 2 Retry-After answers, 3 retries with no Retry-After". It is ""
// when nothing waited.
func waitsNote(retryAfter, retries int, total time.Duration) string {
	var parts []string
	if retryAfter > 0 {
		parts = append(parts, plural(retryAfter, "Retry-After answer", "Retry-After answers"))
	}
	if retries > 0 {
		parts = append(parts, plural(retries, "retry", "retries")+" with no Retry-After")
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("waited %s in all: %s", export.FormatDuration(total), strings.Join(parts, ", "))
}

// requeuedNote says how often the engine sent an item again after Graph
// throttled it or was busy: those waits happen in the export's queue, not
// in the client, so the waits note above does not count them.
func requeuedNote(n int) string {
	return plural(n, "time", "times") + " an item was throttled or busy and sent again after the wait Graph asked for"
}

// plural is export.Plural: one wording for the window and the command line.
var plural = export.Plural
