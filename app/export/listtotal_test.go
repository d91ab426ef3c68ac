package export

import (
	"sync"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// TestListedPeopleTotalIsKnownAtOnce: a list's length is known before the
// first request, yet progress read "0/3+ people" (more to come) until
// every entry had been looked up, and the window showed no bar meanwhile.
// The total of a list is known from the start; it can only shrink (two
// entries naming one person).
func TestListedPeopleTotalIsKnownAtOnce(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	var mu sync.Mutex
	var first *Progress
	_, _, _, err := exportRun(t, t.Context(), Options{
		Client: tn.Client(tn.Token),
		Source: Source{People: []string{ex.FullHD.UserPrincipalName, ex.NoPhoto.UserPrincipalName, ex.UpTo240.UserPrincipalName}},
		Sizes:  Sizes{Mode: ModeNone},
		Progress: func(p Progress) {
			mu.Lock()
			defer mu.Unlock()
			if first == nil && p.Total > 0 {
				first = &p
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if first == nil || first.Total != 3 || !first.TotalKnown || first.Done != 0 {
		t.Errorf("first progress with a total: %+v, want 0 of 3 people, the total known", first)
	}
}
