package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// A message about a file names it as typed. A relative name of letters
// only ("photo", "afile": -o takes names without an extension) came first
// in the message and was capitalised with it — "Photo exists; pass
// --force", "Afile is a file, not a folder" — naming another file on a
// case-sensitive file system.
func TestMessagesNameFilesAsTyped(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	dir := t.TempDir()
	for _, name := range []string{"photo", "afile"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("keep"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"get", "--user", ex.FullHD.UserPrincipalName, "-o", "photo"}, " photo exists; pass --force"},
		{[]string{"export", "--all-users", "--out", filepath.Join("afile", "sub")}, " afile is a file, not a folder"},
	}
	for _, c := range cases {
		code, _, stderr := photodesk(t, cmdOpts{env: tn.env, dir: dir}, c.args...)
		if code == ExitOK || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want a failure with %q", strings.Join(c.args, " "), code, stderr, c.want)
		}
	}
	for _, name := range []string{"photo", "afile"} {
		if data, _ := os.ReadFile(filepath.Join(dir, name)); string(data) != "keep" {
			t.Errorf("%s changed: %q", name, data)
		}
	}
}

// -o under a file names the file, as export's --out does; it said the
// folder "does not exist" while the person could see it there.
func TestGetOutUnderAFileNamesTheFile(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a48.jpg"), []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"a48.jpg/x.jpg", "a48.jpg/sub/x.jpg", "a48.jpg/"} {
		code, _, stderr := photodesk(t, cmdOpts{env: tn.env, dir: dir}, "get", "--user", ex.FullHD.UserPrincipalName, "-o", out)
		if code != ExitFailure || !strings.Contains(stderr, "a48.jpg is a file, not a folder") || strings.Contains(stderr, "does not exist") {
			t.Errorf("-o %s: exit %d, stderr %q; want 1 naming a48.jpg as a file", out, code, stderr)
		}
	}
}
