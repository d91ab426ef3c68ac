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
	uploading, release := make(chan struct{}, 1), make(chan struct{})
	tn.Handler().Observe(func(s sandbox.Seen) {
		if s.Method == http.MethodPut || s.Method == http.MethodPatch {
			select {
			case uploading <- struct{}{}:
			default:
			}
			<-release // the answer is held: the upload stays on its way
		}
	})
	t.Cleanup(func() { close(release); tn.Handler().Observe(nil) })

	p := start(t, cmdOpts{env: env}, "import", "--folder", dir, "--report", filepath.Join(t.TempDir(), "r.csv"), "--backup", t.TempDir())
	select {
	case <-uploading:
	case <-p.done:
		t.Fatalf("import ended before its upload: %s", p.stderr.String())
	case <-time.After(60 * time.Second): // a guard against hanging, not a timing
		t.Fatal("no upload after 60 s")
	}
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
