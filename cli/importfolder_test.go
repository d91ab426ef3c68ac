package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A --folder that is not there was called "not a folder", as if it were a
// file: a mistyped path read like the wrong kind of thing. Each case now
// says what it is, before any request.
func TestImportFolderThatIsNoFolderSaysWhy(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "wide.jpg")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		folder, want string
	}{
		{filepath.Join(dir, "Portraits"), "--folder " + filepath.Join(dir, "Portraits") + ": no such folder"},
		{file, "--folder " + file + " is a file, not a folder"},
	} {
		code, _, stderr := photodesk(t, cmdOpts{}, "import", "--sandbox", "--folder", tt.folder, "--dry-run")
		if code != ExitFailure || !strings.Contains(stderr, tt.want) {
			t.Errorf("--folder %s: exit %d, stderr %q; want %d and %q", tt.folder, code, stderr, ExitFailure, tt.want)
		}
	}
}
