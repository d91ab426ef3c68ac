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

// A --report naming a file that is no export's report is kept, and said
// to be what it is: "small.png is the report of an earlier export …
// --resume continues that export" sent people to a --resume that cannot
// read it.
func TestExportReportOverAFileThatIsNoReport(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	dir := t.TempDir()
	file := filepath.Join(dir, "small.png")
	if err := os.WriteFile(file, []byte("\x89PNG not a report"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--all-users", "--out", filepath.Join(dir, "out"), "--report", file)
	if code != ExitUsage || !strings.Contains(stderr, "is a file, not an export's report") || strings.Contains(stderr, "--resume") {
		t.Errorf("exit %d, stderr %q; want 2 saying it is no report", code, stderr)
	}
	if data, _ := os.ReadFile(file); string(data) != "\x89PNG not a report" {
		t.Errorf("%s changed", file)
	}
}
