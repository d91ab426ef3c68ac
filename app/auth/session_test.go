package auth

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app/auth/keyringcache"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/internal/testkit"
)

func TestDeviceCodeSignIn(t *testing.T) {
	sb := startSandbox(t, nil)
	store := &MemoryStore{}
	s := sb.newSession(t, store)
	if _, ok := s.Current(); ok {
		t.Fatal("a new session has a current account")
	}
	a := signInDevice(t, s)
	if a.Username != identity.DemoUPN || a.TenantID != testTenant || a.Personal {
		t.Errorf("account = %+v", a)
	}
	if cur, ok := s.Current(); !ok || cur != a {
		t.Errorf("Current = %+v %v", cur, ok)
	}
	c := sb.claims(t, s)
	if c.UPN != identity.DemoUPN || !c.HasScope("User.ReadBasic.All") || c.AppID != testClientID {
		t.Errorf("claims = %+v", c)
	}
	if p := s.Persistence(); !p.Keyring {
		t.Errorf("Persistence = %+v, want the store", p)
	}
	if data, _ := store.Load(testContext(t)); len(data) == 0 {
		t.Error("nothing saved to the store after sign-in")
	}
}

func TestInteractiveSignIn(t *testing.T) {
	sb := startSandbox(t, nil)
	s := sb.newSession(t, &MemoryStore{})
	ctx := testContext(t)
	a, err := s.SignInInteractive(ctx, sb.browser(ctx))
	if err != nil {
		t.Fatal(err)
	}
	if a.Username != identity.DemoUPN {
		t.Errorf("account = %+v", a)
	}
	if st := sb.Provider.Stats(); st.Authorize != 1 || st.AuthCode != 1 {
		t.Errorf("stats = %+v", st)
	}
	if c := sb.claims(t, s); c.UPN != identity.DemoUPN {
		t.Errorf("claims = %+v", c)
	}
}

func TestInteractiveSignInBrowserFails(t *testing.T) {
	sb := startSandbox(t, nil)
	s := sb.newSession(t, &MemoryStore{})
	ctx := testContext(t)
	_, err := s.SignInInteractive(ctx, func(string) error { return errors.New("no browser") })
	if err == nil || !strings.Contains(err.Error(), "no browser") {
		t.Fatalf("err = %v", err)
	}
	if _, ok := s.Current(); ok {
		t.Error("a failed sign-in left a current account")
	}
}

// Tokens saved by an earlier sandbox run (same port, so MSAL sees the same
// authority, but a new key and no memory of the old refresh tokens) do not
// stop the next run from signing the demo account in again.
func TestSignInIgnoresAnEarlierSandboxRun(t *testing.T) {
	store := &MemoryStore{}
	first := startSandbox(t, nil)
	s1 := first.newSession(t, store)
	if _, err := s1.SignInInteractive(testContext(t), first.browser(testContext(t))); err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second := startSandboxAt(t, strings.TrimPrefix(first.URL, "https://"), nil)
	s2 := second.newSession(t, store)
	if _, err := s2.SignInInteractive(testContext(t), second.browser(testContext(t))); err != nil {
		t.Fatal(err)
	}
	if c := second.claims(t, s2); c.UPN != identity.DemoUPN {
		t.Errorf("claims = %+v", c)
	}
}

func TestSilentRefreshAfterExpiry(t *testing.T) {
	clk := testkit.NewClockAt(time.Now())
	sb := startSandbox(t, func(c *identity.Config) {
		c.Now = clk.Now
		c.TokenTTL = 2 * time.Minute // under MSAL's five-minute margin: every call refreshes
	})
	s := sb.newSession(t, &MemoryStore{})
	signInDevice(t, s)
	ctx := testContext(t)
	first, err := s.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(3 * time.Minute)
	if _, err := sb.Provider.Verify(first); !errors.Is(err, identity.ErrTokenExpired) {
		t.Fatalf("old token: %v, want expired", err)
	}
	second, err := s.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if second == first {
		t.Fatal("Token returned the expired token")
	}
	if _, err := sb.Provider.Verify(second); err != nil {
		t.Errorf("refreshed token: %v", err)
	}
	if st := sb.Provider.Stats(); st.Refresh == 0 {
		t.Error("no refresh grant was redeemed")
	}
}

func TestTokenReusesCachedToken(t *testing.T) {
	sb := startSandbox(t, nil)
	s := sb.newSession(t, &MemoryStore{})
	signInDevice(t, s)
	ctx := testContext(t)
	a, err := s.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a != b || sb.Provider.Stats().Refresh != 0 {
		t.Error("a valid token was not served from the cache")
	}
}

func TestEnsureScopesIncremental(t *testing.T) {
	sb := startSandbox(t, nil)
	s := sb.newSession(t, &MemoryStore{})
	ctx := testContext(t)
	if err := s.EnsureScopes(ctx, "Group.Read.All"); !errors.Is(err, ErrSignInRequired) {
		t.Fatalf("EnsureScopes before sign-in = %v, want ErrSignInRequired", err)
	}
	s2 := sb.newSession(t, &MemoryStore{})
	signInDevice(t, s2)
	if c := sb.claims(t, s2); c.HasScope("Group.Read.All") || c.HasScope("Contacts.Read") {
		t.Fatalf("first token already has group/contact scopes: %v", c.Scopes)
	}
	if err := s2.EnsureScopes(ctx, "Group.Read.All"); err != nil {
		t.Fatal(err)
	}
	if err := s2.EnsureScopes(ctx, "Contacts.Read"); err != nil {
		t.Fatal(err)
	}
	c := sb.claims(t, s2)
	for _, want := range []string{"User.ReadBasic.All", "Group.Read.All", "Contacts.Read"} {
		if !c.HasScope(want) {
			t.Errorf("token lacks %s: %v", want, c.Scopes)
		}
	}
	if got := s2.Scopes(); !slices.Equal(got, []string{"User.ReadBasic.All", "Group.Read.All", "Contacts.Read"}) {
		t.Errorf("Scopes = %v", got)
	}
	// The refused EnsureScopes before sign-in left nothing wanted.
	if got := s.Scopes(); !slices.Equal(got, InitialScopes) {
		t.Errorf("Scopes after a refused EnsureScopes = %v, want %v", got, InitialScopes)
	}
}

// One account's permissions are asked of that account only: a second
// account's first sign-in asks for what every account is asked for, not
// the write permission the first was given; switching back, the first
// still has it.
func TestScopesBelongToTheirAccount(t *testing.T) {
	sb := startSandbox(t, nil)
	s := sb.newSession(t, &MemoryStore{})
	ctx := testContext(t)
	demo, err := s.SignInInteractive(ctx, sb.browser(ctx), WithScopes("ProfilePhoto.ReadWrite.All"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignInInteractive(ctx, sb.browser(ctx), WithLoginHint(adeleAccount.UPN)); err != nil {
		t.Fatal(err)
	}
	if c := sb.claims(t, s); c.UPN != adeleAccount.UPN || c.HasScope("ProfilePhoto.ReadWrite.All") {
		t.Errorf("the second account's token (%s) has %v; want no write permission", c.UPN, c.Scopes)
	}
	if got := s.Scopes(); slices.Contains(got, "ProfilePhoto.ReadWrite.All") {
		t.Errorf("the second account asks for %v", got)
	}
	if err := s.SwitchAccount(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	if got := s.Scopes(); !slices.Contains(got, "ProfilePhoto.ReadWrite.All") {
		t.Errorf("the first account lost its write permission: %v", got)
	}
}

func TestSwitchAccountAndSignOut(t *testing.T) {
	sb := startSandbox(t, nil)
	store := &MemoryStore{}
	s := sb.newSession(t, store)
	ctx := testContext(t)
	demo, adele := sb.signInTwo(t, s)
	accts, err := s.Accounts(ctx)
	if err != nil || len(accts) != 2 {
		t.Fatalf("Accounts = %v, %v", accts, err)
	}
	if c := sb.claims(t, s); c.UPN != adeleAccount.UPN {
		t.Errorf("after the second sign-in, tokens are for %s", c.UPN)
	}
	if err := s.SwitchAccount(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	if c := sb.claims(t, s); c.UPN != identity.DemoUPN {
		t.Errorf("after switching, tokens are for %s", c.UPN)
	}
	if err := s.SwitchAccount(ctx, "nobody.nowhere"); !errors.Is(err, ErrNoSuchAccount) {
		t.Errorf("SwitchAccount(unknown) = %v", err)
	}

	if err := s.SignOut(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	if cur, ok := s.Current(); !ok || cur.ID != adele.ID {
		t.Errorf("after signing the current account out, Current = %+v %v", cur, ok)
	}
	if accts, _ := s.Accounts(ctx); len(accts) != 1 || accts[0].ID != adele.ID {
		t.Errorf("Accounts after sign-out = %v", accts)
	}
	if err := s.SignOut(ctx, adele.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Current(); ok {
		t.Error("Current after everyone signed out")
	}
	if _, err := s.Token(ctx); !errors.Is(err, ErrSignInRequired) {
		t.Errorf("Token after sign-out = %v", err)
	}
	if data, _ := store.Load(ctx); data != nil {
		t.Errorf("store still holds %d bytes after the last sign-out", len(data))
	}
	restarted := sb.newSession(t, store)
	if accts, _ := restarted.Accounts(ctx); len(accts) != 0 {
		t.Errorf("signed-out accounts came back after a restart: %v", accts)
	}
}

func TestRestartStaysSignedIn(t *testing.T) {
	sb := startSandbox(t, nil)
	store := sharedEntry()
	first := sb.newSession(t, store())
	a := signInDevice(t, first)
	if err := first.EnsureScopes(testContext(t), "Group.Read.All"); err != nil {
		t.Fatal(err)
	}
	before := sb.Provider.Stats()

	second := sb.newSession(t, store())
	cur, ok := second.Current()
	if !ok || cur != a {
		t.Fatalf("after restart Current = %+v %v, want %+v", cur, ok, a)
	}
	c := sb.claims(t, second)
	if c.UPN != identity.DemoUPN {
		t.Errorf("claims = %+v", c)
	}
	after := sb.Provider.Stats()
	if after.DeviceCodes != before.DeviceCodes || after.Authorize != before.Authorize {
		t.Errorf("the restarted session signed in again: %+v -> %+v", before, after)
	}
	if !second.Persistence().Keyring {
		t.Errorf("Persistence = %v", second.Persistence())
	}
}

// failingStore is a CacheStore whose keyring is gone.
type failingStore struct{ err error }

func (f failingStore) Load(context.Context) ([]byte, error) { return nil, f.err }
func (f failingStore) Save(context.Context, []byte) error   { return f.err }
func (f failingStore) Clear(context.Context) error          { return f.err }

func TestKeyringUnavailableKeepsTokensInMemory(t *testing.T) {
	sb := startSandbox(t, nil)
	var logs logBuffer
	unavailable := fmt.Errorf("%w: get %q: no secret service", keyringcache.ErrUnavailable, "tokens")
	s := sb.newSession(t, failingStore{unavailable}, WithLogger(newLogger(&logs)))
	signInDevice(t, s)
	if c := sb.claims(t, s); c.UPN != identity.DemoUPN {
		t.Errorf("claims = %+v", c)
	}
	p := s.Persistence()
	if p.Keyring || p.Reason == "" || !strings.Contains(p.String(), "memory only") {
		t.Errorf("Persistence = %+v (%s)", p, p)
	}
	if !strings.Contains(logs.String(), "keyring unavailable") {
		t.Errorf("no warning logged: %q", logs.String())
	}

	plain := sb.newSession(t, nil)
	if plain.Persistence().Keyring {
		t.Error("a session without a store claims keyring persistence")
	}
}

func TestCorruptCacheIsDiscarded(t *testing.T) {
	sb := startSandbox(t, nil)
	ctx := testContext(t)
	for name, store := range map[string]CacheStore{
		"not json":      func() CacheStore { m := &MemoryStore{}; _ = m.Save(ctx, []byte("{\"Account\": [broken")); return m }(),
		"store corrupt": &corruptStore{},
	} {
		t.Run(name, func(t *testing.T) {
			var logs logBuffer
			s := sb.newSession(t, store, WithLogger(newLogger(&logs)))
			if accts, err := s.Accounts(ctx); err != nil || len(accts) != 0 {
				t.Fatalf("Accounts = %v, %v", accts, err)
			}
			if !strings.Contains(logs.String(), "discarded") {
				t.Errorf("no warning: %q", logs.String())
			}
			signInDevice(t, s)
			if c := sb.claims(t, s); c.UPN != identity.DemoUPN {
				t.Errorf("claims = %+v", c)
			}
			if !s.Persistence().Keyring {
				t.Error("a corrupt cache turned persistence off")
			}
		})
	}
}

// corruptStore reports a damaged keyring cache until it is cleared.
type corruptStore struct {
	MemoryStore
	cleared bool
}

func (c *corruptStore) Load(ctx context.Context) ([]byte, error) {
	if !c.cleared {
		return nil, fmt.Errorf("%w: chunk missing", keyringcache.ErrCorrupt)
	}
	return c.MemoryStore.Load(ctx)
}

func (c *corruptStore) Clear(ctx context.Context) error {
	c.cleared = true
	return c.MemoryStore.Clear(ctx)
}

// A token pinned to an account stays that account's after a switch, and is
// refused once the account signs out: a job never borrows the tokens of
// whoever is current now.
func TestTokenForKeepsToTheAccount(t *testing.T) {
	sb := startSandbox(t, nil)
	s := sb.newSession(t, &MemoryStore{})
	ctx := testContext(t)
	demo, adele := sb.signInTwo(t, s)
	if cur, _ := s.Current(); cur.ID != adele.ID {
		t.Fatalf("current = %+v, want Adele", cur)
	}
	upn := func(id string) (string, error) {
		tok, err := s.TokenFor(ctx, id)
		if err != nil {
			return "", err
		}
		c, err := sb.Provider.Verify(tok)
		if err != nil {
			t.Fatalf("Verify: %v", err)
		}
		return c.UPN, nil
	}
	if got, err := upn(demo.ID); err != nil || got != identity.DemoUPN {
		t.Errorf("TokenFor(demo) while Adele is current = %q, %v; want the demo account's", got, err)
	}
	if err := s.SignOut(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := upn(demo.ID); !errors.Is(err, ErrSignInRequired) {
		t.Errorf("TokenFor(demo) after its sign-out = %q, %v; want ErrSignInRequired", got, err)
	}
	if got, err := upn(adele.ID); err != nil || got != adeleAccount.UPN {
		t.Errorf("TokenFor(adele) = %q, %v", got, err)
	}
}

// A permission that cannot be had silently is not added to what every
// later token asks for: the reads that worked go on working. A sign-in
// WithScopes asks for it and keeps it.
func TestRefusedScopeDoesNotSpoilLaterTokens(t *testing.T) {
	sb := startSandbox(t, nil)
	s := sb.newSession(t, &MemoryStore{})
	ctx := testContext(t)
	if _, err := s.SignInInteractive(ctx, sb.browser(ctx)); err != nil {
		t.Fatal(err)
	}
	before := s.Scopes()
	sb.Provider.RevokeSignIns(demoAccount.UPN)
	if err := s.EnsureScopes(ctx, "ProfilePhoto.ReadWrite.All"); !errors.Is(err, ErrSignInRequired) {
		t.Fatalf("EnsureScopes after a revoke = %v, want ErrSignInRequired", err)
	}
	if got := s.Scopes(); !slices.Equal(got, before) {
		t.Errorf("scopes after a refused permission = %v, want unchanged %v", got, before)
	}
	if _, err := s.SignInInteractive(ctx, sb.browser(ctx), WithScopes("ProfilePhoto.ReadWrite.All")); err != nil {
		t.Fatal(err)
	}
	if c := sb.claims(t, s); !c.HasScope("ProfilePhoto.ReadWrite.All") {
		t.Errorf("token after a sign-in WithScopes has scopes %v", c.Scopes)
	}
}
