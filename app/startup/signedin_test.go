package startup

import (
	"errors"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
)

// prefsMap is app.Preferences in a map, as Settings would have saved them.
type prefsMap map[string]string

func (p prefsMap) String(key string) string            { return p[key] }
func (p prefsMap) SetString(key, value string)         { p[key] = value }
func (p prefsMap) Float(string) float64                { return 0 }
func (p prefsMap) SetFloat(string, float64)            {}
func (p prefsMap) Bool(key string) bool                { return p[key] == "true" }
func (p prefsMap) SetBool(string, bool)                {}
func (p prefsMap) Int(string) int                      { return 0 }
func (p prefsMap) SetInt(string, int)                  {}
func (p prefsMap) preferences() func() app.Preferences { return func() app.Preferences { return p } }

// TestSignedInSaysTheKeyringCouldNotBeRead: on a Microsoft 365 tenant,
// with no session bus (or a locked keyring), the command line cannot know
// whether anyone is signed in; it must say the keyring could not be read,
// and why, not send the person to sign in again.
func TestSignedInSaysTheKeyringCouldNotBeRead(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux's keyring is reached over a session bus that can be taken away")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:")
	prefs := prefsMap{
		app.PrefCloud:    app.CloudM365,
		app.PrefTenant:   "contoso.onmicrosoft.com",
		app.PrefClientID: "7d6b5e3a-4c1f-4b8e-9f2a-1c0d5e6f7a8b",
	}
	_, _, closeEnv, err := SignedIn(testContext(t), prefs.preferences(), "")
	if err == nil {
		closeEnv()
		t.Fatal("SignedIn found an account in a keyring it cannot reach")
	}
	if errors.Is(err, ErrNotSignedIn) || !errors.Is(err, ErrKeyringUnread) {
		t.Fatalf("SignedIn = %v, want ErrKeyringUnread", err)
	}
	for _, want := range []string{"keyring could not be read", "dbus", "unlock the keyring"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "tokens:") {
		t.Errorf("%q names the keyring entry", err)
	}
}

// TestCommandLineOnTheSandboxUsesTheWindowsAccount is the tester's report:
// the window had the demo account and another one, current; a command line
// on the sandbox (its own sandbox, sharing the keyring entry) signed the
// other one out of the keyring and acted as the demo account. It must act
// as the window's current account, and leave the window's accounts be.
func TestCommandLineOnTheSandboxUsesTheWindowsAccount(t *testing.T) {
	ctx := testContext(t)
	tokens, current := &auth.MemoryStore{}, &auth.MemoryStore{} // the keyring's two entries
	window, err := Open(ctx, Options{Cloud: auth.Cloud{Kind: auth.Sandbox}, Store: tokens, CurrentStore: current, Window: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { window.Close() })
	other := window.Sandbox.Directory().Examples().FullHD.UserPrincipalName
	if _, err := window.Session.SignInInteractive(ctx, window.signInPage(ctx), auth.WithLoginHint(other)); err != nil {
		t.Fatal(err)
	}

	cli, err := Open(ctx, Options{Cloud: auth.Cloud{Kind: auth.Sandbox}, Store: tokens, CurrentStore: current, FollowWindow: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.Close() })
	if acct, _ := cli.Session.Current(); !strings.EqualFold(acct.Username, other) {
		t.Errorf("the command line acts as %q, want the window's %q", acct.Username, other)
	}
	me, err := cli.Engine.Me(ctx)
	if err != nil || !strings.EqualFold(me.UPN, other) {
		t.Errorf("/me from the command line = %+v, %v; want %s", me, err, other)
	}

	// The window's two accounts are still in the keyring: a restarted
	// read of the entry on the window's sandbox lists both.
	again, err := auth.New(ctx, window.Cloud, auth.WithCacheStore(tokens), auth.WithHTTPClient(window.Sandbox.IdentityHTTPClient()))
	if err != nil {
		t.Fatal(err)
	}
	if accts, _ := again.Accounts(ctx); len(accts) != 2 {
		t.Errorf("the window's accounts in the keyring after the command line: %+v, want 2", accts)
	}

	// Switched back in the window, the next command line follows.
	demo := ""
	accts, _ := window.Session.Accounts(ctx)
	for _, a := range accts {
		if !strings.EqualFold(a.Username, other) {
			demo = a.ID
		}
	}
	if err := window.Session.SwitchAccount(ctx, demo); err != nil {
		t.Fatal(err)
	}
	cli2, err := Open(ctx, Options{Cloud: auth.Cloud{Kind: auth.Sandbox}, Store: tokens, CurrentStore: current, FollowWindow: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli2.Close() })
	if acct, _ := cli2.Session.Current(); acct.ID != demo {
		t.Errorf("after switching back in the window the command line acts as %q", acct.Username)
	}
}

// TestCommandLineOnTheSandboxKeepsOutlooksRule: a command line that follows
// the window's account on the sandbox starts a sandbox of its own, which
// must be the demo's — Outlook's rule of 4 photo requests in flight per app
// on, and the faults the environment asks for — as --sandbox's is: it ran
// with no rule at all, so an export that flooded Graph passed there.
func TestCommandLineOnTheSandboxKeepsOutlooksRule(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the keyring is kept out of reach through the session bus, which only Linux uses")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:") // tokens in memory: the test's keyring is not touched
	t.Setenv(EnvSandboxFaults, "server=1s")           // each photo request holds its slot long enough to overlap, even on a loaded machine
	ctx := testContext(t)
	ts, base, closeEnv, err := SignedIn(ctx, prefsMap{}.preferences(), "")
	if err != nil {
		t.Fatalf("SignedIn: %v", err)
	}
	t.Cleanup(func() { _ = closeEnv() })
	tok, err := ts.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const n = 8
	statuses := make(chan int, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/me/photo/$value", nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			statuses <- resp.StatusCode
		})
	}
	wg.Wait()
	close(statuses)
	throttled := 0
	for s := range statuses {
		if s == http.StatusTooManyRequests {
			throttled++
		}
	}
	if throttled == 0 {
		t.Errorf("%d photo requests in flight at once, none throttled: the command line's sandbox has no Outlook concurrency rule", n)
	}
}

// TestCommandLineOnTheSandboxNamesItsRun: the sandbox a command starts
// when the window is set to the sandbox is named by its run, as --sandbox's
// is (Env.SandboxRun), so the command keeps its changes in that run's
// folder: without the name they went into the backups folder's own change
// log, and a later undo acted on a sandbox that never had them.
func TestCommandLineOnTheSandboxNamesItsRun(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the keyring is kept out of reach through the session bus, which only Linux uses")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:") // tokens in memory: the test's keyring is not touched
	ts, _, closeEnv, err := SignedIn(testContext(t), prefsMap{}.preferences(), "")
	if err != nil {
		t.Fatalf("SignedIn: %v", err)
	}
	t.Cleanup(func() { _ = closeEnv() })
	r, ok := ts.(interface{ SandboxRun() string })
	if !ok || r.SandboxRun() == "" {
		t.Fatalf("the command line's own sandbox (%T) does not name its run", ts)
	}
	if _, err := ts.Token(testContext(t)); err != nil {
		t.Errorf("its account's token: %v", err)
	}
}

// TestCommandLineTakesTheWindowsGraphVersion: SignedIn asked for no
// version (the command line without --api) gives the Graph root of the
// version saved in Settings, as it takes the cloud from there; a version
// asked for (--api) overrides it.
func TestCommandLineTakesTheWindowsGraphVersion(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the keyring is kept out of reach through the session bus, which only Linux uses")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:") // tokens in memory: the test's keyring is not touched
	prefs := prefsMap{app.PrefAPIVersion: app.APIVersionBeta}
	for _, c := range []struct{ api, want string }{{"", "/beta"}, {"v1.0", "/v1.0"}} {
		_, base, closeEnv, err := SignedIn(testContext(t), prefs.preferences(), c.api)
		if err != nil {
			t.Fatalf("SignedIn(%q): %v", c.api, err)
		}
		_ = closeEnv()
		if !strings.HasSuffix(base, c.want) {
			t.Errorf("Settings on beta, asked for %q: Graph root %s, want one ending in %s", c.api, base, c.want)
		}
	}
}

// TestCommandLineIsToldWhichSettingsWereNotUnderstood: the window's saved
// settings that SignedIn read as their defaults reach the command line
// with its token source, for it to say.
func TestCommandLineIsToldWhichSettingsWereNotUnderstood(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the keyring is kept out of reach through the session bus, which only Linux uses")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:") // tokens in memory: the test's keyring is not touched
	ts, _, closeEnv, err := SignedIn(testContext(t), prefsMap{app.PrefAPIVersion: "v2"}.preferences(), "")
	if err != nil {
		t.Fatalf("SignedIn: %v", err)
	}
	t.Cleanup(func() { _ = closeEnv() })
	n, ok := ts.(interface{ SettingsNotUnderstood() []string })
	if !ok || len(n.SettingsNotUnderstood()) != 1 || !strings.Contains(n.SettingsNotUnderstood()[0], `"v2"`) {
		t.Fatalf("the token source (%T) does not tell of the saved Graph version \"v2\"", ts)
	}
}
