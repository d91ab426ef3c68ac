package export

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi"
)

// TestThrottledItemDoesNotHoldItsWorker: one person's photo is throttled
// with a Retry-After of 30 s; with a single worker, everyone else must
// still be settled at once. Batch used to wait out the 30 s inside the
// worker before it took the next envelope, and at 5% throttling most
// envelopes of 20 have such an item.
func TestThrottledItemDoesNotHoldItsWorker(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Requests []struct{ ID, URL string } `json:"requests"`
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			t.Errorf("batch body: %v", err)
			return
		}
		type answer struct {
			ID      string            `json:"id"`
			Status  int               `json:"status"`
			Headers map[string]string `json:"headers"`
			Body    any               `json:"body"`
		}
		var out struct {
			Responses []answer `json:"responses"`
		}
		for _, req := range in.Requests {
			path, _, _ := strings.Cut(req.URL, "?")
			entry, _, _ := strings.Cut(strings.TrimPrefix(path, "/users/"), "/")
			switch {
			case !strings.Contains(req.URL, "/photo"): // the lookup finds everyone
				out.Responses = append(out.Responses, answer{
					ID: req.ID, Status: http.StatusOK,
					Headers: map[string]string{"Content-Type": "application/json"},
					Body:    map[string]string{"id": entry, "userPrincipalName": entry, "displayName": entry},
				})
			case strings.HasPrefix(entry, "slow"):
				out.Responses = append(out.Responses, answer{
					ID: req.ID, Status: http.StatusTooManyRequests,
					Headers: map[string]string{"Retry-After": "30", "Content-Type": "application/json"},
					Body:    map[string]any{"error": map[string]string{"code": "TooManyRequests", "message": "Too many requests."}},
				})
			default:
				out.Responses = append(out.Responses, answer{
					ID: req.ID, Status: http.StatusNotFound,
					Headers: map[string]string{"Content-Type": "application/json"},
					Body:    map[string]any{"error": map[string]string{"code": "ImageNotFound", "message": "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown."}},
				})
			}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	}))
	t.Cleanup(srv.Close)
	client := graphapi.New(graphapi.WithBaseURL(srv.URL), graphapi.WithHTTPClient(srv.Client()),
		graphapi.WithTokenSource(graphapi.StaticToken("t")))

	people := []string{"slow@contoso.com"}
	for i := range 25 {
		people = append(people, "p"+string(rune('a'+i))+"@contoso.com")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	var settled atomic.Int32
	sum, rows, _, err := exportRun(t, ctx, Options{
		Client: client, Source: Source{People: people}, Sizes: Sizes{Mode: ModeOne, Size: graphapi.SizeLargest},
		Workers: 1,
		OnRow: func(r Row) {
			if settled.Add(1) == int32(len(people)-1) {
				cancel() // everyone but the throttled person: done
			}
		},
	})
	if err != nil && ctx.Err() == nil {
		t.Fatal(err)
	}
	if int(settled.Load()) < len(people)-1 {
		t.Fatalf("%d of %d people settled before the 20 s deadline: the throttled item held the worker", settled.Load(), len(people)-1)
	}
	for _, r := range rows {
		if strings.HasPrefix(r.UPN, "slow") {
			t.Errorf("the throttled person has a row already: %+v", r)
		}
	}
	if sum.Throttled == 0 {
		t.Error("the throttled person was not requeued")
	}
}
