package views

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"testing"

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
