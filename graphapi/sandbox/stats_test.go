package sandbox

import (
	"testing"
)

func TestStats(t *testing.T) {
	h, c := isolated(t, 30)
	ex := h.dir.Examples()
	var bodies int
	get := func(path string, status int) {
		r := c.get(path)
		wantStatus(t, r, status)
		bodies += len(r.body)
	}
	get("/users/"+ex.FullHD.ID+"/photo/$value", 200)
	get("/users/"+ex.FullHD.ID+"/photos/48x48/$value", 200)
	get("/users/"+ex.NoPhoto.ID+"/photo", 404)
	get("/me/photos", 200)
	get("/users?$top=2", 200)
	get("/me", 200)
	get("/groups", 200)
	get("/groups/"+ex.Sales.ID, 200)
	get("/groups/"+ex.Sales.ID+"/members", 200)
	get("/me/contacts", 200)
	get("/me/contactFolders", 200)
	get("/nothing", 400)
	st := h.Stats()
	want := map[string]int{
		KindPhotoBytes: 2, KindPhotoMeta: 1, KindPhotoSizes: 1, KindUsers: 1, KindUser: 1, KindGroups: 1,
		KindGroup: 1, KindMembers: 1, KindContacts: 1, KindContactFolders: 1, KindOther: 1,
	}
	for k, n := range want {
		if st.Requests[k] != n {
			t.Errorf("requests[%s] = %d, want %d (all: %v)", k, st.Requests[k], n, st.Requests)
		}
	}
	if st.Statuses[200] != 10 || st.Statuses[404] != 1 || st.Statuses[400] != 1 {
		t.Errorf("statuses %v", st.Statuses)
	}
	if st.BytesSent != int64(bodies) {
		t.Errorf("bytes sent %d, bodies %d", st.BytesSent, bodies)
	}
	if st.PeakPhotoConcurrency != 1 {
		t.Errorf("peak %d for sequential requests", st.PeakPhotoConcurrency)
	}
	// a snapshot is a copy
	st.Requests[KindUsers] = 99
	if h.Stats().Requests[KindUsers] != 1 {
		t.Error("Stats shares its map with the counters")
	}
	h.ResetStats()
	if st := h.Stats(); len(st.Requests) != 0 || st.BytesSent != 0 || st.PeakPhotoConcurrency != 0 {
		t.Errorf("after reset: %+v", st)
	}
	// unauthenticated requests are counted under their kind too
	wantStatus(t, c.as("").get("/me/photo/$value"), 401)
	if st := h.Stats(); st.Requests[KindPhotoBytes] != 1 || st.Statuses[401] != 1 {
		t.Errorf("401 counted as %v %v", st.Requests, st.Statuses)
	}
}

// TestStatsConcurrentUse hammers the counters from many goroutines; run
// with -race it proves Stats is safe for concurrent use.
func TestStatsConcurrentUse(t *testing.T) {
	h, c := isolated(t, 20)
	parallel(16, func(i int) {
		if i%4 == 0 {
			_ = h.Stats()
			return
		}
		c.get("/me/photo")
	})
	if n := h.Stats().Requests[KindPhotoMeta]; n != 12 {
		t.Errorf("%d photo requests counted, want 12", n)
	}
}
