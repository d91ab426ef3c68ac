package export

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// WaitMeter watches the waits graphapi makes between retries, so a
// progress bar can say "throttled, waiting 2 s" instead of looking stuck.
// Build the client with WithRetry(meter.Policy(p)) and pass the meter in
// Options.Waits. The zero value is ready to use and safe for concurrent use.
type WaitMeter struct {
	mu     sync.Mutex
	next   int
	active map[int]time.Time // wait id -> when it ends
	count  int
	asked  int // of count, the waits Graph asked for with Retry-After
	total  time.Duration
	now    func() time.Time
}

// Policy returns p with its Sleep wrapped so every wait is recorded.
func (m *WaitMeter) Policy(p graphapi.RetryPolicy) graphapi.RetryPolicy {
	sleep := p.Sleep
	if sleep == nil {
		sleep = graphapi.Sleep
	}
	p.Sleep = func(ctx context.Context, d time.Duration) error {
		id := m.begin(d, graphapi.IsRetryAfterWait(ctx))
		defer m.end(id)
		return sleep(ctx, d)
	}
	return p
}

func (m *WaitMeter) clock() time.Time {
	if m.now != nil {
		return m.now()
	}
	return time.Now()
}

func (m *WaitMeter) begin(d time.Duration, asked bool) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.active == nil {
		m.active = make(map[int]time.Time)
	}
	m.next++
	m.active[m.next] = m.clock().Add(d)
	m.count++
	if asked {
		m.asked++
	}
	m.total += d
	return m.next
}

func (m *WaitMeter) end(id int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.active, id)
}

// Waiting is the longest time still to wait among the waits going on now,
// 0 when nothing waits.
func (m *WaitMeter) Waiting() time.Duration {
	if m == nil {
		return 0
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.clock()
	var longest time.Duration
	for _, until := range m.active {
		longest = max(longest, until.Sub(now))
	}
	return longest
}

// Totals reports how many waits there were and how long they added up to,
// for a run's closing line.
func (m *WaitMeter) Totals() (count int, total time.Duration) {
	if m == nil {
		return 0, 0
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.count, m.total
}

// Kinds is Totals split: the waits Graph asked for with Retry-After, and
// the retries the client backed off from without one.
func (m *WaitMeter) Kinds() (retryAfter, retries int, total time.Duration) {
	if m == nil {
		return 0, 0, 0
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.asked, m.count - m.asked, m.total
}

// waitTooLong says why waiting d more, after waited already, is more than
// the run allows (Options.MaxWait, Options.MaxItemWait), or nil if the
// wait is fine. The reason is what the item's error row says.
func (r *run) waitTooLong(waited, d time.Duration) error {
	if d > r.opts.MaxWait {
		return fmt.Errorf("throttled: Graph asked to wait %s (more than the %s one wait may take); try again later",
			app.WaitText(d), app.WaitText(r.opts.MaxWait))
	}
	if waited+d > r.opts.MaxItemWait {
		return fmt.Errorf("throttled: Graph asked to wait %s more after %s of waits (more than the %s allowed a person); try again later",
			app.WaitText(d), app.WaitText(waited), app.WaitText(r.opts.MaxItemWait))
	}
	return nil
}

// sleep waits d or until ctx ends, recorded so progress shows the wait.
func (r *run) sleep(ctx context.Context, d time.Duration) error {
	id := r.own.begin(d, true) // the engine waits only where Graph said how long
	defer r.own.end(id)
	return graphapi.Sleep(ctx, d)
}
