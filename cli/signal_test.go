package cli

import (
	"net/http"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/internal/testkit"
)

// The first Ctrl+C stops cleanly: an import waits for the upload on its
// way, here held by the sandbox for as long as the test runs. It says a
// second Ctrl+C quits at once, and one does; before, every Ctrl+C after
// the first was swallowed and only a kill ended the wait.
func TestSecondCtrlCQuitsAtOnce(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Ctrl+C is sent as SIGINT")
	}
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	ex := tn.Dir.Examples()
	dir := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg")
	uploading := holdRequests(t, tn, func(s sandbox.Seen) bool {
		return s.Method == http.MethodPut || s.Method == http.MethodPatch
	})

	p := start(t, cmdOpts{env: env}, "import", "--folder", dir, "--report", filepath.Join(t.TempDir(), "r.csv"), "--backup", t.TempDir())
	waitHeld(t, p, uploading, "upload")
	p.interrupt()
	waitLine(t, p.stderr, "photodesk: stopping (Ctrl+C again quits at once)", 30*time.Second)
	select {
	case <-p.done:
		t.Fatalf("the first Ctrl+C did not wait for the upload on its way: %s", p.stderr.String())
	default:
	}
	p.interrupt()
	select {
	case <-p.done:
	case <-time.After(60 * time.Second): // the upload is held for good: only the second Ctrl+C ends it
		t.Fatal("a second Ctrl+C did not end the import")
	}
}
