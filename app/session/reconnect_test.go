package session_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/internal/testkit"
)

// promptKeyring is a token store whose writes, once armed, wait for
// release: the keyring's unlock prompt left open. With all set every
// write waits until release (the keyring stays locked); otherwise only
// the first does (the person unlocked it through a later prompt). A
// write checks its context before it starts, as keyringcache does
// before each go-keyring call, and one that started waiting completes
// once the prompt is answered whatever its context: a go-keyring call
// under way cannot be called back. entered closes when the first write
// starts waiting, left once it has returned, with its error in heldErr;
// wrote hears every write that reached the store.
type promptKeyring struct {
	auth.MemoryStore
	all                    bool
	armed                  atomic.Bool
	first                  atomic.Bool
	entered, release, left chan struct{}
	heldErr                error
	wrote                  chan struct{}
}

func newPromptKeyring(all bool) *promptKeyring {
	return &promptKeyring{
		all: all, entered: make(chan struct{}), release: make(chan struct{}), left: make(chan struct{}),
		wrote: make(chan struct{}, 1),
	}
}

// arm makes the next write wait (all of them, with all), and releases
// them when the test ends, so nothing is left waiting.
func (k *promptKeyring) arm(t *testing.T) {
	k.armed.Store(true)
	k.first.Store(true)
	t.Cleanup(func() {
		select {
		case <-k.release:
		default:
			close(k.release)
		}
	})
}

func (k *promptKeyring) held(ctx context.Context, write func(context.Context) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if !k.armed.Load() {
		return k.signal(write(ctx))
	}
	underWay := context.WithoutCancel(ctx)
	if !k.first.CompareAndSwap(true, false) {
		if !k.all {
			return k.signal(write(ctx))
		}
		<-k.release
		return k.signal(write(underWay))
	}
	close(k.entered)
	<-k.release
	err := write(underWay)
	k.heldErr = err
	close(k.left)
	return k.signal(err)
}

func (k *promptKeyring) signal(err error) error {
	if err == nil {
		select {
		case k.wrote <- struct{}{}:
		default:
		}
	}
	return err
}

func (k *promptKeyring) Save(ctx context.Context, data []byte) error {
	return k.held(ctx, func(ctx context.Context) error { return k.MemoryStore.Save(ctx, data) })
}

func (k *promptKeyring) Clear(ctx context.Context) error {
	return k.held(ctx, k.MemoryStore.Clear)
}

// usernames are the accounts a serialized MSAL cache holds.
func usernames(t *testing.T, data []byte) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	if len(data) == 0 {
		return out
	}
	var top struct {
		Account map[string]struct {
			Username string `json:"username"`
		} `json:"Account"`
	}
	if err := json.Unmarshal(data, &top); err != nil {
		t.Fatalf("the stored cache is not MSAL's: %v", err)
	}
	for _, a := range top.Account {
		out[a.Username] = true
	}
	return out
}

// waitStored waits until the store's accounts are want (usernames).
func waitStored(t *testing.T, k *promptKeyring, want ...string) {
	t.Helper()
	deadline := time.After(10 * time.Second) // a guard against hanging, not a timing
	for {
		data, _ := k.MemoryStore.Load(ctxFor(t))
		got := usernames(t, data)
		ok := len(got) == len(want)
		for _, w := range want {
			ok = ok && got[w]
		}
		if ok {
			return
		}
		select {
		case <-k.wrote:
		case <-deadline:
			t.Fatalf("the keyring holds %v, want %v", got, want)
		}
	}
}

// withSignInPage is open with every environment's sign-in page shown
// by page.
func withSignInPage(open session.Opener, page func(ctx context.Context, u string) error) session.Opener {
	return func(ctx context.Context, o session.Options) (*session.Env, error) {
		env, err := open(ctx, o)
		if err != nil {
			return nil, err
		}
		env.SignInPage = page
		return env, nil
	}
}

// playAtOnce is a sign-in page the person finishes at once.
func playAtOnce(srv *sandbox.Server) func(ctx context.Context, u string) error {
	return func(ctx context.Context, u string) error {
		return identity.PlayBrowser(ctx, srv.IdentityHTTPClient(), u)
	}
}

func startSandbox(t *testing.T) *sandbox.Server {
	t.Helper()
	srv, err := sandbox.Start(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

type signInOutcome struct {
	acct auth.Account
	err  error
}

// within waits for an outcome, failing the test after a guard.
func within(t *testing.T, outcomes <-chan signInOutcome, what string) signInOutcome {
	t.Helper()
	select {
	case o := <-outcomes:
		return o
	case <-time.After(10 * time.Second): // a guard against hanging, not a timing
		t.Fatalf("%s: still waiting", what)
	}
	return signInOutcome{}
}

// A sign-in still waiting for the person in the browser when Settings
// re-open the connection is stopped, and says so: it used to go on, on the
// closed connection, and when the person finished it reported success
// for an account the window did not show, its tokens written to the
// keyring after the new connection had read it.
func TestSignInOvertakenByAReconnectIsStopped(t *testing.T) {
	srv := startSandbox(t)
	store := &auth.MemoryStore{}
	pages := make(chan string, 4)
	rec := newRecorder()
	c := session.New(session.Config{
		Prefs: testkit.NewPrefs(nil), OnChange: rec.on,
		Open: withSignInPage(openSignedIn(t, srv, store), func(_ context.Context, u string) error {
			pages <- u // the browser shows the page; the person has not finished
			return nil
		}),
	})
	t.Cleanup(c.Close)
	c.Connect()
	ready := rec.waitFor(t, 0, session.Ready)
	other := srv.Directory().Examples().FullHD.UserPrincipalName

	outcomes := make(chan signInOutcome, 1)
	go func() {
		acct, err := c.SignInBrowser(ctxFor(t), other)
		outcomes <- signInOutcome{acct, err}
	}()
	page := <-pages
	c.Connect() // Settings saved meanwhile
	st := rec.settled(t, ready.Seq)
	read, _ := store.Load(ctxFor(t))

	_ = identity.PlayBrowser(ctxFor(t), srv.IdentityHTTPClient(), page) // the person finishes after all
	o := within(t, outcomes, "the sign-in")
	if !errors.Is(o.err, session.ErrSignInStopped) {
		t.Errorf("the overtaken sign-in ended with (%q, %v), want ErrSignInStopped", o.acct.Username, o.err)
	}
	if now, _ := store.Load(ctxFor(t)); usernames(t, now)[other] && !usernames(t, read)[other] {
		t.Errorf("the closed connection wrote %s to the keyring after the new one had read it", other)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	for _, s := range rec.states {
		if s.Seq >= st.Seq && s.Phase == session.Ready && s.Conn.Account.Username == other {
			t.Errorf("the new connection shows %s, signed in on the closed one", other)
		}
	}
}

// A sign-in whose tokens wait on the keyring (an unlock prompt left open)
// does not hold a reconnect either: it is stopped at once. The keyring
// write under way cannot be called back, so once the prompt is answered
// the tokens land and the new connection lists the account: the person
// is not told flatly to sign in again (it said "Sign in again." whatever
// the new connection showed).
func TestSignInWaitingOnTheKeyringIsStoppedByAReconnect(t *testing.T) {
	srv, store, rec, c, ready := connectOnAPromptKeyring(t)
	other := srv.Directory().Examples().FullHD.UserPrincipalName

	store.arm(t)
	outcomes := make(chan signInOutcome, 1)
	go func() {
		acct, err := c.SignInBrowser(ctxFor(t), other)
		outcomes <- signInOutcome{acct, err}
	}()
	<-store.entered // signed in; its tokens wait on the keyring
	c.Connect()
	if st := rec.settled(t, ready.Seq); st.Phase != session.Ready || st.Conn.Account.Username != identity.DemoUPN {
		t.Errorf("after the reconnect: %v %q, want the demo account still", st.Phase, st.Conn.Account.Username)
	}
	o := within(t, outcomes, "the sign-in waiting on the keyring after the reconnect")
	if !errors.Is(o.err, session.ErrSignInStopped) {
		t.Errorf("the sign-in ended with (%q, %v), want ErrSignInStopped", o.acct.Username, o.err)
	}

	close(store.release) // the person answers the prompt
	<-store.left
	if store.heldErr != nil {
		t.Fatalf("the write under way when the keyring answered: %v", store.heldErr)
	}
	accts, err := c.Accounts(ctxFor(t))
	if err != nil || !slices.ContainsFunc(accts, func(a auth.Account) bool { return a.Username == other }) {
		t.Errorf("once the keyring answered the new connection lists %+v (%v), want %s among them", accts, err, other)
	}
	if msg := session.Explain(o.err); strings.Contains(msg, "Sign in again.") {
		t.Errorf("the stopped sign-in says %q, though the new connection lists the account", msg)
	}
}

// A sign-out waiting on the keyring (its unlock prompt left open) does
// not keep the window on "Connecting…" when Settings re-open the
// connection: the reconnect used to wait for it as long as the prompt
// stayed open. Now the new connection opens at once, with the account
// signed out there too (read back from the keyring, not signed in
// again) and its sign-out still to finish, which the new connection
// does itself once the keyring answers.
func TestReconnectDoesNotWaitForAKeyringPromptLeftOpen(t *testing.T) {
	srv := startSandbox(t)
	store := newPromptKeyring(true)
	rec := newRecorder()
	c := session.New(session.Config{Prefs: testkit.NewPrefs(nil), OnChange: rec.on, Open: openSignedIn(t, srv, store)})
	t.Cleanup(c.Close)
	c.Connect()
	ready := rec.waitFor(t, 0, session.Ready)
	demo := ready.Conn.Account

	store.arm(t)
	done := make(chan error, 1)
	c.SignOut(demo.ID, func(err error) { done <- err })
	<-store.entered // the prompt is open, and stays open
	c.Connect()
	st := rec.settled(t, ready.Seq)
	if st.Phase != session.SignedOut {
		t.Errorf("after the reconnect: %v %q, want signed out", st.Phase, st.Conn.Account.Username)
	}
	select {
	case err := <-done:
		if !errors.Is(err, session.ErrHandedOver) || !session.SignedOutUnsaved(err) {
			t.Errorf("the sign-out reported %v, want it handed over, not recorded yet", err)
		}
	case <-time.After(10 * time.Second): // a guard against hanging, not a timing
		t.Error("the sign-out's caller heard nothing while the keyring waits")
	}
	if got := c.Unforgotten(); len(got) != 1 || got[0].ID != demo.ID {
		t.Errorf("Unforgotten = %+v, want %s: its sign-out is not finished", got, demo.Username)
	}
	if _, err := c.Accounts(ctxFor(t)); err != nil {
		t.Errorf("the new connection cannot list accounts: %v", err)
	}

	close(store.release) // the person answers the prompt at last
	waitStored(t, store) // the new connection finished the sign-out
	fin := make(chan error, 1)
	c.ForgetSignedOut(demo.ID, func(err error) { fin <- err })
	if err := <-fin; err != nil {
		t.Errorf("finishing the sign-out: %v", err)
	}
	if got := c.Unforgotten(); len(got) != 0 {
		t.Errorf("Unforgotten = %+v once the keyring answered", got)
	}
}

// What the new connection writes while the closed one's sign-out waits on
// the keyring is not lost when that wait ends. The write waiting cannot
// be called back (go-keyring's calls take no context): once the prompt is
// answered it lands, with the closed connection's cache, without the
// account signed in on the new one since. The new connection used to
// take that account for signed out elsewhere as it finished the sign-out
// handed over, and the keyring was left empty; now it writes the account
// back first.
func TestSignOutHandedOverLosesNothingWrittenSince(t *testing.T) {
	srv, store, _, c, out := reconnectWhileASignOutWaits(t)
	if out.Phase != session.SignedOut {
		t.Fatalf("after the reconnect: %v, want signed out", out.Phase)
	}
	other := srv.Directory().Examples().FullHD.UserPrincipalName
	if _, err := c.SignInBrowser(ctxFor(t), other); err != nil {
		t.Fatalf("sign in on the new connection: %v", err)
	}

	close(store.release)
	<-store.left
	if store.heldErr != nil {
		t.Fatalf("the write under way when the keyring answered: %v", store.heldErr)
	}
	waitStored(t, store, other)
	if accts, err := c.Accounts(ctxFor(t)); err != nil || len(accts) != 1 || accts[0].Username != other {
		t.Errorf("the new connection lists %+v (%v), want %s alone", accts, err, other)
	}

	cloud, err := auth.SandboxCloud(srv.AuthorityURL(), srv.PublicClientID())
	if err != nil {
		t.Fatal(err)
	}
	next, err := auth.New(ctxFor(t), cloud, auth.WithHTTPClient(srv.IdentityHTTPClient()), auth.WithCacheStore(&store.MemoryStore))
	if err != nil {
		t.Fatal(err)
	}
	if accts, err := next.Accounts(ctxFor(t)); err != nil || len(accts) != 1 || accts[0].Username != other {
		t.Errorf("the next start finds %+v (%v), want %s alone", accts, err, other)
	}
}

// A token refresh whose write-back waits on the keyring as Settings
// re-open the connection does not bring back an account signed out on the
// new connection meanwhile once the prompt is answered: the new
// connection did not wait for that write, as it counted nothing running
// on the closed one, nor keep an account signed out on it out of the
// keyring, and the refreshed token stayed there.
func TestLateRefreshDoesNotBringBackAnAccountSignedOutSince(t *testing.T) {
	_, store, rec, c, ready := connectOnAPromptKeyring(t)
	demo := ready.Conn.Account

	store.arm(t)
	refreshed := make(chan error, 1)
	go func() { refreshed <- ready.Conn.EnsureScope(ctxFor(t), session.PermGroups) }()
	<-store.entered
	c.Connect()
	again := rec.settled(t, ready.Seq)
	if again.Phase != session.Ready || again.Conn.Account.ID != demo.ID {
		t.Fatalf("after the reconnect: %v, want %s signed in", again.Phase, demo.Username)
	}
	signedOut := make(chan error, 1)
	c.SignOut(demo.ID, func(err error) { signedOut <- err })
	if err := <-signedOut; err != nil {
		t.Fatalf("sign out on the new connection: %v", err)
	}

	close(store.release)
	<-refreshed
	<-store.left
	waitStored(t, store)
	if accts, err := c.Accounts(ctxFor(t)); err != nil || len(accts) != 0 {
		t.Errorf("the new connection lists %+v (%v), want nobody", accts, err)
	}
}

// What a connection signed in while it kept it from the closed one's late
// write is kept by the next when Settings re-open the connection again
// before that write lands: it used to be lost to it.
func TestSignInBetweenTwoReconnectsIsKeptFromALateWrite(t *testing.T) {
	srv, store, rec, c, out := reconnectWhileASignOutWaits(t)
	other := srv.Directory().Examples().FullHD.UserPrincipalName
	if _, err := c.SignInBrowser(ctxFor(t), other); err != nil {
		t.Fatalf("sign in on the new connection: %v", err)
	}
	signedIn := rec.waitFor(t, out.Seq, session.Ready)
	c.Connect()
	if again := rec.settled(t, signedIn.Seq); again.Phase != session.Ready || again.Conn.Account.Username != other {
		t.Fatalf("after the second reconnect: %v, want %s signed in", again.Phase, other)
	}

	close(store.release)
	<-store.left
	waitStored(t, store, other)
	if accts, err := c.Accounts(ctxFor(t)); err != nil || len(accts) != 1 || accts[0].Username != other {
		t.Errorf("the connection lists %+v (%v), want %s alone", accts, err, other)
	}
}

// A sign-out waiting on the keyring when Settings change to another
// tenant is not finished by the new connection — its tokens are another
// keyring entry's — and it says so: it used to promise the new
// connection would finish it and offer Finish signing out, which that
// connection neither does nor offers.
func TestSignOutHandedOverToAnotherTenantSaysItWaitsForIt(t *testing.T) {
	srv := startSandbox(t)
	store := newPromptKeyring(true)
	rec := newRecorder()
	prefs := testkit.NewPrefs(nil)
	sandboxOpen, contosoOpen := openSignedIn(t, srv, store), openTyped(srv, "contoso.onmicrosoft.com", store)
	c := session.New(session.Config{Prefs: prefs, OnChange: rec.on, Open: func(ctx context.Context, o session.Options) (*session.Env, error) {
		if o.Cloud.Kind == auth.Microsoft365 {
			return contosoOpen(ctx, o)
		}
		return sandboxOpen(ctx, o)
	}})
	t.Cleanup(c.Close)
	c.Connect()
	ready := rec.waitFor(t, 0, session.Ready)
	demo := ready.Conn.Account

	store.arm(t)
	done := make(chan error, 1)
	c.SignOut(demo.ID, func(err error) { done <- err })
	<-store.entered
	prefs.SetString(app.PrefCloud, app.CloudM365)
	prefs.SetString(app.PrefTenant, "contoso.onmicrosoft.com")
	prefs.SetString(app.PrefClientID, srv.PublicClientID())
	c.Connect()
	var err error
	select {
	case err = <-done:
	case <-time.After(10 * time.Second): // a guard against hanging, not a timing
		t.Fatal("the sign-out's caller heard nothing while the keyring waits")
	}
	if !errors.Is(err, session.ErrHandedOver) || !session.SignedOutUnsaved(err) || !session.SignOutHeldBack(err) {
		t.Errorf("the sign-out reported %v, want it handed over, held back, not recorded yet", err)
	}
	if msg := session.Explain(err); strings.Contains(msg, "on the new connection") || !strings.Contains(msg, "another tenant") {
		t.Errorf("the sign-out says %q, want it held back until Settings name its tenant again", msg)
	}
	rec.settled(t, ready.Seq)
	if got := c.Unforgotten(); len(got) != 0 {
		t.Errorf("the other tenant's connection offers to finish %+v", got)
	}
}

// connectOnAPromptKeyring connects a controller to a sandbox whose
// sign-in page approves at once, its tokens kept in a keyring that can be
// made to wait on an unlock prompt, and returns them once it is Ready.
func connectOnAPromptKeyring(t *testing.T) (*sandbox.Server, *promptKeyring, *recorder, *session.Controller, session.State) {
	t.Helper()
	srv := startSandbox(t)
	store := newPromptKeyring(false)
	rec := newRecorder()
	c := session.New(session.Config{
		Prefs: testkit.NewPrefs(nil), OnChange: rec.on,
		Open: withSignInPage(openSignedIn(t, srv, store), playAtOnce(srv)),
	})
	t.Cleanup(c.Close)
	c.Connect()
	return srv, store, rec, c, rec.waitFor(t, 0, session.Ready)
}

// reconnectWhileASignOutWaits connects as connectOnAPromptKeyring does,
// signs the account out with its keyring write left waiting on the
// unlock prompt, re-opens the connection meanwhile, and returns what the
// new connection settled on.
func reconnectWhileASignOutWaits(t *testing.T) (*sandbox.Server, *promptKeyring, *recorder, *session.Controller, session.State) {
	t.Helper()
	srv, store, rec, c, ready := connectOnAPromptKeyring(t)
	store.arm(t)
	c.SignOut(ready.Conn.Account.ID, nil)
	<-store.entered
	c.Connect()
	return srv, store, rec, c, rec.settled(t, ready.Seq)
}
