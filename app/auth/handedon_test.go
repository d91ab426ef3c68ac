package auth

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/photodesk/photodesk/app/auth/keyringcache"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// answerWith is the person answering the prompt: the write lands.
func (p *prompt) answerWith() { p.once.Do(func() { p.answered <- nil }) }

// holdIndex is hold for the write of the entry's index alone: the last
// call of a write, which lands it (see prompt.index).
func (k *heldKeyring) holdIndex(t *testing.T) *prompt {
	p := &prompt{entered: make(chan struct{}), answered: make(chan error, 1), index: true}
	k.next.Store(p)
	t.Cleanup(p.dismiss)
	return p
}

// storedEntries are account id's entries in the cache store holds, as
// one string (accountEntries); "" when it holds none.
func storedEntries(t *testing.T, store CacheStore, id string) string {
	t.Helper()
	data, err := store.Load(testContext(t))
	if err != nil {
		t.Fatal(err)
	}
	for a, e := range accountEntries(data) {
		if a.homeID == id {
			return e
		}
	}
	return ""
}

// reSignInOnPrompt re-signs Adele in on a guarding session whose keyring
// write the tests' held keyring keeps on a second prompt as it puts the
// new cache in place (the call that lands it), and stops it as
// Settings re-open the connection: the session is closed and the next
// one opened, taking over what it kept. It returns the next session, the
// prompt, and the end of the closed session's keyring calls.
func reSignInOnPrompt(t *testing.T, ctx context.Context, sb *sandbox, kr *heldKeyring, s *Session) (*Session, *prompt, <-chan struct{}) {
	t.Helper()
	signIn, stop := context.WithCancel(ctx)
	p := kr.holdIndex(t)
	signedIn := make(chan error, 1)
	go func() {
		_, err := s.SignInInteractive(signIn, sb.browser(ctx), WithLoginHint(adeleAccount.UPN))
		signedIn <- err
	}()
	<-p.entered
	stop()
	ended := s.Close()
	next := sb.reconnect(t, ctx, kr.store(), s)
	t.Cleanup(func() { <-signedIn })
	return next, p, ended
}

// A re-sign-in of an account a connection kept from a late write
// (signed in on it, so its tokens are in the keyring), stopped by
// Settings while its write waits on the unlock prompt, leaves the
// account as it was when the prompt is dismissed: the next connection
// keeps its tokens as they were before the re-sign-in. When the prompt
// is answered instead, the tokens that landed are the keyring's, as any
// saved sign-in's: the next connection used to put the older tokens
// back over them, which a re-sign-in made to replace expired or revoked
// ones had just mended.
func TestStoppedReSignInOfAKeptAccount(t *testing.T) {
	for _, tt := range []struct {
		name    string
		answer  bool
		landed  bool // the keyring ends with the re-sign-in's tokens, not the older ones
		explain string
	}{
		{"dismissed", false, false, "as before the re-sign-in"},
		{"answered", true, true, "the tokens that landed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			l := startLateRefresh(t)
			sb, ctx, kr := l.sb, l.ctx, l.kr
			adele := sb.signInAdele(t, ctx, l.second)
			older := storedEntries(t, kr.store(), adele.ID)
			third, p, secondEnded := reSignInOnPrompt(t, ctx, sb, kr, l.second)

			l.land(t) // the first connection's refresh lands: the demo account alone
			if tt.answer {
				p.answerWith() // the stopped re-sign-in's tokens land after it
			} else {
				p.dismiss()
			}
			<-secondEnded
			newer := ""
			if tt.answer {
				newer = storedEntries(t, kr.store(), adele.ID)
				if newer == "" || newer == older {
					t.Fatal("the re-sign-in's write landed without new tokens for Adele")
				}
			}
			third.FinishSignOuts(ctx)

			want := []string{adeleAccount.UPN, demoAccount.UPN}
			if got := names(mustAccounts(t, third)); !slices.Equal(got, want) {
				t.Errorf("the connection lists %v, want %v", got, want)
			}
			got := storedEntries(t, kr.store(), adele.ID)
			switch {
			case tt.landed && got != newer:
				t.Errorf("the keyring holds other tokens of Adele than %s (older ones: %v)", tt.explain, got == older)
			case !tt.landed && got != older:
				t.Errorf("the keyring holds other tokens of Adele than %s", tt.explain)
			}
		})
	}
}

// A sign-in on a connection that keeps what was signed in on it from a
// late write, whose keyring write fails (the unlock prompt dismissed),
// is kept for that connection's run only, as on any connection: its
// status says the tokens are not remembered. It used to be handed on
// to the next connection as kept all the same, which listed the account
// as stored and wrote it to the keyring; a failed write is not handed
// on now, and the next connection, reading the keyring, does not have it.
func TestSignInWhoseWriteFailedIsNotHandedOnAsKept(t *testing.T) {
	l := startLateRefresh(t)
	sb, ctx, kr, second := l.sb, l.ctx, l.kr, l.second
	p := kr.hold(t)
	p.dismiss()
	if _, err := second.SignInInteractive(ctx, sb.browser(ctx), WithLoginHint(adeleAccount.UPN)); err != nil {
		t.Fatalf("a sign-in whose keyring write failed: %v", err)
	}
	if st := second.Persistence(); st.Keyring {
		t.Errorf("after the failed write the connection says %q, want the tokens kept for this run only", st)
	}
	secondEnded := second.Close()
	third := sb.reconnect(t, ctx, kr.store(), second)
	if got := names(mustAccounts(t, third)); !slices.Equal(got, []string{demoAccount.UPN}) {
		t.Errorf("the next connection lists %v, want %s alone", got, demoAccount.UPN)
	}

	l.land(t)
	<-secondEnded
	third.FinishSignOuts(ctx)
	if got := names(mustAccounts(t, sb.newSession(t, kr.store()))); !slices.Equal(got, []string{demoAccount.UPN}) {
		t.Errorf("the keyring holds %v, want %s alone", got, demoAccount.UPN)
	}
}

// What a connection kept from a late write is handed back, untouched,
// by a connection of another tenant or app registration (its tokens
// are another keyring entry's), which opens, lists and signs in as ever
// meanwhile; once Settings name the tenant again, its connection keeps
// it — lists the account the late write dropped and writes it back —
// and signing that account out there works as for any other.
func TestKeptAccountsWaitForTheirTenantAndCanBeSignedOut(t *testing.T) {
	l := startLateRefresh(t)
	sb, ctx, kr, second := l.sb, l.ctx, l.kr, l.second
	adele := sb.signInAdele(t, ctx, second)
	secondEnded := second.Close()
	unfinished, kept := second.UnfinishedSignOuts(), second.KeptAccounts()
	if len(kept) == 0 {
		t.Fatal("the connection kept nothing of Adele's sign-in")
	}

	elsewhere := startSandbox(t, func(c *identity.Config) { c.TenantID = "0f1e2d3c-4b5a-4697-8877-665544332211" })
	other := elsewhere.newSession(t, &MemoryStore{})
	unfinished = other.DeferSignOuts(ctx, unfinished)
	if others := other.KeepAccounts(ctx, kept); len(others) != len(kept) {
		t.Fatalf("the other tenant's connection handed back %d of %d kept", len(others), len(kept))
	}
	if accts := mustAccounts(t, other); len(accts) != 0 {
		t.Errorf("the other tenant's connection lists %v", names(accts))
	}
	if a := signInDevice(t, other); a.Username != demoAccount.UPN {
		t.Errorf("signed in %q on the other tenant", a.Username)
	}
	other.FinishSignOuts(ctx)
	<-other.Close()

	l.land(t) // the first connection's refresh lands: the demo account alone
	<-secondEnded
	back := sb.newSession(t, kr.store())
	back.DeferSignOuts(ctx, unfinished)
	if others := back.KeepAccounts(ctx, kept); len(others) != 0 {
		t.Fatalf("the tenant's connection handed back %d kept", len(others))
	}
	want := []string{adeleAccount.UPN, demoAccount.UPN}
	if got := names(mustAccounts(t, back)); !slices.Equal(got, want) {
		t.Errorf("once its tenant is named again the connection lists %v, want %v", got, want)
	}
	if err := back.SignOut(ctx, adele.ID); err != nil {
		t.Fatalf("signing the kept account out: %v", err)
	}
	back.FinishSignOuts(ctx)
	if got := names(mustAccounts(t, back)); !slices.Equal(got, []string{demoAccount.UPN}) {
		t.Errorf("after signing Adele out the connection lists %v", got)
	}
	if got := names(mustAccounts(t, sb.newSession(t, kr.store()))); !slices.Equal(got, []string{demoAccount.UPN}) {
		t.Errorf("after signing Adele out the keyring holds %v", got)
	}
}

// waitingCache is the cache the write waiting on p (holdIndex) would put
// in place: its chunks are in the keyring already, its index is waiting.
func (k *heldKeyring) waitingCache(t *testing.T, p *prompt) []byte {
	t.Helper()
	<-p.entered
	snap := newFakeKeyring()
	k.fakeKeyring.mu.Lock()
	maps.Copy(snap.entries, k.fakeKeyring.entries)
	k.fakeKeyring.mu.Unlock()
	if err := snap.Set("Photo Desk test", "tokens", p.value); err != nil {
		t.Fatal(err)
	}
	data, err := keyringcache.New("Photo Desk test", "tokens", keyringcache.WithBackend(snap)).Load(testContext(t))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// A stopped re-sign-in's tokens handed on as landing are the next
// connection's only while a person there has not signed that account
// in or out since: what is done there comes first, as for any late
// write. Signed out there, the account came back (listed and left in
// the keyring) once the stopped write landed after the sign-out; signed
// in again there, the stopped write's older tokens replaced the new
// ones. The landing is played by writing the stopped write's cache
// whole once the change is made (the test keyring's chunks would clash
// with the next connection's write otherwise).
func TestChangeOnTheNextConnectionComesBeforeAStoppedReSignInLanding(t *testing.T) {
	for _, signOut := range []bool{true, false} {
		name := map[bool]string{true: "signed out", false: "signed in again"}[signOut]
		t.Run(name, func(t *testing.T) {
			l := startLateRefresh(t)
			sb, ctx, kr := l.sb, l.ctx, l.kr
			adele := sb.signInAdele(t, ctx, l.second)
			third, p, secondEnded := reSignInOnPrompt(t, ctx, sb, kr, l.second)
			stopped := kr.waitingCache(t, p)
			p.dismiss()
			<-secondEnded

			want, newer := []string{demoAccount.UPN}, ""
			if signOut {
				if err := third.SignOut(ctx, adele.ID); err != nil {
					t.Fatal(err)
				}
			} else {
				if _, err := third.SignInInteractive(ctx, sb.browser(ctx), WithLoginHint(adeleAccount.UPN)); err != nil {
					t.Fatal(err)
				}
				want, newer = []string{adeleAccount.UPN, demoAccount.UPN}, storedEntries(t, kr.store(), adele.ID)
			}
			// The first connection's refresh lands: the demo account alone.
			l.land(t)
			if err := kr.store().Save(ctx, stopped); err != nil { // then the stopped re-sign-in's write
				t.Fatal(err)
			}

			if got := names(mustAccounts(t, third)); !slices.Equal(got, want) {
				t.Errorf("once the stopped write landed the connection lists %v, want %v", got, want)
			}
			third.FinishSignOuts(ctx)
			if got := names(mustAccounts(t, sb.newSession(t, kr.store()))); !slices.Equal(got, want) {
				t.Errorf("the keyring holds %v, want %v", got, want)
			}
			if got := storedEntries(t, kr.store(), adele.ID); got != newer {
				t.Errorf("the keyring holds other tokens of Adele than those signed in on the connection (none when signed out): %.40q", got)
			}
		})
	}
}

// An account signed out on a connection, then signed in again there with
// its write stopped by Settings, is handed on out, awaiting that write:
// the next connection's own writes meanwhile (a token refresh) do not
// let go of it, so once the write lands the account is listed and kept
// with the tokens that landed, as any saved sign-in's.
func TestStoppedSignInAgainAfterASignOutLandsPastTheNextConnectionsWrites(t *testing.T) {
	l := startLateRefresh(t)
	sb, ctx, kr, second := l.sb, l.ctx, l.kr, l.second
	adele := sb.signInAdele(t, ctx, second)
	if err := second.SignOut(ctx, adele.ID); err != nil {
		t.Fatal(err)
	}
	third, p, secondEnded := reSignInOnPrompt(t, ctx, sb, kr, second)
	stopped := kr.waitingCache(t, p)
	p.dismiss()
	<-secondEnded
	if got := names(mustAccounts(t, third)); !slices.Equal(got, []string{demoAccount.UPN}) {
		t.Errorf("before the stopped write lands the connection lists %v", got)
	}
	if err := third.EnsureScopesFor(ctx, l.demo.ID, "GroupMember.Read.All"); err != nil { // a write of its own
		t.Fatal(err)
	}

	// The first connection's refresh lands: the demo account alone.
	l.land(t)
	if err := kr.store().Save(ctx, stopped); err != nil { // then the stopped sign-in's write
		t.Fatal(err)
	}
	landed := storedEntries(t, kr.store(), adele.ID)
	want := []string{adeleAccount.UPN, demoAccount.UPN}
	if got := names(mustAccounts(t, third)); !slices.Equal(got, want) {
		t.Errorf("once the stopped write landed the connection lists %v, want %v", got, want)
	}
	third.FinishSignOuts(ctx)
	if got := names(mustAccounts(t, sb.newSession(t, kr.store()))); !slices.Equal(got, want) {
		t.Errorf("the keyring holds %v, want %v", got, want)
	}
	if landed == "" || storedEntries(t, kr.store(), adele.ID) != landed {
		t.Error("the keyring does not hold the tokens of Adele that landed")
	}
}
