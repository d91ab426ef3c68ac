package app

import (
	"bytes"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// diskRun is one run of Photo Desk: a fresh engine (empty memory caches)
// on the tenant, its disk cache opened from dir as a new process would.
func (tn *tenant) diskRun(t *testing.T, dir string) *Engine {
	t.Helper()
	d, err := diskcache.Open(diskcache.Options{Dir: dir, Now: tn.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(Config{Client: tn.Client(tn.Token, quickRetry), Now: tn.clock.Now})
	e.UseDiskCache(d, "sandbox", "tenant-1")
	return e
}

func photoPeople(tn *tenant) []Person {
	var people []Person
	for _, u := range tn.Dir.Users()[:60] {
		if hasPhoto(u.Photo) {
			people = append(people, sbUser(u))
		}
	}
	return append(people, sbUser(tn.ex.EntraOnly), sbGroup(tn.ex.Sales))
}

func samePixels(a, b image.Image) bool {
	if a == nil || b == nil || a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// TestSandboxAvatarsRestartWithinTTL: a restart within the cache's hour
// shows every avatar from disk without a single request.
func TestSandboxAvatarsRestartWithinTTL(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	dir := t.TempDir()
	people := append(photoPeople(tn), sbUser(tn.ex.NoPhoto), sbUser(tn.ex.GIF1x1))
	first := collectAvatars(t, tn.diskRun(t, dir), people)
	tn.ResetStats()
	tn.clock.Advance(10 * time.Minute)
	second := collectAvatars(t, tn.diskRun(t, dir), people)
	if r := tn.Stats().Requests; len(r) != 0 {
		t.Fatalf("a restart within the TTL made requests: %v", r)
	}
	for i := range people {
		if second[i].NoPhoto != first[i].NoPhoto || !(first[i].Image == nil || samePixels(first[i].Image, second[i].Image)) {
			t.Errorf("%s: after the restart %+v, before %+v", people[i], second[i], first[i])
		}
	}
}

// TestSandboxAvatarsRestartRevalidates: after the TTL a restart asks only
// for metadata (20 to a $batch) and downloads no photo bytes, except for
// the one person whose photo changed meanwhile. (People without a photo:
// TestSandboxNoPhotoAvatarsCheckedByMetadata.)
func TestSandboxAvatarsRestartRevalidates(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	dir := t.TempDir()
	people := photoPeople(tn)
	first := collectAvatars(t, tn.diskRun(t, dir), people)

	changed := tn.ex.FullHD
	writer, err := tn.UserToken(tn.ex.Helpdesk.UserPrincipalName, "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	if err := tn.Client(writer).SetPhoto(t.Context(), sbUser(changed).Subject, encodeJPEG(t, 300, 200), "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	ci := indexOf(people, changed.ID)
	if ci < 0 {
		t.Fatal("the changed person is not among the people")
	}
	tn.clock.Advance(2 * time.Hour)
	tn.ResetStats()
	second := collectAvatars(t, tn.diskRun(t, dir), people)
	st := tn.Stats()
	if got := st.Requests[sandbox.KindPhotoBytes]; got != 1 {
		t.Errorf("photo bytes requested %d times after a restart, want 1 (the changed photo): %v", got, st.Requests)
	}
	if got := st.Requests[sandbox.KindPhotoMeta]; got != len(people) {
		t.Errorf("%d metadata requests, want one per person (%d)", got, len(people))
	}
	for i := range people {
		if i == ci {
			continue
		}
		if second[i].Err != nil || !samePixels(first[i].Image, second[i].Image) {
			t.Errorf("%s: after the restart %+v", people[i], second[i])
		}
	}
	if second[ci].Image == nil || samePixels(second[ci].Image, first[ci].Image) {
		t.Errorf("the changed photo was shown from the old cache entry")
	}

	// The changed photo is on disk now: a third run downloads nothing.
	tn.clock.Advance(2 * time.Hour)
	tn.ResetStats()
	collectAvatars(t, tn.diskRun(t, dir), people)
	if got := tn.Stats().Requests[sandbox.KindPhotoBytes]; got != 0 {
		t.Errorf("third run downloaded %d photos", got)
	}
}

func indexOf(people []Person, id string) int {
	for i, p := range people {
		if p.ID == id {
			return i
		}
	}
	return -1
}

// TestSandboxPhotoRestartRevalidates: the viewer's photo after a restart
// and the TTL costs one metadata request, no bytes, and is the same photo.
func TestSandboxPhotoRestartRevalidates(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	dir := t.TempDir()
	p := sbUser(tn.ex.UpTo240)
	r1, err := tn.diskRun(t, dir).Photo(t.Context(), p, "648x648")
	if err != nil || r1.Served != "240x240" {
		t.Fatalf("first run: %v, %+v", err, r1)
	}
	tn.clock.Advance(2 * time.Hour)
	tn.ResetStats()
	r2, err := tn.diskRun(t, dir).Photo(t.Context(), p, "648x648")
	if err != nil {
		t.Fatal(err)
	}
	st := tn.Stats()
	if st.Requests[sandbox.KindPhotoBytes] != 0 || st.Requests[sandbox.KindPhotoMeta] != 1 {
		t.Errorf("restart: %v, want one metadata request and no bytes", st.Requests)
	}
	if !r2.FromCache || r2.Served != "240x240" || !bytes.Equal(r1.Bytes, r2.Bytes) || r2.Meta == nil || r2.Meta.Width != 240 ||
		r2.FallbackNote() != r1.FallbackNote() || !samePixels(r1.Image, r2.Image) {
		t.Errorf("restart gave %+v", r2)
	}
}

// TestSandboxDiskCacheHoldsNoToken: nothing of the session reaches the
// cache's files, only what the photo answers said.
func TestSandboxDiskCacheHoldsNoToken(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	dir := t.TempDir()
	e := tn.diskRun(t, dir)
	people := photoPeople(tn)[:10]
	collectAvatars(t, e, people)
	if _, err := e.Photo(t.Context(), people[0], ""); err != nil {
		t.Fatal(err)
	}
	sig := tn.Token[strings.LastIndex(tn.Token, ".")+1:]
	files := 0
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		data, err := os.ReadFile(path)
		for _, bad := range []string{tn.Token, sig, "Bearer", "eyJ", "Authorization"} {
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s holds %q", path, bad[:min(len(bad), 12)])
			}
		}
		return err
	})
	if err != nil || files < len(people) {
		t.Fatalf("%d cache files (%v)", files, err)
	}
}

// TestSandboxCorruptDiskEntryRefetched: a damaged entry is not shown; the
// photo downloads again and the file is replaced by a good one.
func TestSandboxCorruptDiskEntryRefetched(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	dir := t.TempDir()
	p := sbUser(tn.ex.FullHD)
	if _, err := tn.diskRun(t, dir).Photo(t.Context(), p, "96x96"); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.photo"))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		_ = os.WriteFile(f, data[:len(data)/2], 0o600)
	}
	tn.ResetStats()
	r, err := tn.diskRun(t, dir).Photo(t.Context(), p, "96x96")
	if err != nil || r.FromCache || r.Width != 96 {
		t.Fatalf("after damage: %v %+v", err, r)
	}
	if got := tn.Stats().Requests[sandbox.KindPhotoBytes]; got != 1 {
		t.Errorf("%d byte requests, want 1", got)
	}
}

// A retired engine (its account's connection ended, perhaps signed out)
// writes nothing more to the disk cache: a fetch finishing after the
// tenant's photos were dropped must not bring them back.
func TestRetiredEngineWritesNoMore(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	dir := t.TempDir()
	e := tn.diskRun(t, dir)
	e.Retire()
	p := sbUser(tn.ex.FullHD)
	if _, err := e.Photo(t.Context(), p, "48x48"); err != nil {
		t.Fatal(err)
	}
	e.disk.cache.Settle()
	if _, n := e.disk.cache.Usage(); n != 0 {
		t.Errorf("a retired engine wrote %d entries", n)
	}
}
