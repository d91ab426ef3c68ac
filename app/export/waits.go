package export

import (
	"context"
	"sync"
	"time"

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
		id := m.begin(d)
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

func (m *WaitMeter) begin(d time.Duration) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.active == nil {
		m.active = make(map[int]time.Time)
	}
	m.next++
	m.active[m.next] = m.clock().Add(d)
	m.count++
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
