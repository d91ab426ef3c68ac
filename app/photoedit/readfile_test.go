package photoedit

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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

// Item 4 of the tester's report: ReadFile's errors read as words with the
// path as given ("no such file: ./photo.jpg"), not as the system call
// ("stat ./photo.jpg: no such file or directory"), and still wrap the
// system's error.
func TestReadFileErrorsAreWorded(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "photo.jpg")
	_, err := ReadFile(missing)
	if err == nil || err.Error() != "no such file: "+missing || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	// A path through a file cannot be read, whoever runs the test (root
	// reads files without permission).
	plain := filepath.Join(dir, "plain.jpg")
	if err := os.WriteFile(plain, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	through := filepath.Join(plain, "quad.png")
	_, err = ReadFile(through)
	var pe *fs.PathError
	if err == nil || !strings.HasPrefix(err.Error(), "cannot read "+through+": ") || strings.Contains(err.Error(), "stat") || !errors.As(err, &pe) {
		t.Errorf("unreadable path: %v", err)
	}
	_, err = ReadFile(dir)
	if err == nil || !strings.HasPrefix(err.Error(), "not a file") || !strings.HasSuffix(err.Error(), ": "+dir) {
		t.Errorf("folder: %v", err)
	}
}
