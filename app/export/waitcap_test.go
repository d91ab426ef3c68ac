package export

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi"
)

// throttlingGraph answers $batch items: a lookup of an entry starting with
// "slow" and every photo request get 429 with retryAfter; other lookups
// find a user whose id is the entry.
func throttlingGraph(t *testing.T, retryAfter string) *graphapi.Client {
	t.Helper()
	// One try per request: the engine's own rounds are under test.
	return throttlingGraphTries(t, retryAfter, 1)
}

// throttlingGraphTries is throttlingGraph with the client's tries per
// request set (0: the default policy's).
func throttlingGraphTries(t *testing.T, retryAfter string, tries int) *graphapi.Client {
	t.Helper()
	return fakeBatchGraph(t, tries, func(url, entry string) *batchItem {
		if strings.Contains(url, "/photo") || strings.HasPrefix(entry, "slow") {
			return throttledBatchItem(retryAfter)
		}
		return nil
	})
}

// batchItem is one answer of a fake $batch.
type batchItem struct {
	ID      string            `json:"id"`
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    any               `json:"body"`
}

// throttledBatchItem is Graph's 429 for one item.
func throttledBatchItem(retryAfter string) *batchItem {
	return &batchItem{
		Status:  http.StatusTooManyRequests,
		Headers: map[string]string{"Retry-After": retryAfter, "Content-Type": "application/json"},
		Body:    map[string]any{"error": map[string]string{"code": "TooManyRequests", "message": "Too many requests."}},
	}
}

// fakeBatchGraph serves $batch with answer's item for each request (by its
// URL and the path's first segment after /users/); when answer gives nil,
// the request is a lookup that finds a user whose id is that entry. The
// client makes tries tries per request (0: the default policy's).
func fakeBatchGraph(t *testing.T, tries int, answer func(url, entry string) *batchItem) *graphapi.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/$batch") {
			http.NotFound(w, r)
			return
		}
		var in struct {
			Requests []struct{ ID, URL string } `json:"requests"`
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			t.Errorf("batch body: %v", err)
			return
		}
		var out struct {
			Responses []*batchItem `json:"responses"`
		}
		for _, req := range in.Requests {
			path, _, _ := strings.Cut(req.URL, "?")
			entry, _, _ := strings.Cut(strings.TrimPrefix(path, "/users/"), "/")
			it := answer(req.URL, entry)
			if it == nil {
				it = &batchItem{
					Status: http.StatusOK, Headers: map[string]string{"Content-Type": "application/json"},
					Body: map[string]string{"id": entry, "userPrincipalName": entry, "displayName": entry},
				}
			}
			it.ID = req.ID
			out.Responses = append(out.Responses, it)
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	}))
	t.Cleanup(srv.Close)
	return graphapi.New(graphapi.WithBaseURL(srv.URL), graphapi.WithHTTPClient(srv.Client()),
		graphapi.WithTokenSource(graphapi.StaticToken("t")), graphapi.WithRetry(graphapi.RetryPolicy{MaxAttempts: tries}))
}

// TestExportCapsLongRetryAfter is issue 14's defect 1: a photo or a
// people-list lookup answered 429 with Retry-After: 86000 made the export
// sleep almost a day. The wait is refused and the person becomes an error
// row saying why, which Resume retries (it only carries ok rows over).
func TestExportCapsLongRetryAfter(t *testing.T) {
	for _, entry := range []string{"slow@contoso.com", "fast@contoso.com"} {
		t.Run(entry, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			var mu sync.Mutex
			var waits []time.Duration
			sum, rows, _, err := exportRun(t, ctx, Options{
				Client: throttlingGraph(t, "86000"), Source: Source{People: []string{entry}},
				Sizes: Sizes{Mode: ModeOne, Size: graphapi.SizeLargest},
				Progress: func(p Progress) {
					mu.Lock()
					defer mu.Unlock()
					waits = append(waits, p.Waiting)
				},
			})
			if err != nil {
				t.Fatalf("run: %v (the export waited instead of giving up)", err)
			}
			if len(rows) != 1 || rows[0].Status != StatusError {
				t.Fatalf("rows = %+v, want one error row", rows)
			}
			if want := "throttled: Graph asked to wait 23 h 53 min"; !strings.HasPrefix(rows[0].Error, want) {
				t.Errorf("error %q, want it to start with %q", rows[0].Error, want)
			}
			if sum.Errors != 1 || sum.Done != 1 {
				t.Errorf("summary %+v, want 1 done, 1 error", sum)
			}
			mu.Lock()
			defer mu.Unlock()
			for _, w := range waits {
				if w > DefaultMaxWait {
					t.Errorf("progress showed a wait of %s", w)
				}
			}
		})
	}
}

// TestExportWaitBudgetPerItem: short waits that add up past MaxItemWait
// end in an error row too, rather than rounds without end.
func TestExportWaitBudgetPerItem(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	_, rows, _, err := exportRun(t, ctx, Options{
		Client: throttlingGraph(t, "0.2"), Source: Source{People: []string{"fast@contoso.com"}},
		Sizes:   Sizes{Mode: ModeOne, Size: graphapi.SizeLargest},
		MaxWait: time.Second, MaxItemWait: 300 * time.Millisecond, MaxRounds: 10,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || !strings.HasPrefix(rows[0].Error, "throttled: Graph asked to wait 1 s more after") {
		t.Fatalf("rows = %+v, want one throttled error row", rows)
	}
}

// TestExportStormCostsFewRequests is issue 14's defect 14: in a 503 storm
// every round of the engine began a person's tries afresh, so one person
// cost MaxAttempts × (1 + rounds) requests (20). Tries now add up across
// rounds: MaxAttempts in all, then one a round.
func TestExportStormCostsFewRequests(t *testing.T) {
	var mu sync.Mutex
	sent := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Requests []struct{ ID, URL string } `json:"requests"`
		}
		_ = json.NewDecoder(r.Body).Decode(&in)
		var out struct {
			Responses []map[string]any `json:"responses"`
		}
		for _, req := range in.Requests {
			if !strings.Contains(req.URL, "/photo") { // the lookup finds the person
				path, _, _ := strings.Cut(req.URL, "?")
				entry := strings.TrimPrefix(path, "/users/")
				out.Responses = append(out.Responses, map[string]any{
					"id": req.ID, "status": 200, "headers": map[string]string{"Content-Type": "application/json"},
					"body": map[string]string{"id": entry, "userPrincipalName": entry, "displayName": entry},
				})
				continue
			}
			mu.Lock()
			sent++
			mu.Unlock()
			out.Responses = append(out.Responses, map[string]any{
				"id": req.ID, "status": 503, "headers": map[string]string{"Content-Type": "application/json"},
				"body": map[string]any{"error": map[string]string{"code": "ServiceNotAvailable", "message": "busy"}},
			})
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	}))
	t.Cleanup(srv.Close)
	client := graphapi.New(graphapi.WithBaseURL(srv.URL), graphapi.WithHTTPClient(srv.Client()),
		graphapi.WithTokenSource(graphapi.StaticToken("t")),
		graphapi.WithRetry(graphapi.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	_, rows, _, err := exportRun(t, ctx, Options{
		Client: client, Source: Source{People: []string{"ann@contoso.com"}},
		Sizes: Sizes{Mode: ModeOne, Size: graphapi.SizeLargest}, MaxRounds: 3,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Status != StatusError {
		t.Fatalf("rows = %+v, want one error row", rows)
	}
	mu.Lock()
	defer mu.Unlock()
	if sent > 5+3 {
		t.Errorf("one person cost %d photo requests in a 503 storm, want at most 8 (5 tries, then one a round)", sent)
	}
}

// TestExportWaitCapWithClientTries: with the client's own tries left (the
// default policy), a throttled item comes back from BatchOnce with its
// Retry-After and waits in the engine's queue; the caps apply there too, so
// a day's Retry-After is an error row at once, not a day's wait.
func TestExportWaitCapWithClientTries(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	_, rows, _, err := exportRun(t, ctx, Options{
		Client: throttlingGraphTries(t, "86000", 0), Source: Source{People: []string{"fast@contoso.com"}},
		Sizes: Sizes{Mode: ModeOne, Size: graphapi.SizeLargest}, MaxWait: time.Minute,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || !strings.HasPrefix(rows[0].Error, "throttled: Graph asked to wait 23 h 53 min") {
		t.Fatalf("rows = %+v, want one throttled error row", rows)
	}
}
