package views

import (
	"image/color"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// lightTheme is Fyne's default theme in its light variant: what most users
// see, and what the README's screenshots show. (The test app reports no
// variant of its own.)
type lightTheme struct{ fyne.Theme }

func (t lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, theme.VariantLight)
}

// assertScreen compares the whole window with testdata/<name>.xml and
// testdata/<name>.png. It renders the window's own canvas, so nothing is
// re-parented and open dialogs would show too.
func (h *harness) assertScreen(name string) {
	h.t.Helper()
	h.waitIdle()
	// The sandbox listens on a random port and request ids are random:
	// pin both so the golden files only change when the window does.
	for field, pinned := range map[string]string{
		fieldURL:       "http://127.0.0.1:8080/v1.0/users/…/photo/$value",
		fieldRequestID: "00000000-0000-0000-0000-000000000000",
	} {
		if h.m.meta.text(field) != "" {
			h.m.meta.set(field, pinned)
		}
	}
	h.m.meta.relayout()
	c := h.m.w.Canvas()
	test.AssertRendersToMarkup(h.t, name+".xml", c)
	test.AssertRendersToImage(h.t, name+".png", c)
}

func newScreenshotHarness(t *testing.T) *harness {
	h := newHarness(t)
	h.a.Settings().SetTheme(lightTheme{theme.DefaultTheme()})
	return h
}

func TestGoldenMainWindow(t *testing.T) {
	h := newScreenshotHarness(t)
	h.waitResults()
	h.waitIdle()
	adele := h.resultIndex(h.tenant.Dir.Examples().FullHD.UserPrincipalName)
	h.m.sidebar.list.Select(adele)
	h.waitShown(h.tenant.Dir.Examples().FullHD.DisplayName)
	h.assertScreen("main")
}

func TestGoldenNoPhoto(t *testing.T) {
	h := newScreenshotHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().NoPhoto)
	h.assertScreen("no-photo")
}

func TestGoldenSizeFallback(t *testing.T) {
	h := newScreenshotHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().UpTo240)
	h.pickSize("648x648")
	h.waitFor("the fallback photo", func() bool { return h.m.current != nil })
	h.assertScreen("size-fallback")
}

func TestGoldenTransparentActualPixels(t *testing.T) {
	h := newScreenshotHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().PNG)
	h.pickSize("240x240")
	h.waitFor("the 240x240 PNG", func() bool { return h.m.current != nil && h.m.viewer.layout.pixW == 240 })
	h.m.viewer.actual.SetChecked(true)
	h.assertScreen("transparent-actual-pixels")
}

func TestGoldenSaveForm(t *testing.T) {
	h := newScreenshotHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().FullHD)
	h.waitIdle()
	test.Tap(h.m.tools.save)
	h.dialogs.save.folder.SetText(os.TempDir()) // the same on every run, and it exists
	h.assertScreen("save-form")
}

// The window at a small laptop's size: nothing overlaps, the UPNs and the
// metadata values stay readable.
func TestGoldenSmallWindow(t *testing.T) {
	h := newScreenshotHarness(t)
	h.m.w.Resize(fyne.NewSize(900, 600))
	h.waitResults()
	h.waitShown(h.m.sidebar.results[0].DisplayName)
	h.assertScreen("small-window")
}
