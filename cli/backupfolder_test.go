package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// A --backup folder that cannot be made is named as the backups folder
// with the reason, not in Go's words: set said "the current photo could
// not be backed up first (mkdir /proc/bk: no such file or directory)".
// Nothing is sent. /proc takes no new folder, even for root.
func TestBackupFolderThatCannotBeMadeIsSaidInWords(t *testing.T) {
	if _, err := os.Stat("/proc/self"); err != nil {
		t.Skip("no /proc here")
	}
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	ex := tn.Dir.Examples()
	code, _, stderr := photodesk(t, cmdOpts{env: env, dir: t.TempDir()},
		"set", "--user", ex.FullHD.UserPrincipalName, "--file", picture(t, 300, 300), "--backup", "/proc/bk")
	if code != ExitFailure || !strings.Contains(stderr, "cannot create the backups folder /proc/bk: ") || strings.Contains(stderr, "mkdir") {
		t.Errorf("exit %d, stderr %q; want 1 naming the backups folder, without Go's mkdir", code, stderr)
	}
	if n := tn.Stats().Requests[sandbox.KindPhotoWrite]; n != 0 {
		t.Errorf("%d uploads", n)
	}
}

// undo --backup naming a file says so, not Go's "Change log: open
// …/bk/changes.jsonl: not a directory".
func TestUndoBackupThatIsAFile(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bk"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := photodesk(t, cmdOpts{env: env, dir: dir}, "undo", "--backup", "bk")
	if code != ExitFailure || !strings.Contains(stderr, "/bk is a file, not a folder") || strings.Contains(stderr, "open ") {
		t.Errorf("exit %d, stderr %q; want 1 saying bk is a file", code, stderr)
	}
}

// A change log of which no line can be read is called damaged, as an
// import's journal is, rather than "There is no change to undo": the
// changes it held may well be there to undo, and nothing says where to
// look. One damaged line among readable ones is still skipped.
func TestUndoOfADamagedChangeLog(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "changes.jsonl"), []byte("\x00\x00garbage{\"id\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := photodesk(t, cmdOpts{env: env, dir: t.TempDir()}, "undo", "--backup", dir)
	if code != ExitFailure || !strings.Contains(stderr, "damaged") || strings.Contains(stderr, "no change to undo") {
		t.Errorf("exit %d, stderr %q; want 1 saying the log is damaged", code, stderr)
	}
}
