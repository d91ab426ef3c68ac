package views

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/internal/testkit"
)

// Settings shows the photo cache's size and contents; Clear cache empties
// it (and the engine's memory), and a new size is saved and applied.
func TestSettingsPhotoCache(t *testing.T) {
	test.NewTempApp(t)
	c, err := diskcache.Open(diskcache.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"/users/a/photos", "/users/b/photos"} {
		k := diskcache.Key{Cloud: "sandbox", Tenant: "t", Subject: s, Size: "48x48"}
		if err := c.Put(k, &diskcache.Entry{Fetched: time.Now(), Bytes: make([]byte, 300_000)}); err != nil {
			t.Fatal(err)
		}
	}
	<-c.Indexed() // TestSettingsPhotoCacheCounting covers the moment before
	prefs := testkit.NewPrefs(nil)
	f := newSettingsForm(prefs)
	ui := make(chan func(), 1)
	forgot := false // the engine's memory, before the disk was cleared
	f.showPhotoCache(c, nil, func() { _, n := c.Usage(); forgot = n == 2 }, func(fn func()) { ui <- fn })

	var row *widget.FormItem
	for _, it := range f.items() {
		if it.Text == "Photo cache" {
			row = it
		}
	}
	if row == nil {
		t.Fatal("no Photo cache row in Settings")
	}
	pc := f.photoCache
	if pc.size.Selected != "200 MB" || pc.usage.Text != "0.6 MB, 2 photos" {
		t.Errorf("shows %q and %q, want the default 200 MB and 0.6 MB, 2 photos", pc.size.Selected, pc.usage.Text)
	}
	test.Tap(pc.clear)
	(<-ui)()
	if _, n := c.Usage(); n != 0 || pc.usage.Text != "Empty" || !forgot || pc.clear.Disabled() {
		t.Errorf("after Clear cache: %d entries, %q, engine memory forgotten first %v", n, pc.usage.Text, forgot)
	}

	pc.size.SetSelected("1 GB")
	f.save()
	if got := prefs.Int(app.PrefPhotoCacheMB); got != 1000 {
		t.Errorf("saved %d MB, want 1000", got)
	}
	if got := app.PhotoCacheBytesFrom(prefs); got != 1000<<20 {
		t.Errorf("bound read back as %d", got)
	}
}

// Until the cache has indexed its folder, Settings says it is counting
// rather than showing a partial figure (or waiting on the UI goroutine),
// and shows the figure once the index is ready.
func TestSettingsPhotoCacheCounting(t *testing.T) {
	test.NewTempApp(t)
	dir := t.TempDir()
	last, err := diskcache.Open(diskcache.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	k := diskcache.Key{Cloud: "sandbox", Tenant: "t", Subject: "/users/a/photos", Size: "48x48"}
	if err := last.Put(k, &diskcache.Entry{Fetched: time.Now(), Bytes: make([]byte, 300_000)}); err != nil {
		t.Fatal(err)
	}
	<-last.Indexed()
	c, err := diskcache.Open(diskcache.Options{Dir: dir}) // a restart
	if err != nil {
		t.Fatal(err)
	}
	f := newSettingsForm(testkit.NewPrefs(nil))
	ui := make(chan func(), 2) // room for both waits: none is left blocked
	f.showPhotoCache(c, nil, nil, func(fn func()) { ui <- fn })
	pc := f.photoCache

	// The cache's own index may already be done; hold a stand-in for it.
	held := make(chan struct{})
	pc.indexed = held
	pc.showUsage()
	if pc.usage.Text != "Counting…" {
		t.Fatalf("before the index: %q, want Counting…", pc.usage.Text)
	}
	<-c.Indexed()
	close(held)
	for pc.usage.Text == "Counting…" {
		(<-ui)() // the first may be from showPhotoCache's own wait
	}
	if pc.usage.Text != "0.3 MB, 1 photo" {
		t.Fatalf("after the index: %q, want 0.3 MB, 1 photo", pc.usage.Text)
	}
}
