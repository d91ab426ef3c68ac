package export

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi"
)

// A slow Graph answers an envelope of twenty a while after it went, and
// the bar sat at 0% meanwhile with nothing said, then jumped by twenty.
// Progress now says what is on its way before the first answer (the fake
// answers no photo until it has been said), and counts each person as
// their own answer is handled: every count from 1 to the total arrives,
// never backwards, never past the total.
func TestProgressCountsEachPersonAndSaysWhatIsOut(t *testing.T) {
	const n = 25
	said := make(chan struct{})
	var sayOnce sync.Once
	client := fakeBatchGraph(t, 0, func(url, entry string) *batchItem {
		if !strings.Contains(url, "/photo") {
			return nil // the lookup finds everyone
		}
		select {
		case <-said:
		case <-time.After(5 * time.Second):
			t.Error("the photos' envelope was answered before progress said it was on its way")
			sayOnce.Do(func() { close(said) })
		}
		return &batchItem{
			Status: http.StatusNotFound, Headers: map[string]string{"Content-Type": "application/json"},
			Body: map[string]any{"error": map[string]string{"code": "ImageNotFound", "message": "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown."}},
		}
	})
	var people []string
	for i := range n {
		people = append(people, fmt.Sprintf("p%02d@contoso.com", i))
	}
	var events []Progress // Progress calls come one at a time
	_, _, _, err := exportRun(t, t.Context(), Options{
		Client: client, Source: Source{People: people}, Sizes: Sizes{Mode: ModeOne, Size: graphapi.SizeLargest},
		Progress: func(p Progress) {
			events = append(events, p)
			if p.Done == 0 && p.InFlight > 0 {
				sayOnce.Do(func() { close(said) })
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	last := 0
	for _, p := range events {
		if p.Done < last {
			t.Fatalf("progress went back from %d to %d", last, p.Done)
		}
		if p.TotalKnown && (p.Done > p.Total || p.Done+p.InFlight > p.Total) {
			t.Fatalf("progress past the total: %d done and %d on their way of %d", p.Done, p.InFlight, p.Total)
		}
		last = p.Done
		seen[p.Done] = true
	}
	for d := 1; d <= n; d++ {
		if !seen[d] {
			t.Errorf("no progress said %d of %d done: counted a batch at a time", d, n)
		}
	}
	if final := events[len(events)-1]; final.Done != n || final.InFlight != 0 {
		t.Errorf("last progress %d done, %d on their way; want %d and 0", final.Done, final.InFlight, n)
	}
}
