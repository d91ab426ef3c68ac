package auth

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

const (
	testTenant   = "4a2f6c1e-8b3d-4e5f-9a1b-2c3d4e5f6a7b"
	testClientID = "7d6b5e3a-4c1f-4b8e-9f2a-1c0d5e6f7a8b" // the sandbox's public client, as graphapi/sandbox registers it
	testDaemon   = "11111111-2222-3333-4444-555555555555"
	testSecret   = "s3cret~value"
)

var (
	demoAccount  = identity.Account{ObjectID: "6e1f0a3b-1c2d-4e5f-8a9b-0c1d2e3f4a5b", UPN: identity.DemoUPN, DisplayName: identity.DemoDisplayName}
	adeleAccount = identity.Account{ObjectID: "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", UPN: "adele@contoso.onmicrosoft.com", DisplayName: "Adele Vance"}
)

// sandbox is an identity provider on a loopback port for one test.
type sandbox struct {
	*identity.Server
	cloud Cloud
}

func startSandbox(t *testing.T, adjust func(*identity.Config)) *sandbox {
	t.Helper()
	return startSandboxAt(t, "127.0.0.1:0", adjust)
}

// startSandboxAt starts the sandbox on a given address, to restart one on
// the same port.
func startSandboxAt(t *testing.T, addr string, adjust func(*identity.Config)) *sandbox {
	t.Helper()
	cfg := identity.Config{
		TenantID: testTenant,
		Demo:     demoAccount,
		Lookup: func(s string) (identity.Account, bool) {
			if s == adeleAccount.UPN || s == adeleAccount.ObjectID {
				return adeleAccount, true
			}
			return identity.Account{}, false
		},
		Apps:           map[string]identity.App{testDaemon: {Secret: testSecret, Roles: []string{"User.Read.All"}}},
		PublicClientID: testClientID,
	}
	if adjust != nil {
		adjust(&cfg)
	}
	srv, err := identity.Start(cfg, addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
	})
	cloud, err := SandboxCloud(srv.AuthorityURL(), testClientID)
	if err != nil {
		t.Fatal(err)
	}
	return &sandbox{Server: srv, cloud: cloud}
}

// newSession makes a user session against the sandbox.
func (sb *sandbox) newSession(t *testing.T, store CacheStore, opts ...Option) *Session {
	t.Helper()
	opts = append([]Option{WithHTTPClient(sb.HTTPClient()), WithCacheStore(store)}, opts...)
	s, err := New(testContext(t), sb.cloud, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// browser plays the system browser for interactive sign-ins.
func (sb *sandbox) browser(ctx context.Context) func(string) error {
	return func(u string) error { return identity.PlayBrowser(ctx, sb.HTTPClient(), u) }
}

// claims verifies a token from the session and returns what it says.
func (sb *sandbox) claims(t *testing.T, s *Session) *identity.Claims {
	t.Helper()
	tok, err := s.Token(testContext(t))
	if err != nil {
		t.Fatalf("Token: %v", err)
	}
	c, err := sb.Provider.Verify(tok)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	return c
}

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// signInDevice signs the demo account in by device code.
func signInDevice(t *testing.T, s *Session) Account {
	t.Helper()
	var shown string
	a, err := s.SignInDeviceCode(testContext(t), func(code, url, msg string) {
		shown = code
		if url == "" || msg == "" {
			t.Errorf("device code shown without url or message: %q %q", url, msg)
		}
	})
	if err != nil {
		t.Fatalf("SignInDeviceCode: %v", err)
	}
	if len(shown) != 9 {
		t.Errorf("user code %q", shown)
	}
	return a
}

// logBuffer is a concurrency-safe log sink for the warnings a session logs.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newLogger(b *logBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// fakeKeyring is a keyringcache.Backend in memory, so tests exercise the
// real chunked store without a Secret Service.
type fakeKeyring struct {
	mu      sync.Mutex
	entries map[string]string
}

func newFakeKeyring() *fakeKeyring { return &fakeKeyring{entries: map[string]string{}} }

func (k *fakeKeyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	v, ok := k.entries[service+"\x00"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (k *fakeKeyring) Set(service, user, pass string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.entries[service+"\x00"+user] = pass
	return nil
}

func (k *fakeKeyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, ok := k.entries[service+"\x00"+user]; !ok {
		return keyring.ErrNotFound
	}
	delete(k.entries, service+"\x00"+user)
	return nil
}

// signInTwo signs the demo account in, then Adele beside it (current).
func (sb *sandbox) signInTwo(t *testing.T, s *Session) (demo, adele Account) {
	t.Helper()
	ctx := testContext(t)
	demo, err := s.SignInInteractive(ctx, sb.browser(ctx))
	if err != nil {
		t.Fatal(err)
	}
	adele, err = s.SignInInteractive(ctx, sb.browser(ctx), WithLoginHint(adeleAccount.UPN))
	if err != nil {
		t.Fatal(err)
	}
	return demo, adele
}

// takeOver is what a reconnect does with the sign-outs the closed
// session left unfinished, its keyring calls having ended: s takes them
// over and finishes them at once, and hands back another entry's.
func takeOver(ctx context.Context, s *Session, todo []UnfinishedSignOut) []UnfinishedSignOut {
	others := s.DeferSignOuts(ctx, todo)
	s.FinishSignOuts(ctx)
	return others
}
