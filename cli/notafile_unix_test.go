//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/internal/testkit"
)

// -o or --report naming a device, a named pipe or a socket (or a link to
// one, or into /proc as /dev/stdout is) is refused before anything is
// sent, --force or not, and it stays what it was. The save moved a new
// file into its place: as root, `get -o /dev/null --force` replaced
// /dev/null with the photo, and an import's dry run or `export --report
// /dev/null --force` with the report; without --force export called it
// "the report of an earlier export". A pipe stands in for the device
// here, and a link into /proc for /dev/stdout.
func TestOutputThatIsNotAFileIsRefused(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	ex := tn.Dir.Examples()
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	link := filepath.Join(dir, "stdout")
	if err := os.Symlink(pipe, link); err != nil {
		t.Fatal(err)
	}
	stdout := filepath.Join(dir, "stdout-of-proc")
	if err := os.Symlink("/proc/self/fd/1", stdout); err != nil {
		t.Fatal(err)
	}
	photos := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg")
	cases := [][]string{
		{"get", "--user", ex.FullHD.UserPrincipalName, "-o", pipe},
		{"get", "--user", ex.FullHD.UserPrincipalName, "-o", pipe, "--force"},
		{"get", "--user", ex.FullHD.UserPrincipalName, "-o", link, "--force"},
		{"get", "--user", ex.FullHD.UserPrincipalName, "-o", stdout, "--force"},
		{"export", "--all-users", "--size", "none", "--out", t.TempDir(), "--report", pipe},
		{"export", "--all-users", "--size", "none", "--out", t.TempDir(), "--report", link, "--force"},
		{"import", "--folder", photos, "--dry-run", "--report", pipe},
	}
	for _, args := range cases {
		before := requestsSeen(tn)
		code, _, stderr := photodesk(t, cmdOpts{env: tn.env, dir: t.TempDir()}, args...)
		if code == ExitOK || !strings.Contains(stderr, "not a file") {
			t.Errorf("%s: exit %d, stderr %q; want a refusal saying it is not a file", strings.Join(args, " "), code, stderr)
		}
		if n := requestsSeen(tn) - before; n != 0 {
			t.Errorf("%s: %d requests before the refusal", strings.Join(args, " "), n)
		}
		if fi, err := os.Lstat(pipe); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
			t.Fatalf("%s: the pipe is no longer a pipe (%v, %v)", strings.Join(args, " "), fi.Mode(), err)
		}
		for _, l := range []string{link, stdout} {
			if fi, err := os.Lstat(l); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Fatalf("%s: %s is no longer a link (%v, %v)", strings.Join(args, " "), l, fi.Mode(), err)
			}
		}
	}
}
