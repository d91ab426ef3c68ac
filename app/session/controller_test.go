package session_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/app/startup"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/internal/testkit"
)

// recorder collects the states a Controller reports.
type recorder struct {
	mu     sync.Mutex
	states []session.State
	wake   chan struct{}
}

func newRecorder() *recorder { return &recorder{wake: make(chan struct{}, 1)} }

func (r *recorder) on(st session.State) {
	r.mu.Lock()
	r.states = append(r.states, st)
	r.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// waitFor waits for a state after seq in phase, and returns it.
func (r *recorder) waitFor(t *testing.T, after uint64, phase session.Phase) session.State {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		r.mu.Lock()
		for _, st := range r.states {
			if st.Seq > after && st.Phase == phase {
				r.mu.Unlock()
				return st
			}
		}
		r.mu.Unlock()
		select {
		case <-r.wake:
		case <-deadline:
			t.Fatalf("no %v state after #%d; states: %+v", phase, after, r.phases())
		}
	}
}

func (r *recorder) phases() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, st := range r.states {
		out = append(out, st.Phase.String())
	}
	return out
}

// newController is a Controller on a sandbox of its own with tokens in
// memory; it is connected and Ready for the demo account.
func newController(t *testing.T, prefs *testkit.Prefs) (*session.Controller, *recorder, func() *startup.Env) {
	t.Helper()
	return newControllerWith(t, prefs, nil)
}

// newControllerWith is newController with cfg changed by tweak first.
func newControllerWith(t *testing.T, prefs *testkit.Prefs, tweak func(*session.Config)) (*session.Controller, *recorder, func() *startup.Env) {
	t.Helper()
	rec := newRecorder()
	var env *startup.Env
	var mu sync.Mutex
	store := &auth.MemoryStore{}
	cfg := session.Config{
		Prefs:      prefs,
		OnChange:   rec.on,
		TokenStore: func(auth.Cloud) auth.CacheStore { return store },
		Open: func(ctx context.Context, o session.Options) (*session.Env, error) {
			e, err := startup.Open(ctx, startup.Options{Cloud: o.Cloud, App: o.App, Store: o.Store, ClientOptions: o.ClientOptions})
			if err != nil {
				return nil, err
			}
			mu.Lock()
			env = e
			mu.Unlock()
			return e.ForSession(), nil
		},
	}
	if tweak != nil {
		tweak(&cfg)
	}
	c := session.New(cfg)
	t.Cleanup(c.Close)
	c.Connect()
	return c, rec, func() *startup.Env { mu.Lock(); defer mu.Unlock(); return env }
}

func ctxFor(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestConnectReportsConnectingThenReady(t *testing.T) {
	_, rec, _ := newController(t, testkit.NewPrefs(nil))
	ready := rec.waitFor(t, 0, session.Ready)
	if got := rec.phases(); got[0] != "connecting" {
		t.Errorf("phases = %v, want connecting first", got)
	}
	st := ready.Status
	if !st.Demo || st.Account != identity.DemoUPN || st.Tenant != sandbox.Domain || st.APIVersion != "v1.0" {
		t.Errorf("status = %+v", st)
	}
	conn := ready.Conn
	if conn.Ended() != nil || conn.Account.Username != identity.DemoUPN || !conn.IsDemo() {
		t.Errorf("conn = %+v, ended %v", conn.Account, conn.Ended())
	}
	if _, err := conn.Engine.Me(ctxFor(t)); err != nil {
		t.Errorf("Me on the Conn's engine: %v", err)
	}
}

func TestConnectFailureIsWordedForAPerson(t *testing.T) {
	prefs := testkit.NewPrefs(map[string]any{app.PrefCloud: app.CloudM365, app.PrefTenant: "not a tenant"})
	_, rec, _ := newController(t, prefs)
	failed := rec.waitFor(t, 0, session.Failed)
	if failed.Err == nil || !strings.Contains(failed.Reason, "Tenant") || strings.Contains(failed.Reason, "auth:") {
		t.Errorf("failed = %q (%v), want the tenant problem in a person's words", failed.Reason, failed.Err)
	}
}

// Switching ends the old Conn before SwitchAccount returns, with the
// reason; its engine gets no token any more, and the new Conn's engine
// speaks for the new account.
func TestSwitchAccountEndsTheOldConn(t *testing.T) {
	c, rec, env := newController(t, testkit.NewPrefs(nil))
	first := rec.waitFor(t, 0, session.Ready)
	other := env().Sandbox.Directory().Examples().FullHD.UserPrincipalName
	if _, err := c.SignInBrowser(ctxFor(t), other); err != nil {
		t.Fatal(err)
	}
	second := rec.waitFor(t, first.Seq, session.Ready)
	if !errors.Is(first.Conn.Ended(), session.ErrAccountSwitched) {
		t.Errorf("first Conn ended with %v, want ErrAccountSwitched", first.Conn.Ended())
	}
	me, err := second.Conn.Engine.Me(ctxFor(t))
	if err != nil || me.UPN != other {
		t.Fatalf("Me as the second account = %+v, %v", me, err)
	}

	done := make(chan error, 1)
	c.SwitchAccount(first.Conn.Account.ID, func(err error) { done <- err })
	if !errors.Is(second.Conn.Ended(), session.ErrAccountSwitched) {
		t.Errorf("second Conn not ended when SwitchAccount returned: %v", second.Conn.Ended())
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	third := rec.waitFor(t, second.Seq, session.Ready)
	if third.Conn.Account.Username != identity.DemoUPN {
		t.Errorf("current after the switch = %q", third.Conn.Account.Username)
	}
	if _, err := second.Conn.Engine.Me(ctxFor(t)); !errors.Is(err, context.Canceled) || !errors.Is(err, session.ErrAccountSwitched) {
		t.Errorf("the ended Conn's engine still gets answers: %v", err)
	}
}

// Signing the last account out leaves a SignedOut state that still says
// which tenant; Close ends the Conn and reports nothing more.
func TestSignOutLastAccountThenClose(t *testing.T) {
	c, rec, _ := newController(t, testkit.NewPrefs(nil))
	ready := rec.waitFor(t, 0, session.Ready)
	done := make(chan error, 1)
	c.SignOut(ready.Conn.Account.ID, func(err error) { done <- err })
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	out := rec.waitFor(t, ready.Seq, session.SignedOut)
	if out.Status.Account != "" || out.Where != "the sandbox tenant" || !errors.Is(ready.Conn.Ended(), session.ErrSignedOut) {
		t.Errorf("signed out: %+v, conn ended %v", out, ready.Conn.Ended())
	}
	if _, err := c.SignInBrowser(ctxFor(t), ""); err != nil {
		t.Fatal(err)
	}
	again := rec.waitFor(t, out.Seq, session.Ready)
	n := len(rec.phases())
	c.Close()
	if !errors.Is(again.Conn.Ended(), session.ErrClosed) {
		t.Errorf("Conn after Close ended with %v", again.Conn.Ended())
	}
	c.Connect()
	if got := len(rec.phases()); got != n {
		t.Errorf("states reported after Close: %v", rec.phases()[n:])
	}
}

// A client secret the keyring refuses is kept for this run and used by
// the next connection.
func TestSaveSecretFallsBackToMemory(t *testing.T) {
	refused := errors.New("no keyring")
	cloud := auth.Cloud{Kind: auth.Microsoft365, TenantID: "contoso.com", ClientID: "11111111-2222-3333-4444-555555555555"}.WithDefaults()
	prefs := testkit.NewPrefs(map[string]any{
		app.PrefCloud: app.CloudM365, app.PrefTenant: cloud.TenantID, app.PrefClientID: cloud.ClientID, app.PrefAuthMode: app.AuthAppSecret,
	})
	opened := make(chan session.Options, 2)
	c := session.New(session.Config{
		Prefs:       prefs,
		SecretStore: func(auth.Cloud) auth.CacheStore { return refusingStore{refused} },
		Open: func(_ context.Context, o session.Options) (*session.Env, error) {
			opened <- o
			return nil, errors.New("no tenant here")
		},
	})
	t.Cleanup(c.Close)
	if err := c.SaveSecret(ctxFor(t), cloud, "s3cret"); !errors.Is(err, refused) {
		t.Fatalf("SaveSecret = %v, want the keyring's refusal", err)
	}
	c.Connect()
	o := <-opened
	if o.App == nil || o.App.Secret == nil {
		t.Fatalf("opened with %+v", o)
	}
	if got, _ := o.App.Secret.Load(ctxFor(t)); string(got) != "s3cret" {
		t.Errorf("secret used = %q, want the one kept in memory", got)
	}
}

type refusingStore struct{ err error }

func (s refusingStore) Load(context.Context) ([]byte, error) { return nil, s.err }
func (s refusingStore) Save(context.Context, []byte) error   { return s.err }
func (s refusingStore) Clear(context.Context) error          { return s.err }

// A Connect overtaken by another ends its Open's context: an attempt
// hanging on a tenant's discovery or a keyring read stops, rather than
// running on for an answer nobody takes.
func TestAnOvertakenConnectStopsItsOpen(t *testing.T) {
	rec := newRecorder()
	first := make(chan context.Context, 1)
	calls := 0
	c := session.New(session.Config{
		Prefs:    testkit.NewPrefs(nil),
		OnChange: rec.on,
		Open: func(ctx context.Context, o session.Options) (*session.Env, error) {
			calls++
			if calls == 1 {
				first <- ctx
				<-ctx.Done() // hangs until overtaken
				return nil, ctx.Err()
			}
			return nil, errors.New("the second attempt fails at once")
		},
	})
	t.Cleanup(c.Close)
	c.Connect()
	ctx := <-first
	c.Connect()
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second): // a guard against hanging, not a timing
		t.Fatal("the first Open's context was not ended by the second Connect")
	}
}

// A saved Graph version Photo Desk does not know is read as v1.0, and the
// status bar's notice says so from the start.
func TestStatusNoticeSaysWhatTheSettingsDidNotUnderstand(t *testing.T) {
	_, rec, _ := newController(t, testkit.NewPrefs(map[string]any{app.PrefAPIVersion: "v2"}))
	st := rec.waitFor(t, 0, session.Ready).Status
	want := `The saved Graph version "v2" is not one Photo Desk knows (v1.0 or beta): using v1.0.`
	if st.APIVersion != "v1.0" || !strings.Contains(st.Notice, want) {
		t.Errorf("status = %+v, want v1.0 and a notice with %q", st, want)
	}
}
