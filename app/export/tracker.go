package export

import (
	"strings"
	"sync"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// smallSide is the largest side of a photo that counts as "only small
// sizes" in the audit: someone who uploaded 240x240 or less.
const smallSide = 240

// personState is one person's progress through the run.
type personState struct {
	person    app.Person
	requested graphapi.Size // ModeOne's size
	remaining int           // rows still to come; guarded by tracker.mu
	// largestW and largestH describe the person's largest photo once
	// known (0 = unknown), for the audit counts; guarded by tracker.mu.
	largestW, largestH int
}

// rowKind tells the tracker how to count a row.
type rowKind int

const (
	rowFetched   rowKind = iota // a fresh outcome
	rowUnchanged                // carried over by Resume
	rowSkipped                  // not a user
)

// tracker counts, writes the report and calls the callbacks. Everything it
// does happens under one mutex, so the report's rows, OnRow and Progress
// arrive in the same order and never concurrently.
type tracker struct {
	mu        sync.Mutex
	p         Progress
	sum       Summary
	report    *ReportWriter
	onRow     func(Row)
	onProg    func(Progress)
	start     time.Time
	waiting   func() time.Duration
	reportErr error
	failed    func() // stops the run when the report cannot be written
	// reported holds the rowKey of every row written, for carryOver.
	reported map[string]bool
}

// rowKey identifies a row's person: the id, or the UPN of an entry that
// never became a person.
func rowKey(r Row) string {
	if r.ID != "" {
		return strings.ToLower(r.ID)
	}
	return "upn:" + strings.ToLower(r.UPN)
}

// addPeople grows the known total.
func (t *tracker) addPeople(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.Total += n
	t.emitLocked()
}

// totalKnown says the source has been read to the end.
func (t *tracker) totalKnown() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.TotalKnown = true
	t.emitLocked()
}

func (t *tracker) duplicate() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sum.Duplicates++
}

func (t *tracker) throttled() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.Throttled++
	t.emitLocked()
}

// expect sets how many rows a person will get (size "all").
func (t *tracker) expect(ps *personState, rows int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	ps.remaining = rows
}

// largest records the dimensions of a person's largest photo.
func (t *tracker) largest(ps *personState, w, h int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if max(w, h) > max(ps.largestW, ps.largestH) {
		ps.largestW, ps.largestH = w, h
	}
}

// row writes one report row. ps is nil for entries that never became a
// person (an unknown UPN, a member that is a group); they count as one
// person done. written is the number of bytes of a new file, if any.
func (t *tracker) row(ps *personState, r Row, kind rowKind, written int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.reported == nil {
		t.reported = make(map[string]bool)
	}
	t.reported[rowKey(r)] = true
	if t.report != nil && t.reportErr == nil {
		if err := t.report.Write(r); err != nil {
			t.reportErr = err
			if t.failed != nil {
				t.failed()
			}
		}
	}
	switch {
	case kind == rowSkipped:
		t.p.Skipped++
	case r.Status == StatusOK:
		t.p.OK++
		if kind == rowUnchanged {
			t.p.Unchanged++
		}
	case r.Status == StatusNoPhoto:
		t.p.NoPhoto++
	case r.Status == StatusExists:
		t.p.Exists++
	default:
		t.p.Errors++
	}
	if written > 0 {
		t.p.Files++
		t.p.Bytes += int64(written)
	}
	done := ps == nil
	if ps != nil {
		ps.remaining--
		done = ps.remaining <= 0
		if done && ps.largestW > 0 {
			if max(ps.largestW, ps.largestH) <= smallSide {
				t.sum.OnlySmall++
			}
			if ps.largestW != ps.largestH {
				t.sum.NonSquare++
			}
		}
	}
	if done {
		t.p.Done++
	}
	if t.onRow != nil {
		t.onRow(r)
	}
	t.emitLocked()
}

// carryOver writes the rows of prev whose person has no row in this run
// into the report, unchecked, and returns how many it wrote.
func (t *tracker) carryOver(prev []Row) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.report == nil {
		return 0
	}
	n := 0
	for _, r := range prev {
		if t.reportErr != nil {
			break
		}
		if (r.ID == "" && r.UPN == "") || t.reported[rowKey(r)] {
			continue
		}
		if err := t.report.Write(r); err != nil {
			t.reportErr = err
			break
		}
		n++
	}
	return n
}

// tick reports progress while nothing finishes, e.g. during a wait.
func (t *tracker) tick() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.emitLocked()
}

func (t *tracker) emitLocked() {
	t.p.Elapsed = time.Since(t.start)
	if t.waiting != nil {
		t.p.Waiting = t.waiting()
	}
	if t.onProg != nil {
		t.onProg(t.p)
	}
}

// summary is the final state.
func (t *tracker) summary(cancelled bool) *Summary {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.p.Elapsed = time.Since(t.start)
	t.p.Waiting = 0
	s := t.sum
	s.Progress = t.p
	s.Cancelled = cancelled
	return &s
}
