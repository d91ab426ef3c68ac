package export

import (
	"context"
	"net/http"
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
	client := fakeBatchGraph(t, 0, func(url, entry string) *batchItem {
		switch {
		case !strings.Contains(url, "/photo"):
			return nil // the lookup finds everyone
		case strings.HasPrefix(entry, "slow"):
			return throttledBatchItem("30")
		}
		return &batchItem{
			Status: http.StatusNotFound, Headers: map[string]string{"Content-Type": "application/json"},
			Body: map[string]any{"error": map[string]string{"code": "ImageNotFound", "message": "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown."}},
		}
	})

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
