package sandbox

import (
	"fmt"
	"testing"
	"time"
)

// TestDirectoryUnits: the directory's token bucket per app (graph-facts
// "Throttling"), here 10 units per 10 seconds: a read costs 2, 1 with
// $select; an empty bucket is 429 TooManyRequests with the wait for the
// units needed; batch items are charged one by one; photos (Outlook) and
// other apps are not charged.
func TestDirectoryUnits(t *testing.T) {
	h, c, clock := limitedHandler(t, Faults{DirectoryUnits: 10}, "")
	ex := h.dir.Examples()
	adele := "/users/" + ex.FullHD.ID
	for range 5 {
		wantStatus(t, c.get(adele), 200)
	}
	r := c.get(adele)
	if wantError(t, r, 429, "TooManyRequests"); r.header.Get("Retry-After") != "2" {
		t.Errorf("Retry-After %q, want 2 (2 units at 1 a second)", r.header.Get("Retry-After"))
	}
	wantStatus(t, c.get("/me/photo"), 200)
	wantStatus(t, c.as(appToken(t, usersOnlyAppID)).get(adele), 200)

	clock.Advance(time.Second)
	wantStatus(t, c.get(adele+"?$select=id,displayName"), 200)
	wantError(t, c.get(adele+"?$select=id"), 429, "TooManyRequests")

	clock.Advance(10 * time.Second)
	var items []map[string]any
	for i := range 8 {
		items = append(items, get(fmt.Sprint(i), "/users?$top=5"))
	}
	_, byID, _ := batch(t, c, items)
	counts := map[int]int{}
	for _, it := range byID {
		counts[it.Status]++
	}
	if counts[200] != 5 || counts[429] != 3 {
		t.Errorf("8 batch items on a full bucket of 10: %v, want 5 answered and 3 throttled", counts)
	}
}

// TestDirectoryUnitsByTenant: the served sandbox sizes the bucket as Graph
// does, by the tenant's people.
func TestDirectoryUnitsByTenant(t *testing.T) {
	for users, want := range map[int]int{10: 3500, 49: 3500, 50: 5000, 500: 5000, 501: 8000} {
		if got := DirectoryUnitsFor(users); got != want {
			t.Errorf("DirectoryUnitsFor(%d) = %d, want %d", users, got, want)
		}
	}
	for spec, want := range map[string]int{"": DirectoryUnitsByTenant, "directory-units=7": 7, "directory-units=0": 0, "none": 0} {
		f, err := ParseServeFaults(spec)
		if err != nil || f.DirectoryUnits != want {
			t.Errorf("ParseServeFaults(%q) directory units %d, %v; want %d", spec, f.DirectoryUnits, err, want)
		}
		if back, err := ParseFaults(f.String()); err != nil || back != f {
			t.Errorf("%q does not read back: %+v, %v", f.String(), back, err)
		}
	}
	// A tenant under 50 people has 3,500 units: 1,750 reads, in batches.
	h, c, _ := limitedHandler(t, Faults{DirectoryUnits: DirectoryUnitsByTenant}, "")
	if n := len(h.dir.Users()); n >= 50 {
		t.Fatalf("the isolated tenant has %d people; the test wants a small one", n)
	}
	adele := "/users/" + h.dir.Examples().FullHD.ID
	counts := map[int]int{}
	for sent := 0; sent < 1750; sent += 20 {
		var items []map[string]any
		for i := range min(20, 1750-sent) {
			items = append(items, get(fmt.Sprint(i), adele))
		}
		_, byID, _ := batch(t, c, items)
		for _, it := range byID {
			counts[it.Status]++
		}
	}
	if counts[200] != 1750 {
		t.Errorf("1,750 reads of a full bucket: %v, want all answered", counts)
	}
	wantError(t, c.get(adele), 429, "TooManyRequests")
}
