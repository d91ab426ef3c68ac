package app

import (
	"testing"

	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/internal/testkit"
)

// The photo cache's bound as the preferences file holds it, hand-edited
// too: unset, zero or negative is the default; a bound too large for
// bytes to count is as large as they can count, never wrapped round to a
// tiny one that would evict every photo.
func TestPhotoCacheBytesFrom(t *testing.T) {
	for _, tc := range []struct {
		mb   int
		want int64
	}{
		{0, diskcache.DefaultMaxBytes},
		{-5, diskcache.DefaultMaxBytes},
		{1, 1 << 20},
		{500, 500 << 20},
		{1<<44 + 1, 1<<63 - 1}, // << 20 would wrap to 1 MB
		{1 << 50, 1<<63 - 1},
	} {
		prefs := testkit.NewPrefs(nil)
		if tc.mb != 0 {
			prefs.SetInt(PrefPhotoCacheMB, tc.mb)
		}
		if got := PhotoCacheBytesFrom(prefs); got != tc.want {
			t.Errorf("photoCacheMB %d: %d bytes, want %d", tc.mb, got, tc.want)
		}
	}
}
