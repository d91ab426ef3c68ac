package testkit

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
)

// PhotoFolder writes a 120x120 JPEG for each name into a new folder, the
// kind of folder an import is pointed at, and returns the folder.
func PhotoFolder(t testing.TB, names ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "photos")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewRGBA(image.Rect(0, 0, 120, 120)), nil); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
