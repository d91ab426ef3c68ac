package cli

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// Each --sandbox command runs a fresh sandbox tenant, started from its
// seed. remove --sandbox kept its backup and log line in one folder shared
// by every --sandbox command, so a later undo --sandbox met a tenant that
// never had the change and "undid" it there. Now a --sandbox change is
// kept in a folder of its own run, under the data directory's
// backups/sandbox as the window's sandbox runs are, never in the backups
// folder itself; and undo --sandbox says there is nothing of an earlier
// command to undo, sending nothing.
func TestSandboxChangesKeepToTheirOwnRun(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the data directory is XDG_DATA_HOME on Linux and BSD only")
	}
	data := t.TempDir()
	env := map[string]string{"XDG_DATA_HOME": data}
	backups := filepath.Join(data, "photodesk", "backups")
	upn := sandbox.NewDirectory(1, 0).Examples().FullHD.UserPrincipalName // what --sandbox will generate

	code, _, stderr := photodesk(t, cmdOpts{env: env}, "remove", "--sandbox", "--user", upn, "--yes")
	if code != ExitOK {
		t.Fatalf("remove --sandbox: exit %d, stderr %q", code, stderr)
	}
	logs, _ := filepath.Glob(filepath.Join(backups, "sandbox", "*", change.LogName))
	if len(logs) != 1 || !strings.Contains(stderr, "backup: "+filepath.Dir(logs[0])+string(filepath.Separator)) {
		t.Errorf("change logs %q, stderr %q; want one, in a run's own folder under %s, beside the backup", logs, stderr, filepath.Join(backups, "sandbox"))
	}
	for _, shared := range []string{filepath.Join(backups, change.LogName), filepath.Join(backups, "sandbox", change.LogName)} {
		if _, err := os.Stat(shared); err == nil {
			t.Errorf("%s written by a --sandbox command", shared)
		}
	}
	if strings.Contains(stderr, "photodesk undo puts it back") {
		t.Errorf("remove --sandbox offers an undo that cannot be: %q", stderr)
	}

	code, _, stderr = photodesk(t, cmdOpts{env: env}, "undo", "--sandbox")
	if code != ExitFailure || !strings.Contains(stderr, "photodesk undo: nothing to undo: each --sandbox command runs a fresh sandbox tenant of its own") ||
		strings.Contains(stderr, "undid") {
		t.Errorf("undo --sandbox: exit %d, stderr %q; want 1 saying each --sandbox command has a fresh tenant", code, stderr)
	}
	code, _, stderr = photodesk(t, cmdOpts{env: env}, "import", "--sandbox", "--undo", filepath.Join(t.TempDir(), "import.csv"))
	if code != ExitFailure || !strings.Contains(stderr, "photodesk import: nothing to undo: each --sandbox command runs a fresh sandbox tenant of its own") {
		t.Errorf("import --sandbox --undo: exit %d, stderr %q; want 1 saying each --sandbox command has a fresh tenant", code, stderr)
	}
	if after, _ := filepath.Glob(filepath.Join(backups, "sandbox", "*", change.LogName)); len(after) != len(logs) {
		t.Errorf("undo --sandbox wrote change logs: %q", after)
	}
}
