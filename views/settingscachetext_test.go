package views

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
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
	f.showPhotoCache(c, nil, nil, func(fn func()) { fn() })
	got := f.photoCache.usage.Text
	if strings.HasPrefix(got, "0.0 ") || !strings.HasSuffix(got, " KB, 3 photos") {
		t.Errorf("a cache of three avatars shows %q, want its size in KB", got)
	}
}

// The row's hint says when kept photos are checked against Graph: after
// the photo cache lifetime, not before every use.
func TestSettingsPhotoCacheHintSaysWhenChecked(t *testing.T) {
	test.NewTempApp(t)
	c, err := diskcache.Open(diskcache.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		seconds float64
		want    string
	}{{0, "an hour"}, {1800, "30 minutes"}, {7200, "2 hours"}, {90, "1m30s"}} {
		prefs := testkit.NewPrefs(nil)
		if tc.seconds != 0 {
			prefs.SetFloat(app.PrefCacheTTL, tc.seconds)
		}
		f := newSettingsForm(prefs)
		f.showPhotoCache(c, nil, nil, func(fn func()) { fn() })
		hint := ""
		for _, it := range f.items() {
			if it.Text == "Photo cache" {
				hint = it.HintText
			}
		}
		if !strings.Contains(hint, "for "+tc.want+", then checked against Graph") || strings.Contains(hint, "before use") {
			t.Errorf("lifetime %vs: hint %q, want it to say photos are shown for %s, then checked", tc.seconds, hint, tc.want)
		}
	}
}

// A cache folder that cannot be opened (a file in its place, no room to
// create it) leaves a row saying why and what it means: the row used to
// be left out, and people looked for Clear cache in vain.
func TestSettingsSaysWhyThereIsNoPhotoCache(t *testing.T) {
	test.NewTempApp(t)
	f := newSettingsForm(testkit.NewPrefs(nil))
	f.showPhotoCache(nil, errors.New("open photo cache: mkdir /home/ann/.cache/photodesk/photos: not a directory"), nil, func(fn func()) { fn() })
	items := f.photoCacheItems()
	if len(items) != 1 || items[0].Text != "Photo cache" {
		t.Fatalf("items %v; want the photo cache row", items)
	}
	why, ok := items[0].Widget.(*widget.Label)
	if !ok || !strings.Contains(why.Text, "not a directory") || !strings.Contains(items[0].HintText, "downloaded again after a restart") {
		t.Errorf("row %#v, hint %q; want why the cache is missing and what that means", items[0].Widget, items[0].HintText)
	}
	if f := newSettingsForm(testkit.NewPrefs(nil)); len(f.photoCacheItems()) != 0 {
		t.Error("a form told nothing of a cache shows a photo cache row")
	}
}
