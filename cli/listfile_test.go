package cli

import (
	"os"
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

// A list file holding an access token — sandbox.env given as
// --users-file by mistake — is refused before any request, and the
// token is printed and written nowhere. It was looked up as a user id
// (the token in the request's URL) and written to the report's id
// column, which only the error column's redaction did not reach.
func TestListFileHoldingATokenIsRefused(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20})
	dir := t.TempDir()
	envFile := filepath.Join(dir, "sandbox.env")
	body := "export " + EnvGraphURL + "=" + tn.env[EnvGraphURL] + "\nexport " + EnvAccessToken + "=" + tn.Token + "\n"
	if err := os.WriteFile(envFile, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	before := requestsSeen(tn)
	code, stdout, stderr := photodesk(t, cmdOpts{env: tn.env, dir: dir}, "export", "--users-file", envFile, "--size", "none", "--report", "-")
	if code != ExitFailure || !strings.Contains(stderr, "access token") {
		t.Errorf("exit %d, stderr %q; want 1 saying the file holds an access token", code, stderr)
	}
	if strings.Contains(stdout+stderr, tn.Token[:40]) {
		t.Errorf("the token was printed:\n%s\n%s", stdout, stderr)
	}
	if n := requestsSeen(tn) - before; n != 0 {
		t.Errorf("%d requests", n)
	}
}
