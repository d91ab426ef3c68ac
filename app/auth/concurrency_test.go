package auth

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/internal/testkit"
)

func TestRevokedSignInNeedsSignInAgain(t *testing.T) {
	clk := testkit.NewClockAt(time.Now())
	sb := startSandbox(t, func(c *identity.Config) {
		c.Now = clk.Now
		c.TokenTTL = 2 * time.Minute
	})
	s := sb.newSession(t, &MemoryStore{})
	signInDevice(t, s)
	if n := sb.Provider.RevokeSignIns(identity.DemoUPN); n == 0 {
		t.Fatal("nothing revoked")
	}
	clk.Advance(3 * time.Minute)
	if _, err := s.Token(testContext(t)); !errors.Is(err, ErrSignInRequired) {
		t.Fatalf("Token after revocation = %v, want ErrSignInRequired", err)
	}
	signInDevice(t, s)
	if c := sb.claims(t, s); c.UPN != identity.DemoUPN {
		t.Errorf("claims after signing in again = %+v", c)
	}
}

func TestConcurrentTokens(t *testing.T) {
	clk := testkit.NewClockAt(time.Now())
	sb := startSandbox(t, func(c *identity.Config) {
		c.Now = clk.Now
		c.TokenTTL = 2 * time.Minute // every call refreshes: the busiest path
	})
	s := sb.newSession(t, &MemoryStore{})
	signInDevice(t, s)
	ctx := testContext(t)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 16 {
		wg.Go(func() {
			tok, err := s.Token(ctx)
			if err == nil {
				_, err = sb.Provider.Verify(tok)
			}
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// BenchmarkTokenCached is the cost Token adds to every Graph request when
// the cached token is still good: no network, no keyring.
func BenchmarkTokenCached(b *testing.B) {
	srv, err := identity.Start(identity.Config{TenantID: testTenant, Demo: demoAccount}, "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = srv.Close() }()
	cloud, err := SandboxCloud(srv.AuthorityURL(), testClientID)
	if err != nil {
		b.Fatal(err)
	}
	ctx := b.Context()
	s, err := New(ctx, cloud, WithHTTPClient(srv.HTTPClient()), WithCacheStore(&MemoryStore{}))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.SignInInteractive(ctx, func(u string) error { return identity.PlayBrowser(ctx, srv.HTTPClient(), u) }); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.Token(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
