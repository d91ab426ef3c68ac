//go:build unix

package importer

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A named pipe and links to a device and to a pipe are rows saying they
// are not files (the tester's folder of three files came out as "1
// files"), found without opening the pipe, which would wait for a
// writer for ever; a link to a folder is still a sub-folder, left out.
func TestScanListsPipesAndDevices(t *testing.T) {
	dir := t.TempDir()
	picture(t, dir, "Ann Lee.jpg", 64, 64)
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.jpg"), 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	elsewhere := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(elsewhere, "p"), 0o600); err != nil {
		t.Fatal(err)
	}
	for link, to := range map[string]string{"null.jpg": os.DevNull, "to pipe.jpg": filepath.Join(elsewhere, "p"), "sub": elsewhere} {
		if err := os.Symlink(to, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	type scanned struct {
		files []File
		err   error
	}
	done := make(chan scanned, 1)
	go func() {
		files, err := Scan(dir)
		done <- scanned{files, err}
	}()
	var got scanned
	select {
	case got = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Scan opened the named pipe and waits for a writer")
	}
	if got.err != nil {
		t.Fatal(got.err)
	}
	want := map[string]string{
		"Ann Lee.jpg": "", "pipe.jpg": "a named pipe, not a file",
		"null.jpg": "a device, not a file", "to pipe.jpg": "a named pipe, not a file",
	}
	if len(got.files) != len(want) {
		t.Errorf("listed %d entries, want %d: %+v", len(got.files), len(want), got.files)
	}
	for _, f := range got.files {
		if w, ok := want[f.Name]; !ok || f.Problem != w {
			t.Errorf("%s: problem %q, want %q", f.Name, f.Problem, w)
		}
	}
}
