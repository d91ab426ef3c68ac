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

// TestListedPeopleCountedOnceFromTheStart: two lines naming one person
// (her UPN, then her id; or her mail) made progress read "0/2 people",
// then "1/1 person" once the lookups found them one: the total shrank
// under the person watching. Entries are looked up before the total is
// shown, so it counts each person once from the first progress with a
// total, and never changes; the lookup's own progress says how far it
// has come.
func TestListedPeopleCountedOnceFromTheStart(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	var mu sync.Mutex
	var totals []int
	var lookedUp []int
	sum, _, _, err := exportRun(t, t.Context(), Options{
		Client: tn.Client(tn.Token),
		Source: Source{People: []string{ex.FullHD.UserPrincipalName, ex.FullHD.ID, ex.NoPhoto.UserPrincipalName, "nobody@contoso.onmicrosoft.com"}},
		Sizes:  Sizes{Mode: ModeNone},
		Progress: func(p Progress) {
			mu.Lock()
			defer mu.Unlock()
			switch {
			case p.TotalKnown:
				totals = append(totals, p.Total)
			case p.Listed > 0:
				lookedUp = append(lookedUp, p.LookedUp)
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, n := range totals {
		if n != 3 {
			t.Fatalf("totals shown %v, want 3 throughout (Adele once, the one without a photo, the unknown entry)", totals)
		}
	}
	if len(totals) == 0 || sum.Total != 3 || sum.Done != 3 || sum.Duplicates != 1 {
		t.Errorf("totals %v, summary %+v; want 3 of 3 done, 1 duplicate", totals, sum)
	}
	if len(lookedUp) == 0 || lookedUp[0] != 0 {
		t.Errorf("lookup progress %v, want it shown from 0 of 4", lookedUp)
	}
}
