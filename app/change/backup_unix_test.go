//go:build unix

package change

import (
	"context"
	"os"
	"syscall"
	"testing"
)

// A backup — the person's photo and its metadata — is its owner's only,
// as the change log beside it is, whatever the umask: a backups folder
// the user chose (--backup DIR) may already be readable by others. Both
// were 0644 under the usual umask of 022.
func TestBackupIsReadableByItsOwnerOnly(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	c, g := newTestChanger(t)
	if err := os.MkdirAll(c.Dir, 0o755); err != nil { // a folder others can read
		t.Fatal(err)
	}
	g.photos[ann.Subject] = []byte("old photo")
	e, err := c.Set(context.Background(), ann, []byte("new photo"), "image/jpeg")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{e.Backup, e.Backup + ".json"} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != 0o600 {
			t.Errorf("%s: mode %v, want -rw-------", path, got)
		}
	}
}
