package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// A list file that is not there, or is a folder, is named with the reason
// in words. It read "Read people list: open nosuch.txt: no such file or
// directory" and "Read people list /tmp: read /tmp: is a directory".
func TestListFileThatCannotBeReadIsSaidInWords(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20})
	dir := t.TempDir()
	for _, c := range []struct{ flag, path, want string }{
		{"--users-file", "nosuch.txt", "cannot read the people list nosuch.txt: no such file or directory"},
		{"--users-file", dir, "cannot read the people list " + dir + ": it is a folder, not a file"},
		{"--groups-file", "nosuch.txt", "cannot read the groups list nosuch.txt: no such file or directory"},
	} {
		tail := c.want[1:] // its first letter is capitalised at the edge
		code, _, stderr := photodesk(t, cmdOpts{env: tn.env, dir: dir}, "export", c.flag, c.path, "--out", filepath.Join(dir, "out"))
		if code != ExitFailure || !strings.Contains(stderr, tail) || strings.Contains(stderr, "open ") {
			t.Errorf("%s %s: exit %d, stderr %q; want 1 and %q", c.flag, c.path, code, stderr, c.want)
		}
	}
}
