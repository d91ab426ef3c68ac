//go:build unix

package app

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A saved photo gets the permissions of any new file (0666 less the
// umask), not the 0600 of a private temporary file: exported photos are
// meant to be shared, and a umask of 077 still keeps them private.
func TestSaveAtomicHonoursUmask(t *testing.T) {
	for _, umask := range []int{0o022, 0o077} {
		old := syscall.Umask(umask)
		dir := t.TempDir()
		for _, overwrite := range []bool{false, true} {
			path := filepath.Join(dir, "ann_48x48.jpg")
			if err := SaveAtomic(path, []byte("photo"), overwrite); err != nil {
				syscall.Umask(old)
				t.Fatal(err)
			}
			fi, err := os.Stat(path)
			if err != nil {
				syscall.Umask(old)
				t.Fatal(err)
			}
			if got, want := fi.Mode().Perm(), os.FileMode(0o666&^umask); got != want {
				t.Errorf("umask %03o, overwrite=%v: file mode %v, want %v", umask, overwrite, got, want)
			}
		}
		syscall.Umask(old)
	}
}

// SaveAtomicMode's permissions are the ones asked for, new file or
// replaced: a backup's 0600 is not widened to 0666 less the umask.
func TestSaveAtomicModeKeepsThePermissionsAskedFor(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "backup.jpg")
	for _, overwrite := range []bool{false, true} {
		if err := SaveAtomicMode(path, []byte("photo"), overwrite, 0o600); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != 0o600 {
			t.Errorf("overwrite=%v: file mode %v, want -rw-------", overwrite, got)
		}
	}
}
