package graphapi

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// slowGraph is a small fake of Graph's photo behaviour for benchmarks:
// every photo (alone or inside a $batch) takes latency, at most maxPhotos
// run at once across all requests (Outlook's rule; over it is a 429), and a
// $batch works through its items four at a time.
type slowGraph struct {
	latency   time.Duration
	maxPhotos int64

	inFlight  atomic.Int64
	requests  atomic.Int64 // HTTP requests received
	throttled atomic.Int64 // photos refused for concurrency
}

var benchJPEG = []byte("\xff\xd8\xff\xe0 48x48 avatar \xff\xd9")

// photo serves one photo's worth of work, or reports it was throttled.
func (g *slowGraph) photo(ctx context.Context) bool {
	if g.inFlight.Add(1) > g.maxPhotos {
		g.inFlight.Add(-1)
		g.throttled.Add(1)
		return false
	}
	defer g.inFlight.Add(-1)
	t := time.NewTimer(g.latency)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
	return true
}

func (g *slowGraph) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.requests.Add(1)
	if r.URL.Path != "/v1.0/$batch" {
		if !g.photo(r.Context()) {
			w.Header().Set("Retry-After", "0.1")
			writeGraphError(w, http.StatusTooManyRequests, "TooManyRequests", "Application is over its MailboxConcurrency limit.")
			return
		}
		w.Header().Set("Content-Type", "image/jpeg")
		_, _ = w.Write(benchJPEG)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var env struct {
		Requests []wireBatchRequest `json:"requests"`
	}
	_ = json.Unmarshal(body, &env)
	out := make([]wireBatchResponse, len(env.Requests))
	work := make(chan int)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i := range work {
				out[i] = wireBatchResponse{
					ID: env.Requests[i].ID, Status: 200,
					Headers: map[string]string{"Content-Type": "image/jpeg"},
					Body:    jsonString(base64.StdEncoding.EncodeToString(benchJPEG)),
				}
				if !g.photo(r.Context()) {
					out[i] = *throttledItem("0.1")
					out[i].ID = env.Requests[i].ID
				}
			}
		})
	}
	for i := range env.Requests {
		work <- i
	}
	close(work)
	wg.Wait()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"responses": out})
}

// BenchmarkPhotos100 fetches 100 48x48 photos from a server with 100 ms
// per photo and the four-concurrent rule: through $batch with the limiter,
// through single requests with the limiter, and one at a time like a
// script. The floor is about 100 × 100 ms / 4 = 2.5 s.
func BenchmarkPhotos100(b *testing.B) {
	subjects := make([]Subject, 100)
	for i := range subjects {
		subjects[i] = User(fmt.Sprintf("user%03d@contoso.com", i))
	}
	fetches := []struct {
		name  string
		fetch func(ctx context.Context, c *Client) error
	}{
		{"batch+limiter", func(ctx context.Context, c *Client) error {
			for _, r := range c.PhotosBatch(ctx, subjects, "48x48") {
				if r.Err != nil {
					return r.Err
				}
			}
			return nil
		}},
		{"parallel+limiter", func(ctx context.Context, c *Client) error {
			errs := make(chan error, len(subjects))
			for _, s := range subjects {
				go func() { _, err := c.PhotoBytes(ctx, s, "48x48"); errs <- err }()
			}
			for range subjects {
				if err := <-errs; err != nil {
					return err
				}
			}
			return nil
		}},
		{"one-at-a-time", func(ctx context.Context, c *Client) error {
			for _, s := range subjects {
				if _, err := c.PhotoBytes(ctx, s, "48x48"); err != nil {
					return err
				}
			}
			return nil
		}},
	}
	for _, f := range fetches {
		b.Run(f.name, func(b *testing.B) {
			g := &slowGraph{latency: 100 * time.Millisecond, maxPhotos: 4}
			srv := httptest.NewServer(g)
			defer srv.Close()
			c := New(WithBaseURL(srv.URL+"/v1.0"), WithHTTPClient(srv.Client()), WithTokenSource(StaticToken("t")))
			ctx := context.Background()
			start := time.Now()
			for b.Loop() {
				if err := f.fetch(ctx, c); err != nil {
					b.Fatal(err)
				}
			}
			n := float64(b.N)
			b.ReportMetric(float64(time.Since(start).Milliseconds())/n, "ms/op")
			b.ReportMetric(float64(g.requests.Load())/n, "requests/op")
			b.ReportMetric(float64(g.throttled.Load())/n, "throttled/op")
		})
	}
}
