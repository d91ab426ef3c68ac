package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// pickSize chooses a size in the picker as a user would.
func (h *harness) pickSize(size graphapi.Size) {
	h.t.Helper()
	for _, o := range h.m.viewer.sizes.sel.Options {
		if sizeFromLabel(o) == size {
			h.m.viewer.sizes.sel.SetSelected(o)
			return
		}
	}
	h.t.Fatalf("no option for %q in %v", size, h.m.viewer.sizes.sel.Options)
}

func TestSelectShowsPhotoAndMetadata(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	adele := h.tenant.Dir.Examples().FullHD
	h.openUser(adele)
	h.waitIdle()
	v := h.m.viewer
	if !v.photo.Visible() || v.layout.pixW != 648 || v.layout.pixH != 648 {
		t.Fatalf("viewer = %s, want the largest photo, 648x648", v.describe())
	}
	r := h.m.current
	meta := h.m.meta.values
	for field, want := range map[string]string{
		fieldWidth: "648", fieldHeight: "648", fieldFormat: "jpeg", fieldETag: r.ETag,
		fieldRequestID: r.RequestID, fieldURL: r.URL,
	} {
		if got := meta[field].Text; got != want || got == "" {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	if !strings.Contains(meta[fieldURL].Text, "/photo") {
		t.Errorf("request URL %q is not a photo URL", meta[fieldURL].Text)
	}
	if got := meta[fieldSizes].Text; got != "48, 64, 96, 120, 240, 360, 432, 504, 648" {
		t.Errorf("sizes available = %q, want all nine", got)
	}
	if h.m.tools.save.Disabled() || h.m.tools.copyImage.Disabled() {
		t.Error("save and copy are disabled with a photo shown")
	}
}

func TestChangeSizeReloads(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().FullHD)
	h.pickSize("96x96")
	h.waitFor("the 96x96 photo", func() bool { return h.m.current != nil && h.m.viewer.layout.pixW == 96 })
	if got := h.m.meta.values[fieldWidth].Text; got != "96" {
		t.Errorf("metadata width = %q, want 96", got)
	}
	if h.m.viewer.note.Visible() {
		t.Errorf("fallback note %q for a size that exists", h.m.viewer.note.Text)
	}
}

func TestFallbackNoteAndAvailableSizes(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().UpTo240)
	h.pickSize("648x648")
	h.waitFor("the fallback photo", func() bool { return h.m.current != nil })
	h.waitIdle()
	v := h.m.viewer
	if v.layout.pixW != 240 {
		t.Errorf("viewer = %s, want the 240x240 fallback", v.describe())
	}
	if want := "648x648 not uploaded — showing 240x240"; !v.note.Visible() || v.note.Text != want {
		t.Errorf("note = %q (visible %v), want %q", v.note.Text, v.note.Visible(), want)
	}
	options := strings.Join(v.sizes.sel.Options, "|")
	for _, want := range []string{"240x240" + availableMark, "360x360" + notUploadedTag, "648x648" + notUploadedTag} {
		if !strings.Contains(options, want) {
			t.Errorf("size options %q lack %q", options, want)
		}
	}
	if got := sizeFromLabel(v.sizes.sel.Selected); got != "648x648" {
		t.Errorf("picker shows %q, want the size asked for", got)
	}
}

func TestNoPhotoPlaceholder(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	nestor := h.tenant.Dir.Examples().NoPhoto
	h.openUser(nestor)
	h.waitIdle()
	v := h.m.viewer
	if !v.noPhoto.Visible() || v.photo.Visible() {
		t.Fatalf("viewer = %s, want the no-photo placeholder", v.describe())
	}
	if v.badge.Initials() != "NW" {
		t.Errorf("initials = %q, want NW", v.badge.Initials())
	}
	if v.reason.Text == "" {
		t.Error("no reason under No photo")
	}
	if !h.m.tools.save.Disabled() || !h.m.tools.copyImage.Disabled() || h.m.tools.refresh.Disabled() {
		t.Error("with no photo, save and copy must be off and refresh on")
	}
	// The answer that said "no photo" is what support asks about.
	if url := h.m.meta.text(fieldURL); !strings.Contains(url, nestor.ID) || h.m.meta.text(fieldRequestID) == "" {
		t.Errorf("request URL %q, id %q: want the no-photo answer's", url, h.m.meta.text(fieldRequestID))
	}
	for _, field := range []string{fieldWidth, fieldHeight, fieldBytes, fieldFormat} {
		if got := h.m.meta.values[field].Text; got != absent {
			t.Errorf("%s = %q, want %q for no photo", field, got, absent)
		}
	}
}

func TestActualPixelsDividesByCanvasScale(t *testing.T) {
	l := &photoLayout{actual: true, pixW: 48, pixH: 48, canvasScale: func() float32 { return 2 }}
	if got := l.MinSize(nil); got != fyne.NewSquareSize(24) {
		t.Errorf("48 px at scale 2 = %v, want 24x24 units (48 device pixels)", got)
	}
	l.actual = false
	l.pixW, l.pixH = 648, 648
	if got := l.target(fyne.NewSize(400, 300)); got != fyne.NewSquareSize(300) {
		t.Errorf("fit of a 648 square into 400x300 = %v, want 300x300", got)
	}
	// Issue 18 item 8: Fit enlarges at most twice (in device pixels).
	l.pixW, l.pixH = 48, 48
	if got := l.target(fyne.NewSize(400, 300)); got != fyne.NewSquareSize(48) {
		t.Errorf("fit of 48x48 at scale 2 into 400x300 = %v, want 48x48 units (96 device pixels, twice its size)", got)
	}
	l.pixW, l.pixH = 400, 300
	if got := l.target(fyne.NewSize(200, 200)); got != fyne.NewSize(200, 150) {
		t.Errorf("fit of 400x300 into 200x200 = %v, want 200x150", got)
	}
}

func TestActualPixelsToggle(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().FullHD)
	h.pickSize("48x48")
	h.waitFor("the 48x48 photo", func() bool { return h.m.current != nil && h.m.viewer.layout.pixW == 48 })
	h.m.viewer.actual.SetChecked(true)
	scale := h.m.w.Canvas().Scale()
	img := h.m.viewer.image
	if want := fyne.NewSquareSize(48 / scale); img.Size() != want {
		t.Errorf("actual pixels: image is %v, want %v", img.Size(), want)
	}
	h.m.viewer.actual.SetChecked(false)
	if img.Size().Width <= 48/scale {
		t.Errorf("fit: image is %v, want it grown to the pane", img.Size())
	}
}

func TestRefreshFetchesAgain(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().FullHD)
	h.waitIdle()
	h.tenant.Handler().ResetStats()
	h.m.onNavigationKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.waitFor("the photo again", func() bool { return h.m.current != nil })
	h.waitIdle()
	if h.m.current.FromCache {
		t.Error("refresh answered from the cache")
	}
	if got := h.tenant.Handler().Stats().Requests[sandbox.KindPhotoBytes]; got == 0 {
		t.Error("refresh downloaded no photo bytes")
	}
}

// A contact saved without a name (Outlook allows one with only an address)
// is titled and spoken of by its address: the title read blank and the
// placeholder "No photo has been uploaded for ."
func TestUnnamedContactIsCalledByItsAddress(t *testing.T) {
	test.NewTempApp(t)
	v := newViewer(graphapi.SizeLargest, func() float32 { return 1 }, nil, nil)
	test.NewTempWindow(t, v.content)
	p := app.Person{Kind: app.KindContact, ID: "c1", Mail: "orders@fabrikam.com"}
	v.setPerson(p)
	v.showNoPhoto(p, app.ReasonNoPhoto)
	if v.title.Text != "orders@fabrikam.com" || v.reason.Text != "No photo has been uploaded for orders@fabrikam.com." {
		t.Errorf("title %q, placeholder %q; want the contact called by its address", v.title.Text, v.reason.Text)
	}
}
