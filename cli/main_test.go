package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// binary is the built photodesk executable the tests run.
var binary string

// TestMain builds photodesk once per test binary (or takes PHOTODESK_BIN),
// so get and export are tested as the program people run.
func TestMain(m *testing.M) {
	cleanup, err := setupBinary()
	if err != nil {
		fmt.Fprintln(os.Stderr, "cli tests:", err)
		os.Exit(1)
	}
	code := m.Run()
	cleanup()
	os.Exit(code)
}

func setupBinary() (cleanup func(), err error) {
	cleanup = func() {}
	if bin := os.Getenv("PHOTODESK_BIN"); bin != "" {
		binary, err = filepath.Abs(bin)
		return cleanup, err
	}
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return cleanup, fmt.Errorf("find the module root: %w", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(out)))
	dir, err := os.MkdirTemp("", "photodesk-cli-test-")
	if err != nil {
		return cleanup, err
	}
	cleanup = func() { _ = os.RemoveAll(dir) }
	binary = filepath.Join(dir, "photodesk")
	build := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", binary, ".")
	build.Dir = root
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		cleanup()
		return func() {}, fmt.Errorf("go build photodesk: %w", err)
	}
	return cleanup, nil
}

// lineWriter collects output and passes each complete line to a channel,
// so a test can wait for "PHOTODESK_GRAPH_URL=..." without sleeping.
type lineWriter struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	partial []byte
	lines   chan string
}

func newLineWriter() *lineWriter { return &lineWriter{lines: make(chan string, 64)} }

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	w.partial = append(w.partial, p...)
	for {
		i := bytes.IndexByte(w.partial, '\n')
		if i < 0 {
			break
		}
		select {
		case w.lines <- string(w.partial[:i]):
		default: // nobody is waiting for lines: keep only the buffer
		}
		w.partial = w.partial[i+1:]
	}
	return len(p), nil
}

func (w *lineWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func (w *lineWriter) Bytes() []byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	return bytes.Clone(w.buf.Bytes())
}

// proc is a running photodesk command, as a child process or in-process.
type proc struct {
	stdout, stderr *lineWriter
	done           chan struct{}
	code           int
	interrupt      func()
	signal         func(os.Signal)
}

// wait waits for the command to end (the test's deadline bounds it).
func (p *proc) wait(t *testing.T) int {
	t.Helper()
	<-p.done
	return p.code
}

// cmdOpts are the environment and folder of a command.
type cmdOpts struct {
	env map[string]string
	dir string
}

// start runs the built photodesk binary with args.
func start(t *testing.T, o cmdOpts, args ...string) *proc {
	t.Helper()
	p := &proc{stdout: newLineWriter(), stderr: newLineWriter(), done: make(chan struct{})}
	cmd := exec.Command(binary, args...)
	cmd.Dir = o.dir
	cmd.Stdout, cmd.Stderr = p.stdout, p.stderr
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PHOTODESK_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	for k, v := range o.env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p.interrupt = func() { _ = cmd.Process.Signal(os.Interrupt) }
	p.signal = func(sig os.Signal) { _ = cmd.Process.Signal(sig) }
	go func() {
		defer close(p.done)
		err := cmd.Wait()
		var exit *exec.ExitError
		switch {
		case err == nil:
		case errors.As(err, &exit):
			p.code = exit.ExitCode()
		default:
			p.code = -1
		}
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill(); <-p.done })
	return p
}

// photodesk runs a command to its end.
func photodesk(t *testing.T, o cmdOpts, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	p := start(t, o, args...)
	code = p.wait(t)
	return code, p.stdout.String(), p.stderr.String()
}

// tenant is an in-process sandbox with the environment that points the
// command line at it.
type tenant struct {
	*sandboxtest.Tenant
	env map[string]string
}

func newTenant(t *testing.T, opts sandbox.Options) *tenant {
	t.Helper()
	tn := sandboxtest.Start(t, opts)
	return &tenant{Tenant: tn, env: map[string]string{EnvGraphURL: tn.GraphURL("v1.0"), EnvAccessToken: tn.Token}}
}

// waitLine waits for a line on w that starts with prefix.
func waitLine(t *testing.T, w *lineWriter, prefix string, timeout time.Duration) string {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case l := <-w.lines:
			if strings.HasPrefix(l, prefix) {
				return l
			}
		case <-deadline:
			t.Fatalf("no line starting with %q within %s; output so far:\n%s", prefix, timeout, w.String())
		}
	}
}
