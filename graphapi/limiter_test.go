package graphapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// gatedServer holds every photo request until the gate opens, counting how
// many are in flight at once.
type gatedServer struct {
	gate chan struct{}

	mu       sync.Mutex
	inFlight int
	maxSeen  int
	arrived  int
}

func newGatedServer() *gatedServer { return &gatedServer{gate: make(chan struct{})} }

func (g *gatedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.Contains(r.URL.Path, "/photo") {
		fmt.Fprint(w, `{"id":"me","displayName":"Me"}`)
		return
	}
	g.mu.Lock()
	g.inFlight++
	g.arrived++
	g.maxSeen = max(g.maxSeen, g.inFlight)
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		g.inFlight--
		g.mu.Unlock()
	}()
	select {
	case <-g.gate:
	case <-r.Context().Done():
		return
	}
	_, _ = w.Write(jpegBytes)
}

func (g *gatedServer) snapshot() (inFlight, maxSeen, arrived int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.inFlight, g.maxSeen, g.arrived
}

// waitFor polls cond until it holds or a generous deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func TestPhotoLimiter(t *testing.T) {
	for _, limit := range []int{DefaultMaxInFlight, 2} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			var opts []Option
			if limit != DefaultMaxInFlight {
				opts = append(opts, WithMaxInFlight(limit))
			}
			c, mux, _, _ := setup(t, opts...)
			gs := newGatedServer()
			mux.Handle("/", gs)
			const n = 12
			var wg sync.WaitGroup
			errs := make(chan error, n)
			for i := range n {
				wg.Go(func() {
					_, err := c.PhotoBytes(context.Background(), User(fmt.Sprint("u", i)), "48x48")
					errs <- err
				})
			}
			waitFor(t, "the limit to fill", func() bool { in, _, _ := gs.snapshot(); return in == limit })

			// Directory calls are not photo requests and must not queue behind them.
			if _, err := c.GetMe(context.Background()); err != nil {
				t.Fatalf("GetMe while photos are held: %v", err)
			}
			if in, _, arrived := gs.snapshot(); in != limit || arrived != limit {
				t.Fatalf("with the gate shut: %d in flight, %d arrived; want %d", in, arrived, limit)
			}
			close(gs.gate)
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Error(err)
				}
			}
			if _, maxSeen, arrived := gs.snapshot(); maxSeen != limit || arrived != n {
				t.Errorf("max in flight %d (want %d), %d requests (want %d)", maxSeen, limit, arrived, n)
			}
		})
	}
}

func TestLimiterWeightsAndCancel(t *testing.T) {
	l := newLimiter(4)
	ctx := context.Background()
	if got, err := l.acquire(ctx, 20); got != 4 || err != nil {
		t.Fatalf("acquire(20) = %d, %v; want 4 (clamped)", got, err)
	}
	short, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	if got, err := l.acquire(short, 1); got != 0 || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("acquire on a full limiter = %d, %v", got, err)
	}
	l.release(4)
	if got, err := l.acquire(ctx, 3); got != 3 || err != nil {
		t.Fatalf("acquire(3) after release = %d, %v", got, err)
	}
	if len(l.slots) != 3 {
		t.Errorf("%d slots held, want 3", len(l.slots))
	}
	if got, _ := l.acquire(ctx, 0); got != 0 {
		t.Errorf("acquire(0) took %d", got)
	}
	if newLimiter(0).size() != 1 {
		t.Error("a limit below 1 is not clamped to 1")
	}
}
