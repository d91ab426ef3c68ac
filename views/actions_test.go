package views

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
)

// dirNames lists a folder, to catch temporary files left behind.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSaveWritesFileAndAsksBeforeOverwrite(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	dir := t.TempDir()
	h.a.Preferences().SetString(app.PrefLastSaveDir, dir)
	h.openUser(h.tenant.Dir.Examples().FullHD)
	h.waitIdle()
	r := h.m.current
	path := filepath.Join(dir, r.SuggestedFileName())

	test.Tap(h.m.tools.save)
	h.tapDialogButton("Save")
	h.waitIdle()
	if got := readFile(t, path); !bytes.Equal(got, r.Bytes) {
		t.Fatalf("saved %d bytes, want the photo's %d", len(got), len(r.Bytes))
	}
	if names := dirNames(t, dir); len(names) != 1 {
		t.Errorf("folder holds %v, want only the photo (no temporary files)", names)
	}

	old := []byte("an older photo")
	if err := os.WriteFile(path, old, 0o600); err != nil {
		t.Fatal(err)
	}
	test.Tap(h.m.tools.save)
	h.tapDialogButton("Save")
	h.tapDialogButton("No") // "Replace?"
	h.waitIdle()
	if got := readFile(t, path); !bytes.Equal(got, old) {
		t.Fatal("the file changed although overwriting was declined")
	}
	test.Tap(h.m.tools.save)
	h.tapDialogButton("Save")
	h.tapDialogButton("Yes")
	h.waitIdle()
	if got := readFile(t, path); !bytes.Equal(got, r.Bytes) {
		t.Fatal("the file was not replaced after Yes")
	}
	if got := h.a.Preferences().String(app.PrefLastSaveDir); got != dir {
		t.Errorf("remembered folder = %q, want %q", got, dir)
	}
}

func TestCopyBase64AndJSON(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().PNG)
	h.waitIdle()
	r := h.m.current

	h.m.onCopyBase64()
	got, err := base64.StdEncoding.DecodeString(h.a.Clipboard().Content())
	if err != nil || !bytes.Equal(got, r.Bytes) {
		t.Fatalf("clipboard is not the photo in base64 (err %v)", err)
	}

	h.m.onCopyMailJSON()
	var att map[string]string
	if err := json.Unmarshal([]byte(h.a.Clipboard().Content()), &att); err != nil {
		t.Fatalf("mail JSON: %v", err)
	}
	if att["@odata.type"] != "#microsoft.graph.fileAttachment" || att["contentBytes"] != r.Base64() {
		t.Errorf("mail attachment JSON = %v", att)
	}

	h.waitFor("the size list", func() bool { return h.m.viewer.sizes.available != nil })
	h.m.onCopyMetadataJSON()
	var meta struct {
		AvailableSizes []string `json:"availableSizes"`
	}
	if err := json.Unmarshal([]byte(h.a.Clipboard().Content()), &meta); err != nil {
		t.Errorf("metadata JSON is not JSON: %q", h.a.Clipboard().Content())
	}
	if len(meta.AvailableSizes) != len(h.m.viewer.sizes.available) || len(meta.AvailableSizes) == 0 {
		t.Errorf("metadata JSON sizes %v, Photo details show %v", meta.AvailableSizes, h.m.viewer.sizes.available)
	}

	test.Tap(h.m.meta.copies[fieldRequestID])
	if got := h.a.Clipboard().Content(); got != r.RequestID || got == "" {
		t.Errorf("copied request id %q, want %q", got, r.RequestID)
	}
	if got := h.m.status.activity.Text; got != "Copied the request id" {
		t.Errorf("status %q, want it in a sentence's words", got)
	}
}

func TestCopyImagePutsPNGOnTheClipboard(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().FullHD)
	h.waitIdle()
	test.Tap(h.m.tools.copyImage)
	h.waitIdle()
	if len(h.clip.pngs) != 1 {
		t.Fatalf("%d images on the clipboard, want 1", len(h.clip.pngs))
	}
	img, err := png.Decode(bytes.NewReader(h.clip.pngs[0]))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != h.m.current.Width || b.Dy() != h.m.current.Height {
		t.Errorf("clipboard image is %v, want %dx%d", b, h.m.current.Width, h.m.current.Height)
	}
}

func TestCopyImageWithoutClipboardExplains(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().FullHD)
	h.waitIdle()
	h.clip.err = errNoImageClipboard
	h.m.onCopyImage()
	h.tapDialogButton("OK")
}

// Someone without a photo is the usual ticket, and their "no photo"
// answer's details — the request URL and request-id of the 404 — are what
// support asks for: Copy as > Metadata JSON (toolbar, right-click, Edit
// menu) copies them, while the copies of the photo itself stay off.
// They used to be greyed out with Save for want of a photo.
func TestNoPhotoDetailsCanBeCopied(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().NoPhoto)
	h.waitIdle()
	r := h.m.current
	if r == nil || !r.NoPhoto || r.RequestID == "" {
		t.Fatalf("shown: %+v, want a no-photo answer with its request-id", r)
	}
	if h.m.tools.copyAs.Disabled() || !h.m.tools.save.Disabled() || !h.m.tools.copyImage.Disabled() {
		t.Errorf("toolbar: Copy as disabled %v, Save disabled %v, Copy image disabled %v; want only Copy as on",
			h.m.tools.copyAs.Disabled(), h.m.tools.save.Disabled(), h.m.tools.copyImage.Disabled())
	}
	wantOn := map[string]bool{ // the photo's copies and saves are off, its details on
		"Save…": false, "Save all sizes…": false, "Copy image": false, "Copy file": false, "File": false,
		"Copy as base64": false, "Base64": false, "Copy as mail attachment JSON": false, "Mail attachment JSON": false,
		"Copy metadata JSON": true, "Metadata JSON": true,
	}
	seen := 0
	for _, menu := range []*fyne.Menu{h.m.copyMenu(), h.m.contextMenu()} {
		for _, it := range menu.Items {
			if on, ok := wantOn[it.Label]; ok {
				seen++
				if it.Disabled == on {
					t.Errorf("menu %q > %s: disabled %v", menu.Label, it.Label, it.Disabled)
				}
			}
		}
	}
	if seen != len(wantOn) {
		t.Errorf("found %d of the %d menu items", seen, len(wantOn))
	}
	h.a.Clipboard().SetContent("")
	h.m.onCopyMetadataJSON()
	var meta struct {
		NoPhoto   bool   `json:"noPhoto"`
		RequestID string `json:"requestId"`
		URL       string `json:"url"`
	}
	if err := json.Unmarshal([]byte(h.a.Clipboard().Content()), &meta); err != nil {
		t.Fatalf("clipboard %q: %v", h.a.Clipboard().Content(), err)
	}
	if !meta.NoPhoto || meta.RequestID != r.RequestID || meta.URL != r.URL {
		t.Errorf("copied %+v, want noPhoto with request-id %q and URL %q", meta, r.RequestID, r.URL)
	}
	copied := h.a.Clipboard().Content()
	h.m.onCopyBase64()
	h.m.onCopyMailJSON()
	if got := h.a.Clipboard().Content(); got != copied {
		t.Errorf("Copy as base64 or mail attachment JSON with no photo copied %q", got)
	}
}
