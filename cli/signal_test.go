package cli

import (
	"net/http"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/internal/testkit"
)

// The first Ctrl+C stops cleanly: an import waits for the upload on its
// way, here held by the sandbox for as long as the test runs. It says a
// second Ctrl+C quits at once, and one does; before, every Ctrl+C after
// the first was swallowed and only a kill ended the wait. One that comes
// within sameSignalWindow of the first is taken for its echo
// (TestSignalTwiceAtOnceIsOneStop), so the test presses Ctrl+C again until
// the import ends.
func TestSecondCtrlCQuitsAtOnce(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Ctrl+C is sent as SIGINT")
	}
	p, _ := importWithHeldUpload(t)
	p.interrupt()
	waitLine(t, p.stderr, "photodesk: stopping (Ctrl+C again quits at once)", 30*time.Second)
	select {
	case <-p.done:
		t.Fatalf("the first Ctrl+C did not wait for the upload on its way: %s", p.stderr.String())
	default:
	}
	deadline := time.After(60 * time.Second) // the upload is held for good: only a second Ctrl+C ends it
	for {
		p.interrupt()
		select {
		case <-p.done:
			return
		case <-time.After(sameSignalWindow / 2):
		case <-deadline:
			t.Fatal("a second Ctrl+C did not end the import")
		}
	}
}

// TestSignalTwiceAtOnceIsOneStop: timeout -s INT (coreutils, without
// --foreground) sends SIGINT to the command and then to its process group,
// microseconds apart. The second was taken for a second Ctrl+C and ended
// the import at once, the upload on its way cut off and no report
// written; it is now the same signal, and the import stops in order once
// the upload is answered.
func TestSignalTwiceAtOnceIsOneStop(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Ctrl+C is sent as SIGINT")
	}
	p, release := importWithHeldUpload(t)
	sent := time.Now()
	p.interrupt()
	// Once the first is taken, so that the second is not merely dropped
	// as a signal still pending.
	waitLine(t, p.stderr, "photodesk: stopping (Ctrl+C again quits at once)", 30*time.Second)
	p.interrupt()
	if time.Since(sent) > sameSignalWindow/2 {
		t.Skipf("the first signal took %s to be said: too slow to send its echo within %s", time.Since(sent), sameSignalWindow)
	}
	release()
	code := p.wait(t)
	if code != ExitOK && code != ExitFailure || !strings.Contains(p.stderr.String(), "photodesk import: report: ") {
		t.Errorf("exit %d, stderr:\n%s\nwant the import to stop in order, its report written", code, p.stderr.String())
	}
}

// importWithHeldUpload starts an import of one photo whose upload the
// sandbox holds, and returns once the upload is on its way; release lets
// it be answered (the test's end does too).
func importWithHeldUpload(t *testing.T) (p *proc, release func()) {
	t.Helper()
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	dir := testkit.PhotoFolder(t, tn.Dir.Examples().NoPhoto.UserPrincipalName+".jpg")
	uploading, release := holdReleasable(t, tn, func(s sandbox.Seen) bool {
		return s.Method == http.MethodPut || s.Method == http.MethodPatch
	})
	p = start(t, cmdOpts{env: env}, "import", "--folder", dir, "--report", filepath.Join(t.TempDir(), "r.csv"), "--backup", t.TempDir())
	waitHeld(t, p, uploading, "upload")
	return p, release
}
