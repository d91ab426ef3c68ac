package cli

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app/startup"
)

// TestSandboxCommand runs `photodesk sandbox` as a server, reads its two
// lines, talks to it with plain net/http and with `photodesk get`, then
// stops it like Ctrl+C does.
func TestSandboxCommand(t *testing.T) {
	p := start(t, cmdOpts{}, "sandbox", "--addr", "127.0.0.1:0", "--users", "30", "--latency", "1ms")
	graphURL := exported(t, p, EnvGraphURL, 20*time.Second)
	token := exported(t, p, EnvAccessToken, 5*time.Second)
	if !strings.HasPrefix(graphURL, "http://127.0.0.1:") || !strings.HasSuffix(graphURL, "/v1.0") || strings.Count(token, ".") != 2 {
		t.Fatalf("printed %q and %q", graphURL, token)
	}

	req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, graphURL+"/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "helpdesk@contoso.onmicrosoft.com") {
		t.Errorf("GET /me with the printed token: %d %s", resp.StatusCode, body)
	}

	env := map[string]string{EnvGraphURL: graphURL, EnvAccessToken: token}
	code, stdout, stderr := photodesk(t, cmdOpts{env: env}, "get", "--me", "--size", "120x120", "--meta")
	if code != ExitOK || !strings.Contains(stdout, `"servedSize":"120x120"`) {
		t.Errorf("get against photodesk sandbox: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	p.interrupt()
	if code := p.wait(t); code != ExitOK {
		t.Errorf("sandbox exit %d after interrupt, want 0; stderr:\n%s", code, p.stderr.String())
	}
}

func TestSandboxTLSPrintsCA(t *testing.T) {
	p := start(t, cmdOpts{}, "sandbox", "--addr", "127.0.0.1:0", "--users", "20", "--tls")
	graphURL := exported(t, p, EnvGraphURL, 20*time.Second)
	token := exported(t, p, EnvAccessToken, 5*time.Second)
	caFile := exported(t, p, EnvCACert, 5*time.Second)
	if !strings.HasPrefix(graphURL, "https://") {
		t.Fatalf("--tls Graph URL %q", graphURL)
	}
	if _, err := os.Stat(caFile); err != nil {
		t.Fatalf("CA file: %v", err)
	}
	env := map[string]string{EnvGraphURL: graphURL, EnvAccessToken: token, EnvCACert: caFile}
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "get", "--me", "--meta")
	if code != ExitOK {
		t.Errorf("get over TLS with %s: exit %d: %s", EnvCACert, code, stderr)
	}
	delete(env, EnvCACert)
	// Without the CA the sandbox is what a company proxy inspecting HTTPS
	// looks like: the words say so, Go's only in brackets (they were the
	// first line: "Get user /me: … tls: failed to verify certificate: …").
	code, _, stderr = photodesk(t, cmdOpts{env: env}, "get", "--me", "--meta")
	first, _, _ := strings.Cut(stderr, "\n")
	if code != ExitFailure || !strings.HasPrefix(first, "photodesk get: The connection to Microsoft Graph is not trusted: ") ||
		!strings.HasSuffix(first, "its root certificate must be installed on this computer; ask your IT department.") || strings.Count(first, "x509:") != 1 {
		t.Errorf("get over TLS without the CA: exit %d, stderr:\n%s\nwant 1 and the untrusted certificate worded", code, stderr)
	}
	p.interrupt()
	p.wait(t)
	if _, err := os.Stat(filepath.Dir(caFile)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the CA's temporary folder %s is left behind (%v)", filepath.Dir(caFile), err)
	}
}

// The sandbox hands a valid token to anyone who can reach it, over plain
// HTTP: it listens on loopback only, and says so rather than printing a
// token for a public address.
func TestSandboxRefusesNonLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "example.com:8080", "nonsense"} {
		code, stdout, stderr := photodesk(t, cmdOpts{}, "sandbox", "--addr", addr, "--users", "10")
		if code != ExitUsage || stdout != "" || strings.Count(stderr, "\n") != 2 {
			t.Errorf("--addr %s: exit %d, stdout %q, stderr:\n%s\nwant exit 2, nothing on stdout, one line", addr, code, stdout, stderr)
		}
	}
	if code, _, stderr := photodesk(t, cmdOpts{}, "sandbox", "--addr", "0.0.0.0:0", "--users", "10"); !strings.Contains(stderr, "loopback") {
		t.Errorf("exit %d, stderr %q: want the loopback rule explained", code, stderr)
	}
}

func TestSandboxAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	code, stdout, stderr := photodesk(t, cmdOpts{}, "sandbox", "--addr", ln.Addr().String(), "--users", "10")
	if code != ExitFailure || stdout != "" || !strings.Contains(stderr, "in use") || strings.Contains(stderr, "Cannot reach") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("address in use: exit %d, stdout %q, stderr:\n%s\nwant exit 1 and one line saying the address is in use", code, stdout, stderr)
	}
}

func TestSandboxUsersMustBePositive(t *testing.T) {
	for _, args := range [][]string{{"--users", "0"}, {"--users", "-5"}, {"--latency", "-1s"}} {
		if code, _, stderr := photodesk(t, cmdOpts{}, append([]string{"sandbox", "--addr", "127.0.0.1:0"}, args...)...); code != ExitUsage {
			t.Errorf("%v: exit %d, stderr %q; want 2", args, code, stderr)
		}
	}
}

// A number of users the sandbox would take minutes to generate (and more
// memory than a desktop has) is refused at once as a usage error, from the
// flag and, for --sandbox, from PHOTODESK_SANDBOX_USERS; it used to spin a
// core for a quarter of an hour.
func TestSandboxUsersCapped(t *testing.T) {
	huge := "99999999"
	p := start(t, cmdOpts{}, "sandbox", "--addr", "127.0.0.1:0", "--users", huge)
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		// Not interrupted: generating, it does not listen for Ctrl+C.
		// The cleanup kills it.
		t.Fatalf("sandbox --users %s still running after 20s; want a usage error at once", huge)
	}
	if p.code != ExitUsage || !strings.Contains(p.stderr.String(), "100000") || p.stdout.String() != "" {
		t.Errorf("sandbox --users %s: exit %d, stdout %q, stderr %q; want 2 naming the maximum", huge, p.code, p.stdout.String(), p.stderr.String())
	}
	env := map[string]string{startup.EnvSandboxUsers: huge}
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "get", "--sandbox", "--me", "--meta"); code != ExitUsage || !strings.Contains(stderr, "100000") {
		t.Errorf("%s=%s: exit %d, stderr %q; want 2 naming the maximum", startup.EnvSandboxUsers, huge, code, stderr)
	}
}

// With --write the printed token changes photos: set and undo work
// against photodesk sandbox as the README shows; without it, a set is
// refused for want of the permission.
func TestSandboxWriteToken(t *testing.T) {
	for _, write := range []bool{false, true} {
		args := []string{"sandbox", "--addr", "127.0.0.1:0", "--users", "20"}
		if write {
			args = append(args, "--write")
		}
		p := start(t, cmdOpts{}, args...)
		env := map[string]string{
			EnvGraphURL:    exported(t, p, EnvGraphURL, 20*time.Second),
			EnvAccessToken: exported(t, p, EnvAccessToken, 5*time.Second),
		}
		backups := t.TempDir()
		code, _, stderr := photodesk(t, cmdOpts{env: env}, "set", "--me", "--file", picture(t, 100, 100), "--backup", backups)
		switch {
		case write && code != ExitOK:
			t.Errorf("set with --write's token: exit %d, stderr %q", code, stderr)
		case !write && (code != ExitFailure || !strings.Contains(stderr, "ProfilePhoto.ReadWrite.All")):
			t.Errorf("set with the read token: exit %d, stderr %q; want the permission named", code, stderr)
		}
		if write {
			if code, _, stderr := photodesk(t, cmdOpts{env: env}, "undo", "--backup", backups); code != ExitOK {
				t.Errorf("undo with --write's token: exit %d, stderr %q", code, stderr)
			}
		}
		p.interrupt()
		p.wait(t)
	}
}

// TestSandboxOutlookLimitByDefault: `photodesk sandbox` answers a fifth
// photo request in flight with 429 ApplicationThrottled and a Retry-After
// unless --no-outlook-limit switches the rule off.
func TestSandboxOutlookLimitByDefault(t *testing.T) {
	for _, tc := range []struct {
		name      string
		extra     []string
		throttled bool
	}{
		{"default", nil, true},
		{"switched off", []string{"--no-outlook-limit"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"sandbox", "--addr", "127.0.0.1:0", "--users", "20", "--faults", "server=300ms"}, tc.extra...)
			p := start(t, cmdOpts{}, args...)
			graphURL := exported(t, p, EnvGraphURL, 20*time.Second)
			token := exported(t, p, EnvAccessToken, 5*time.Second)
			const n = 8
			codes := make(chan *http.Response, n)
			for range n {
				go func() {
					req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, graphURL+"/me/photo", nil)
					req.Header.Set("Authorization", "Bearer "+token)
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						codes <- nil
						return
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					codes <- resp
				}()
			}
			throttled := 0
			for range n {
				resp := <-codes
				if resp == nil {
					t.Fatal("a request failed")
				}
				if resp.StatusCode == http.StatusTooManyRequests {
					throttled++
					if resp.Header.Get("Retry-After") == "" {
						t.Error("429 without Retry-After")
					}
				}
			}
			if got := throttled > 0; got != tc.throttled {
				t.Errorf("%d of %d concurrent photo requests throttled, want throttling %v", throttled, n, tc.throttled)
			}
			if !strings.Contains(p.stderr.String(), "no mailbox patti.fernandez@") {
				t.Errorf("stderr does not name the historic people:\n%s", p.stderr.String())
			}
			if strings.Contains(p.stderr.String(), "concurrency=4") != tc.throttled {
				t.Errorf("stderr does not say whether the rule is on:\n%s", p.stderr.String())
			}
			if strings.Contains(p.stderr.String(), "mailbox-requests=10000") != tc.throttled {
				t.Errorf("stderr does not say whether the per-mailbox limit is on:\n%s", p.stderr.String())
			}
			p.interrupt()
			p.wait(t)
		})
	}
}

// exported waits for the line `photodesk sandbox` prints for name and
// returns its value: "export NAME=value", the value quoted for a shell
// when it must be.
func exported(t *testing.T, p *proc, name string, timeout time.Duration) string {
	t.Helper()
	line := waitLine(t, p.stdout, "export "+name+"=", timeout)
	v := strings.TrimPrefix(line, "export "+name+"=")
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		v = strings.ReplaceAll(v[1:len(v)-1], `'\''`, "'")
	}
	return v
}

// TestSandboxEnvIsSourcedAndExported is the README's recipe: the sandbox's
// lines saved to sandbox.env and sourced with ". ./sandbox.env" reach the
// commands run next (photodesk get, curl), so they are exported, not mere
// shell variables; a CA path with spaces and quotes survives too.
func TestSandboxEnvIsSourcedAndExported(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no POSIX shell")
	}
	p := start(t, cmdOpts{}, "sandbox", "--addr", "127.0.0.1:0", "--users", "10")
	graphURL := exported(t, p, EnvGraphURL, 20*time.Second)
	exported(t, p, EnvAccessToken, 5*time.Second)
	dir := t.TempDir()
	var lines []string
	for _, l := range strings.Split(p.stdout.String(), "\n") {
		if strings.HasPrefix(l, "export ") {
			lines = append(lines, l)
		}
	}
	var b strings.Builder
	printExport(&b, "PHOTODESK_TEST_ODD", "/tmp/a dir/it's ca.pem")
	lines = append(lines, strings.TrimSuffix(b.String(), "\n"))
	if err := os.WriteFile(filepath.Join(dir, "sandbox.env"), []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(sh, "-c", `. ./sandbox.env && "$0" get --me --meta && printenv PHOTODESK_GRAPH_URL PHOTODESK_TEST_ODD`, binary)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PHOTODESK_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("sourcing sandbox.env, then photodesk get: %v\n%s", err, out)
	}
	for _, want := range []string{`"servedSize":"648x648"`, graphURL + "\n", "/tmp/a dir/it's ca.pem\n"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the commands after \". ./sandbox.env\" printed:\n%s\nwant %q", out, want)
		}
	}
	p.interrupt()
	p.wait(t)
}

// TestSandboxEmptyFaultsIsNone: --faults "" is the one flag whose empty
// value says something, no faults, as "none" does; it used to be taken for
// the default, Outlook's limits and the directory's budget on, which a
// script's unset variable (--faults "$SPEC") must never silently get.
func TestSandboxEmptyFaultsIsNone(t *testing.T) {
	p := start(t, cmdOpts{}, "sandbox", "--addr", "127.0.0.1:0", "--users", "20", "--faults", "")
	line := waitLine(t, p.stderr, "  faults:", 20*time.Second)
	if strings.TrimSpace(line) != "faults: none" {
		t.Errorf(`--faults "" serves %q, want "faults: none"`, strings.TrimSpace(line))
	}
	p.interrupt()
	p.wait(t)
}
