package views

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/views/widgets"
)

// photoCacheSizes are the bounds offered for the disk photo cache, in MB.
var photoCacheSizes = []int{50, 100, 200, 500, 1000}

// photoCacheForm is Settings' photo cache row: its size, what it holds
// now, and Clear cache. It is nil-safe: without a disk cache (it could not
// be opened) the row is not shown.
type photoCacheForm struct {
	cache   *diskcache.Cache
	indexed <-chan struct{} // the cache's Indexed: Usage would wait until then
	size    *widgets.EscapeSelect
	usage   *widget.Label
	clear   *widgets.KeyButton
	forget  func() // drops the open engine's memory caches too; may be nil
	do      func(func())
}

// showPhotoCache adds the photo cache row to the form. forget runs when
// Clear cache is pressed, before the disk is cleared, on the UI goroutine.
// Without a cache, openErr is why it could not be opened, and the row says
// so: a row that was simply missing left people looking for it.
func (f *settingsForm) showPhotoCache(c *diskcache.Cache, openErr error, forget func(), do func(func())) {
	if c == nil {
		f.photoCacheErr = openErr
		return
	}
	pc := &photoCacheForm{cache: c, indexed: c.Indexed(), forget: forget, do: do, usage: widget.NewLabel("")}
	var labels []string
	current := int(app.PhotoCacheBytesFrom(f.prefs) >> 20)
	selected := ""
	for _, mb := range photoCacheSizes {
		labels = append(labels, mbLabel(mb))
		if mb == current {
			selected = mbLabel(mb)
		}
	}
	if selected == "" { // a size set by hand in the preferences file
		labels = append(labels, mbLabel(current))
		selected = mbLabel(current)
	}
	pc.size = widgets.NewEscapeSelect(labels, nil)
	pc.size.SetSelected(selected)
	pc.clear = widgets.NewKeyButton("Clear cache", nil, pc.onClear)
	pc.showUsage()
	f.photoCache = pc
}

// mbLabel shows a bound: "200 MB", "1 GB".
func mbLabel(mb int) string {
	if mb >= 1000 && mb%1000 == 0 {
		return fmt.Sprintf("%d GB", mb/1000)
	}
	return fmt.Sprintf("%d MB", mb)
}

// photoCacheItems is the form's row, or none.
func (f *settingsForm) photoCacheItems() []*widget.FormItem {
	pc := f.photoCache
	if pc == nil {
		return f.photoCacheMissingItems()
	}
	// The folder gets a line of its own, wrapped: in the hint it was cut
	// off mid-name.
	dir := widget.NewLabel("In " + pc.cache.Dir())
	dir.Wrapping = fyne.TextWrapBreak
	dir.SizeName = theme.SizeNameCaptionText
	return []*widget.FormItem{{
		Text:     "Photo cache",
		Widget:   container.NewVBox(container.NewBorder(nil, nil, pc.size, pc.clear, pc.usage), dir),
		HintText: "Photos are reused for " + ttlWords(app.CacheTTLFrom(f.prefs)) + ", then checked against Graph; never a token; signing out clears the tenant's.",
	}}
}

// photoCacheMissingItems is the row of a cache that could not be opened:
// why, and what that means.
func (f *settingsForm) photoCacheMissingItems() []*widget.FormItem {
	if f.photoCacheErr == nil {
		return nil
	}
	why := widget.NewLabel("Not available: " + f.photoCacheErr.Error())
	why.Wrapping = fyne.TextWrapBreak
	return []*widget.FormItem{{
		Text:     "Photo cache",
		Widget:   why,
		HintText: "Photos are kept in memory while the window is open, and downloaded again after a restart.",
	}}
}

// ttlWords is the photo cache lifetime in the hint's words: "an hour",
// "30 minutes", or Go's form for an odd one set by hand ("1m30s").
func ttlWords(d time.Duration) string {
	switch {
	case d == time.Hour:
		return "an hour"
	case d%time.Hour == 0:
		return fmt.Sprintf("%d hours", d/time.Hour)
	case d == time.Minute:
		return "a minute"
	case d%time.Minute == 0:
		return fmt.Sprintf("%d minutes", d/time.Minute)
	}
	return d.String()
}

// savePhotoCache writes the chosen bound and applies it at once.
func (f *settingsForm) savePhotoCache() {
	pc := f.photoCache
	if pc == nil {
		return
	}
	for _, mb := range append(photoCacheSizes, int(app.PhotoCacheBytesFrom(f.prefs)>>20)) {
		if mbLabel(mb) == pc.size.Selected {
			f.prefs.SetInt(app.PrefPhotoCacheMB, mb)
			// Off the UI goroutine: a smaller bound deletes files at once,
			// thousands from a full cache.
			go pc.cache.SetMaxBytes(int64(mb) << 20)
			return
		}
	}
}

// onClear empties the cache off the UI goroutine (thousands of files may
// take a moment) and then says what is left.
func (pc *photoCacheForm) onClear() {
	pc.clear.Disable()
	pc.usage.SetText("Clearing…")
	// Memory first: it ends what the open engine is fetching as far as
	// keeping goes, so nothing it learns meanwhile is written back to the
	// disk being cleared.
	if pc.forget != nil {
		pc.forget()
	}
	go func() {
		err := pc.cache.Clear()
		pc.do(func() {
			pc.clear.Enable()
			pc.showUsage()
			if err != nil {
				pc.usage.SetText("Some photos could not be removed: " + err.Error())
			}
		})
	}()
}

// showUsage says how much the cache holds. Until the cache has indexed
// the folder (in the background since the window opened) the count is
// unknown: it says so, and shows the figure once the index is ready.
func (pc *photoCacheForm) showUsage() {
	select {
	case <-pc.indexed:
	default:
		pc.usage.SetText("Counting…")
		indexed := pc.indexed
		go func() {
			<-indexed
			pc.do(pc.showUsage)
		}()
		return
	}
	bytes, n := pc.cache.Usage()
	switch n {
	case 0:
		pc.usage.SetText("Empty")
	case 1:
		pc.usage.SetText(usedLabel(bytes) + ", 1 photo")
	default:
		pc.usage.SetText(fmt.Sprintf("%s, %d photos", usedLabel(bytes), n))
	}
}

// usedLabel is the cache's size: in KB below a tenth of a MB, where MB
// with one decimal would read "0.0 MB" for a few avatars.
func usedLabel(bytes int64) string {
	if bytes < 100<<10 {
		return fmt.Sprintf("%d KB", max(1, (bytes+512)>>10))
	}
	return fmt.Sprintf("%.1f MB", float64(bytes)/(1<<20))
}

// forgetPhotos drops the signed-in engine's photos in memory, after Clear
// cache emptied the disk.
func (sh *shell) forgetPhotos() {
	if sh.state.Conn != nil && sh.state.Conn.Engine != nil {
		sh.state.Conn.Engine.ForgetMemory()
	}
}

// openPhotoCache opens the disk photo cache with the bound from prefs, or
// says why it cannot be (Settings shows why photos are not kept): the
// window then keeps photos in memory only. It returns at once: the cache
// indexes its folder in the background, off the way to the first frame.
func openPhotoCache(prefs app.Preferences) (*diskcache.Cache, error) {
	dir, err := diskcache.DefaultDir()
	if err == nil {
		var c *diskcache.Cache
		if c, err = diskcache.Open(diskcache.Options{Dir: dir, MaxBytes: app.PhotoCacheBytesFrom(prefs)}); err == nil {
			return c, nil
		}
	}
	logError("photos will not be kept between runs", err)
	return nil, err
}
