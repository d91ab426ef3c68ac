//go:build linux

package keyringcache

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	ss "github.com/zalando/go-keyring/secret_service"

	"github.com/zalando/go-keyring"
)

// requireKeyringEnv is set by `make test` (scripts/desktop-session.sh): there
// a missing Secret Service is a failure, not a reason to skip.
const requireKeyringEnv = "PHOTODESK_REQUIRE_KEYRING"

// skipOrFail skips a test that needs something this machine lacks, unless
// the run demands it.
func skipOrFail(tb testing.TB, format string, args ...any) {
	tb.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv(requireKeyringEnv) == "1" {
		tb.Fatalf("%s (%s=1 demands it)", msg, requireKeyringEnv)
	}
	tb.Skipf("%s; run under scripts/desktop-session.sh (dbus-run-session + gnome-keyring) to include it", msg)
}

// realService checks that the real Secret Service answers and returns a
// service name unique to this test, whose entries are removed afterwards.
func realService(tb testing.TB) string {
	tb.Helper()
	// Without an address godbus would run dbus-launch and leave a daemon.
	if !sessionBusAvailable() {
		skipOrFail(tb, "real keyring test: no D-Bus session bus")
	}
	var nonce [6]byte
	_, _ = rand.Read(nonce[:])
	name := regexp.MustCompile(`[^A-Za-z0-9]+`).ReplaceAllString(tb.Name(), "-")
	service := fmt.Sprintf("photodesk-test-%s-%d-%s", name, os.Getpid(), hex.EncodeToString(nonce[:]))
	if err := keyring.Set(service, "probe", "probe"); err != nil {
		skipOrFail(tb, "real keyring test: Secret Service not usable: %v", err)
	}
	tb.Cleanup(func() {
		if err := keyring.DeleteAll(service); err != nil {
			tb.Errorf("cleaning up %q: %v", service, err)
		}
	})
	if err := keyring.Delete(service, "probe"); err != nil {
		tb.Fatalf("deleting the probe entry: %v", err)
	}
	return service
}

// secretServiceEntries counts the items the Secret Service really holds for
// service, asking it directly rather than trusting the store's own names.
func secretServiceEntries(t *testing.T, service string) int {
	t.Helper()
	svc, err := ss.NewSecretService()
	if err != nil {
		t.Fatal(err)
	}
	items, err := svc.SearchItems(svc.GetLoginCollection(), map[string]string{"service": service})
	if err != nil {
		t.Fatal(err)
	}
	return len(items)
}

func TestRealKeyringRoundTripChunked(t *testing.T) {
	service := realService(t)
	data := fakeCache(12*1024, 30)
	mustSave(t, New(service, testAccount), data)

	chunks := chunksFor(data, DefaultChunkSize)
	if chunks < 6 {
		t.Fatalf("test cache makes only %d chunks", chunks)
	}
	if got := secretServiceEntries(t, service); got != chunks+1 {
		t.Fatalf("Secret Service holds %d entries, want %d chunks + the index", got, chunks)
	}
	for i := range chunks {
		chunk, err := keyring.Get(service, chunkName(testAccount, 1, i))
		if err != nil || len(chunk) > DefaultChunkSize {
			t.Fatalf("chunk %d: %d bytes, %v", i, len(chunk), err)
		}
	}
	// A fresh Store is the next app start.
	if got := mustLoad(t, New(service, testAccount)); !bytes.Equal(got, data) {
		t.Fatalf("Load returned %d bytes, want the %d saved", len(got), len(data))
	}
}

func TestRealKeyringCorruptChunk(t *testing.T) {
	service := realService(t)
	mustSave(t, New(service, testAccount), fakeCache(11000, 31))
	name := chunkName(testAccount, 1, 2)
	chunk, err := keyring.Get(service, name)
	if err != nil {
		t.Fatal(err)
	}
	if err := keyring.Set(service, name, strings.Replace(chunk, `"`, `'`, 1)); err != nil {
		t.Fatal(err)
	}
	data, err := New(service, testAccount).Load(t.Context())
	if !errors.Is(err, ErrCorrupt) || IsUnavailable(err) || data != nil {
		t.Fatalf("Load = %d bytes, %v; want ErrCorrupt", len(data), err)
	}
}

func TestRealKeyringMissingChunk(t *testing.T) {
	service := realService(t)
	mustSave(t, New(service, testAccount), fakeCache(11000, 32))
	if err := keyring.Delete(service, chunkName(testAccount, 1, 4)); err != nil {
		t.Fatal(err)
	}
	data, err := New(service, testAccount).Load(t.Context())
	if !errors.Is(err, ErrCorrupt) || IsUnavailable(err) || data != nil {
		t.Fatalf("Load = %d bytes, %v; want ErrCorrupt", len(data), err)
	}
	if err := New(service, testAccount).Clear(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := secretServiceEntries(t, service); got != 0 {
		t.Fatalf("Clear of a damaged cache left %d entries", got)
	}
}

// TestRealKeyringCrashBeforeIndex stops a save after every new chunk is in
// the keyring but before the index points at them.
func TestRealKeyringCrashBeforeIndex(t *testing.T) {
	service := realService(t)
	old, newer := fakeCache(5000, 33), fakeCache(11000, 34)
	mustSave(t, New(service, testAccount), old)

	crash := hookKeyring{inner: systemKeyring{}, before: func(op, user string) error {
		if op == "set" && user == testAccount {
			return errBusGone
		}
		return nil
	}}
	if err := New(service, testAccount, WithBackend(crash)).Save(t.Context(), newer); !IsUnavailable(err) {
		t.Fatalf("Save = %v; want ErrUnavailable", err)
	}
	oldChunks, newChunks := chunksFor(old, DefaultChunkSize), chunksFor(newer, DefaultChunkSize)
	if got := secretServiceEntries(t, service); got != 1+oldChunks+newChunks {
		t.Fatalf("after the crash %d entries, want index + %d old + %d new chunks", got, oldChunks, newChunks)
	}
	if got := mustLoad(t, New(service, testAccount)); !bytes.Equal(got, old) {
		t.Fatal("the old cache does not load after the crash")
	}

	// The next save writes the same generation again and sweeps the rest.
	last := fakeCache(3000, 35)
	mustSave(t, New(service, testAccount), last)
	if got, want := secretServiceEntries(t, service), 1+chunksFor(last, DefaultChunkSize); got != want {
		t.Fatalf("after the next save %d entries, want %d", got, want)
	}
	if got := mustLoad(t, New(service, testAccount)); !bytes.Equal(got, last) {
		t.Fatal("the cache saved after the crash does not load")
	}
}

func TestRealKeyringStaleChunksRemoved(t *testing.T) {
	service := realService(t)
	s := New(service, testAccount)
	mustSave(t, s, fakeCache(13000, 36))
	small := fakeCache(2500, 37)
	mustSave(t, s, small)
	if got, want := secretServiceEntries(t, service), 1+chunksFor(small, DefaultChunkSize); got != want {
		t.Fatalf("%d entries after replacing a big cache, want %d", got, want)
	}
	for i := range 7 {
		if _, err := keyring.Get(service, chunkName(testAccount, 1, i)); !errors.Is(err, keyring.ErrNotFound) {
			t.Fatalf("old chunk %d still readable: %v", i, err)
		}
	}
}

func TestRealKeyringClear(t *testing.T) {
	service := realService(t)
	s := New(service, testAccount)
	mustSave(t, s, fakeCache(11000, 38))
	if err := s.Clear(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := secretServiceEntries(t, service); got != 0 {
		t.Fatalf("Clear left %d entries", got)
	}
	if data, err := New(service, testAccount).Load(t.Context()); data != nil || err != nil {
		t.Fatalf("Load after Clear = %d bytes, %v", len(data), err)
	}
}

// TestRealKeyringNoFileWrites: the go-keyring path (godbus, Secret Service)
// writes nothing in our folders either.
func TestRealKeyringNoFileWrites(t *testing.T) {
	service := realService(t)
	root := isolateFiles(t)
	s := New(service, testAccount)
	data := fakeCache(11000, 39)
	mustSave(t, s, data)
	if got := mustLoad(t, New(service, testAccount)); !bytes.Equal(got, data) {
		t.Fatal("round trip failed")
	}
	if err := s.Clear(t.Context()); err != nil {
		t.Fatal(err)
	}
	assertNoFiles(t, root)
}

// runUnavailableChild runs runChild in a new process with the given D-Bus
// address and fails the test unless every call reported ErrUnavailable.
func runUnavailableChild(t *testing.T, busAddress string) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^$")
	// atexit_sleep_ms=0: under -race the child would otherwise idle 1s on exit.
	cmd.Env = append(os.Environ(), childEnv+"=photodesk-test-unavailable",
		"DBUS_SESSION_BUS_ADDRESS="+busAddress, "GORACE=atexit_sleep_ms=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child with bus %q: %v\n%s", busAddress, err, out)
	}
	t.Logf("child with bus %q:\n%s", busAddress, out)
	for _, op := range []string{"load", "save", "clear"} {
		if !strings.Contains(string(out), op+": unavailable=true") {
			t.Fatalf("child did not report %s as unavailable:\n%s", op, out)
		}
	}
}

// TestUnavailableWithoutSessionBus is a desktop-less machine: the bus
// address points at nothing.
func TestUnavailableWithoutSessionBus(t *testing.T) {
	runUnavailableChild(t, "unix:path="+filepath.Join(t.TempDir(), "no-such-bus"))
}

// TestUnavailableWithoutSecretService is headless Linux with a session bus
// but no keyring daemon: a private dbus-daemon with no service directories,
// so nothing can be activated as org.freedesktop.secrets.
func TestUnavailableWithoutSecretService(t *testing.T) {
	daemon, err := exec.LookPath("dbus-daemon")
	if err != nil {
		skipOrFail(t, "dbus-daemon not installed (apt-get install dbus)")
	}
	dir := t.TempDir()
	config := filepath.Join(dir, "session.conf")
	if err := os.WriteFile(config, []byte(`<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=`+filepath.Join(dir, "bus")+`</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(daemon, "--config-file="+config, "--nofork", "--nopidfile", "--print-address=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	addr := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		addr <- strings.TrimSpace(line)
	}()
	select {
	case a := <-addr:
		if a == "" {
			t.Fatal("dbus-daemon printed no address")
		}
		runUnavailableChild(t, a)
	case <-time.After(30 * time.Second):
		t.Fatal("dbus-daemon did not print its address within 30s")
	}
}

// BenchmarkRealKeyringSaveLoad measures what one MSAL export plus the next
// start's import of a typical 7 KB cache costs against the Secret Service.
func BenchmarkRealKeyringSaveLoad(b *testing.B) {
	service := realService(b)
	s := New(service, testAccount)
	blobs := [][]byte{fakeCache(7000, 50), fakeCache(7000, 51)}
	for i := 0; b.Loop(); i++ {
		if err := s.Save(b.Context(), blobs[i%2]); err != nil {
			b.Fatal(err)
		}
		if _, err := New(service, testAccount).Load(b.Context()); err != nil {
			b.Fatal(err)
		}
	}
}
