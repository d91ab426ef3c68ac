package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
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

// windowSandbox is the window's account on the sandbox, as
// startup.SignedIn gives it when the window is set to the sandbox: a
// sandbox started for the one command, named by its run.
type windowSandbox struct {
	graphapi.TokenSource
	run string
}

func (w windowSandbox) SandboxRun() string { return w.run }

// With the window set to the sandbox, a command without --sandbox or
// --graph-url runs a sandbox of its own too: its changes went into the
// backups folder's own change log, and a later undo acted on a fresh
// sandbox. They keep to the run's folder, and undo says why there is
// nothing to undo, naming the window's setting.
func TestWindowOnTheSandboxKeepsChangesToTheRun(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	tok, err := tn.UserToken(identity.DemoUPN, "User.ReadBasic.All", "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	SignedIn = func(context.Context, string) (graphapi.TokenSource, string, error) {
		return windowSandbox{graphapi.StaticToken(tok), "20260304T040607Z-3fa9c1"}, tn.GraphURL("v1.0"), nil
	}
	t.Cleanup(func() { SignedIn = nil })
	backups := t.TempDir()
	inProcess := func(args ...string) (int, string) {
		var stdout, stderr bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
		return run(t.Context(), args, e), stderr.String()
	}

	code, stderr := inProcess("remove", "--user", tn.Dir.Examples().FullHD.UserPrincipalName, "--yes", "--backup", backups)
	if code != ExitOK {
		t.Fatalf("remove: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(backups, "sandbox", "20260304T040607Z-3fa9c1", change.LogName)); err != nil {
		t.Errorf("no change log in the run's folder: %v; stderr %q", err, stderr)
	}
	if _, err := os.Stat(filepath.Join(backups, change.LogName)); err == nil {
		t.Error("a change on the window's sandbox went into the backups folder's change log")
	}

	code, stderr = inProcess("undo", "--backup", backups)
	if code != ExitFailure || !strings.Contains(stderr, "photodesk undo: nothing to undo: the window is set to the sandbox tenant, and each command on it runs a fresh sandbox tenant of its own") {
		t.Errorf("undo: exit %d, stderr %q; want 1 saying each command has a fresh sandbox", code, stderr)
	}
	if n := tn.Stats().Requests[sandbox.KindPhotoWrite]; n != 0 {
		t.Errorf("%d uploads after undo", n)
	}
}
