package cli

import (
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// stoppedCtrlC is what a command stopped by Ctrl+C says.
const stoppedCtrlC = "stopped (Ctrl+C)"

// A Ctrl+C while a request is on its way is said in words: "stopped
// (Ctrl+C)", and the support line under it names what was stopped
// without Go's "context canceled", which every such line used to end in
// (get's photo request, set's upload). get leaves no file, whole or
// half-written. A SIGTERM (a service manager's, timeout's) is named as
// such, not as a Ctrl+C.
func TestCtrlCMidRequestIsSaidWithoutGoWords(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Ctrl+C is sent as SIGINT")
	}
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	ex := tn.Dir.Examples()
	pic := picture(t, 300, 300)
	cases := []struct {
		name, method string
		args         []string
		sig          os.Signal
		said         string
	}{
		{"get", http.MethodGet, []string{"get", "--user", ex.FullHD.UserPrincipalName, "-o", "photo.jpg"}, os.Interrupt, stoppedCtrlC},
		{"set", http.MethodPut, []string{"set", "--user", ex.NoPhoto.UserPrincipalName, "--file", pic, "--backup", t.TempDir()}, os.Interrupt, stoppedCtrlC},
		{"get, SIGTERM", http.MethodGet, []string{"get", "--user", ex.FullHD.UserPrincipalName, "-o", "photo.jpg"}, syscall.SIGTERM, "stopped (SIGTERM)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sent := holdRequests(t, tn, func(s sandbox.Seen) bool {
				return s.Method == c.method && strings.HasSuffix(s.Path, "/$value")
			})
			dir := t.TempDir()
			p := start(t, cmdOpts{env: env, dir: dir}, c.args...)
			waitHeld(t, p, sent, "request")
			p.signal(c.sig)
			code := p.wait(t)
			stderr := p.stderr.String()
			if code != ExitFailure || !strings.Contains(stderr, c.said) {
				t.Errorf("exit %d, stderr:\n%s\nwant 1 and %q", code, stderr, c.said)
			}
			if c.sig != os.Interrupt && strings.Contains(stderr, "Ctrl+C") {
				t.Errorf("a %v said as Ctrl+C:\n%s", c.sig, stderr)
			}
			if strings.Contains(stderr, "context canceled") {
				t.Errorf("Go's words reached the person:\n%s", stderr)
			}
			if names, _ := filepath.Glob(filepath.Join(dir, "*")); len(names) > 0 {
				t.Errorf("left behind: %v", names)
			}
			if hidden, _ := filepath.Glob(filepath.Join(dir, ".*")); len(hidden) > 0 {
				t.Errorf("left behind: %v", hidden)
			}
		})
	}
}
