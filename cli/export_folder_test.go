package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// An --out under a file names the file, as the window's forms do; it
// read "cannot use the export folder: stat …/a48.jpg/sub: not a
// directory", as if the folder were the trouble.
func TestExportOutUnderAFileNamesTheFile(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20})
	file := filepath.Join(t.TempDir(), "a48.jpg")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--all-users", "--out", filepath.Join(file, "sub"))
	if code == ExitOK || !strings.Contains(stderr, file+" is a file, not a folder") || strings.Contains(stderr, "not a directory") {
		t.Errorf("exit %d: %s; want a failure naming %s as a file", code, stderr, file)
	}
	if data, _ := os.ReadFile(file); string(data) != "x" {
		t.Errorf("%s changed: %q", file, data)
	}
}
