//go:build unix

package photoedit

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
)

// A named pipe is refused at once: opening one waits for a writer.
func TestReadFileRefusesAPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "photo.jpg")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	if _, err := ReadFile(fifo); !errors.Is(err, ErrNotAFile) {
		t.Errorf("named pipe: %v, want ErrNotAFile", err)
	}
}
