package photoedit

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// ReadFile refuses a device, a folder and a file over the limit without
// reading them (a sparse file of 1 GB costs no disk), and reads a picture.
func TestReadFileRefusesWhatIsNoPictureFile(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.jpg")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := ReadFile(big); !errors.Is(err, ErrFileTooLarge) {
		t.Errorf("1 GB file: %v, want ErrFileTooLarge", err)
	}
	for _, p := range []string{dir, os.DevNull} {
		if _, err := ReadFile(p); !errors.Is(err, ErrNotAFile) {
			t.Errorf("%s: %v, want ErrNotAFile", p, err)
		}
	}
	small := filepath.Join(dir, "small.jpg")
	if err := os.WriteFile(small, []byte("jpeg bytes"), 0o600); err != nil {
		t.Fatal(err)
	}
	if data, err := ReadFile(small); err != nil || string(data) != "jpeg bytes" {
		t.Errorf("small file: %q, %v", data, err)
	}
}
