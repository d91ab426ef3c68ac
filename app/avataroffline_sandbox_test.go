package app

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// TestSandboxAvatarsFromDiskWhileOffline: started offline after the
// cache's hour (a laptop on a train), the list shows the avatars kept on
// disk, as the viewer shows its kept photo, rather than a grey disc for
// everyone; they are not made fresh, so the next look online checks them.
func TestSandboxAvatarsFromDiskWhileOffline(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	dir := t.TempDir()
	people := photoPeople(tn)[:25] // two $batch envelopes
	first := collectAvatars(t, tn.diskRun(t, dir), people)
	tn.clock.Advance(2 * time.Hour)

	dead := httptest.NewServer(nil)
	dead.Close() // nothing listens there now: connection refused, as offline
	d, err := diskcache.Open(diskcache.Options{Dir: dir, Now: tn.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(Config{Client: tn.Client(tn.Token, quickRetry, graphapi.WithBaseURL(dead.URL+"/v1.0")), Now: tn.clock.Now})
	e.UseDiskCache(d, "sandbox", "tenant-1")
	offline := collectAvatars(t, e, people)
	for i := range people {
		if a := offline[i]; a.Err != nil || !samePixels(first[i].Image, a.Image) {
			t.Errorf("%s offline: image %v, err %v; want the avatar kept on disk", people[i], a.Image != nil, a.Err)
		}
	}

	tn.ResetStats()
	collectAvatars(t, tn.diskRun(t, dir), people) // online again
	if got := tn.Stats().Requests[sandbox.KindPhotoMeta]; got != len(people) {
		t.Errorf("back online, %d metadata requests, want every avatar checked (%d)", got, len(people))
	}
}
