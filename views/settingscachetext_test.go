package views

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/internal/testkit"
)

// A cache of a few avatars (a few KB) says how much it holds, not
// "0.0 MB, 3 photos", which reads as if the photos took no room or the
// count were wrong.
func TestSettingsPhotoCacheSmallUsage(t *testing.T) {
	test.NewTempApp(t)
	c, err := diskcache.Open(diskcache.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"/users/a/photos", "/users/b/photos", "/users/c/photos"} {
		k := diskcache.Key{Cloud: "sandbox", Tenant: "t", Subject: s, Size: "48x48"}
		if err := c.Put(k, &diskcache.Entry{Fetched: time.Now(), Bytes: make([]byte, 2000)}); err != nil {
			t.Fatal(err)
		}
	}
	<-c.Indexed()
	f := newSettingsForm(testkit.NewPrefs(nil))
	f.showPhotoCache(c, nil, func(fn func()) { fn() })
	got := f.photoCache.usage.Text
	if strings.HasPrefix(got, "0.0 ") || !strings.HasSuffix(got, " KB, 3 photos") {
		t.Errorf("a cache of three avatars shows %q, want its size in KB", got)
	}
}
