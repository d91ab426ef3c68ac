package app

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
)

func TestCopyHelpers(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	f.set("/users/guest", hdPhoto(t, 648, "G1"))
	p := userPerson("guest")
	p.UPN = "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com"
	r, err := e.Photo(t.Context(), p, "120x120")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.SuggestedFileName(); got != "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com_120x120.jpg" {
		t.Errorf("SuggestedFileName = %q", got)
	}
	raw, err := base64.StdEncoding.DecodeString(r.Base64())
	if err != nil || !bytes.Equal(raw, r.Bytes) {
		t.Errorf("Base64 does not round-trip: %v", err)
	}

	js, err := r.MailAttachmentJSON()
	if err != nil {
		t.Fatal(err)
	}
	var att map[string]string
	if err := json.Unmarshal(js, &att); err != nil {
		t.Fatal(err)
	}
	if att["@odata.type"] != "#microsoft.graph.fileAttachment" || att["name"] != r.SuggestedFileName() ||
		att["contentType"] != "image/jpeg" || att["contentBytes"] != r.Base64() {
		t.Errorf("attachment %v", att)
	}

	js, err = r.MetadataJSON()
	if err != nil {
		t.Fatal(err)
	}
	var meta map[string]any
	if err := json.Unmarshal(js, &meta); err != nil {
		t.Fatal(err)
	}
	if meta["id"] != "120X120" || meta["width"] != 120.0 || meta["format"] != "jpeg" || meta["requestedSize"] != "120x120" ||
		meta["servedSize"] != "120x120" || meta["bytes"] != float64(len(r.Bytes)) || meta["userPrincipalName"] != p.UPN {
		t.Errorf("metadata %v", meta)
	}

	pngBytes, err := r.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(pngBytes))
	if err != nil || img.Bounds() != r.Image.Bounds() {
		t.Fatalf("PNG: %v", err)
	}
	// Issue 18: a JPEG went onto the clipboard as a 16-bit PNG, ten times
	// the photo's size. IHDR's bit depth is byte 24 of the file.
	if len(pngBytes) < 25 || pngBytes[24] != 8 {
		t.Errorf("clipboard PNG has bit depth %d, want 8", pngBytes[24])
	}
	if len(pngBytes) > 4*len(r.Bytes)+4096 {
		t.Errorf("clipboard PNG is %d bytes for a %d-byte JPEG", len(pngBytes), len(r.Bytes))
	}
}

func TestCopyHelpersWithoutPhoto(t *testing.T) {
	r := &PhotoResult{Person: userPerson("x"), NoPhoto: true}
	if _, err := r.PNG(); !errors.Is(err, ErrNoPhoto) {
		t.Errorf("PNG: %v", err)
	}
	if _, err := r.MailAttachmentJSON(); !errors.Is(err, ErrNoPhoto) {
		t.Errorf("MailAttachmentJSON: %v", err)
	}
	js, err := r.MetadataJSON()
	if err != nil || !bytes.Contains(js, []byte(`"noPhoto": true`)) {
		t.Errorf("MetadataJSON: %s %v", js, err)
	}
}

func TestSaveAllSizes(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	f.set("/users/megan", hdPhoto(t, 240, "M"))
	p := userPerson("megan")
	dir := t.TempDir()
	paths, err := e.SaveAllSizes(t.Context(), p, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, s := range graphapi.HDSizes[:5] {
		want = append(want, filepath.Join(dir, "megan@contoso.com_"+string(s)+".jpg"))
	}
	if !slices.Equal(paths, want) {
		t.Fatalf("paths %v\nwant %v", paths, want)
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := DecodeImage(data, 0); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	if f.count("GET /users/megan/photos/48x48") != 0 {
		t.Error("SaveAllSizes fetched metadata it does not need")
	}
	// Again without overwrite: nothing is written, the error says why.
	if err := os.WriteFile(paths[0], []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := e.SaveAllSizes(t.Context(), p, dir, false); !errors.Is(err, ErrExists) {
		t.Fatalf("second save: %v", err)
	}
	if got, _ := os.ReadFile(paths[0]); string(got) != "mine" {
		t.Error("an existing file was replaced without overwrite")
	}
	if _, err := e.SaveAllSizes(t.Context(), p, dir, true); err != nil {
		t.Fatalf("overwrite: %v", err)
	}
	if got, _ := os.ReadFile(paths[0]); string(got) == "mine" {
		t.Error("overwrite did not replace the file")
	}

	// No photo: ErrNoPhoto and no file.
	f.set("/users/none", nil)
	empty := t.TempDir()
	if _, err := e.SaveAllSizes(t.Context(), userPerson("none"), empty, false); !errors.Is(err, ErrNoPhoto) {
		t.Fatalf("no photo: %v", err)
	}
	if names := dirNames(t, empty); len(names) != 0 {
		t.Errorf("files written for no photo: %v", names)
	}

	// Entra only: one file at its real dimensions.
	f.set("/users/lynne", &fakePhoto{def: encodeJPEG(t, 400, 300), defID: "default", defW: 400, defH: 300, etag: "L"})
	paths, err = e.SaveAllSizes(t.Context(), userPerson("lynne"), t.TempDir(), false)
	if err != nil || len(paths) != 1 || filepath.Base(paths[0]) != "lynne@contoso.com_400x300.jpg" {
		t.Fatalf("entra only: %v %v", paths, err)
	}
}

func TestServedSizeName(t *testing.T) {
	for _, c := range []struct {
		name string
		r    PhotoResult
		want string
	}{
		{"HD size", PhotoResult{Requested: "648x648", Served: "240x240", Width: 240, Height: 240}, "240x240"},
		{"largest, decoded", PhotoResult{Served: graphapi.SizeLargest, Width: 648, Height: 648}, "648x648"},
		{"default photo, not square", PhotoResult{Requested: "648x648", Served: graphapi.SizeLargest, Width: 400, Height: 300}, "400x300"},
		{"metadata only", PhotoResult{Served: graphapi.SizeLargest, Meta: &graphapi.PhotoMeta{Width: 504, Height: 504}}, "504x504"},
		{"nothing known", PhotoResult{Served: graphapi.SizeLargest}, "largest"},
		{"no photo", PhotoResult{Requested: "96x96", Served: "96x96", NoPhoto: true}, "96x96"},
	} {
		if got := c.r.ServedSizeName(); got != c.want {
			t.Errorf("%s: ServedSizeName() = %q, want %q", c.name, got, c.want)
		}
	}
}
