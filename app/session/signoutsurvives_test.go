package session_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/internal/testkit"
)

// failingKeyring is a token store that refuses writes, and reads too
// when locked, while down is set.
type failingKeyring struct {
	auth.MemoryStore
	down, locked atomic.Bool
}

var errKeyringDown = errors.New("keyring locked")

func (k *failingKeyring) Load(ctx context.Context) ([]byte, error) {
	if k.down.Load() && k.locked.Load() {
		return nil, errKeyringDown
	}
	return k.MemoryStore.Load(ctx)
}

func (k *failingKeyring) Save(ctx context.Context, data []byte) error {
	if k.down.Load() {
		return errKeyringDown
	}
	return k.MemoryStore.Save(ctx, data)
}

func (k *failingKeyring) Clear(ctx context.Context) error {
	if k.down.Load() {
		return errKeyringDown
	}
	return k.MemoryStore.Clear(ctx)
}

// settled waits for the first Ready, SignedOut or Failed state after seq.
func (r *recorder) settled(t *testing.T, after uint64) session.State {
	t.Helper()
	ctx := ctxFor(t)
	for {
		r.mu.Lock()
		for _, s := range r.states {
			if s.Seq > after && s.Phase != session.Connecting {
				r.mu.Unlock()
				return s
			}
		}
		r.mu.Unlock()
		select {
		case <-r.wake:
		case <-ctx.Done():
			t.Fatalf("the connection never settled; states: %v", r.phases())
		}
	}
}

// openSignedIn opens srv's tenant with its tokens in store, the demo
// account signed in there beforehand: no sign-in at Open, which would
// sign it in afresh.
func openSignedIn(t *testing.T, srv *sandbox.Server, store auth.CacheStore) session.Opener {
	t.Helper()
	if _, err := openTyped(srv, srv.TenantID(), store)(ctxFor(t), session.Options{}); err != nil {
		t.Fatal(err)
	}
	return func(ctx context.Context, _ session.Options) (*session.Env, error) {
		cloud, err := auth.SandboxCloud(srv.AuthorityURL(), srv.PublicClientID())
		if err != nil {
			return nil, err
		}
		sess, err := auth.New(ctx, cloud, auth.WithHTTPClient(srv.IdentityHTTPClient()), auth.WithCacheStore(store))
		if err != nil {
			return nil, err
		}
		return &session.Env{Session: sess, Cloud: cloud, TenantName: srv.TenantID(), NewEngine: noEngine}, nil
	}
}

func noEngine(graphapi.TokenSource) *app.Engine { return nil }

// A sign-out the keyring could not record can still be finished after
// Settings re-open the connection (the Graph version changed): the
// "Finish signing out" list was the closed session's and went with it,
// and the account the keyring still held was signed in again by the new
// one. Whether the keyring refused only the write (the account is read
// back, and signed out again) or could not be read either, it is listed
// until the keyring works, and finishing then removes it from there.
func TestUnfinishedSignOutSurvivesAReconnect(t *testing.T) {
	for _, locked := range []bool{false, true} {
		name := map[bool]string{false: "write refused", true: "locked"}[locked]
		t.Run(name, func(t *testing.T) {
			srv, err := sandbox.Start(sandbox.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = srv.Close() })
			store := &failingKeyring{}
			store.locked.Store(locked)
			rec := newRecorder()
			c := session.New(session.Config{Prefs: testkit.NewPrefs(nil), OnChange: rec.on, Open: openSignedIn(t, srv, store)})
			t.Cleanup(c.Close)
			c.Connect()
			demo := rec.waitFor(t, 0, session.Ready).Conn.Account

			store.down.Store(true)
			done := make(chan error, 1)
			c.SignOut(demo.ID, func(err error) { done <- err })
			if err := <-done; !errors.Is(err, auth.ErrKeyringNotUpdated) {
				t.Fatalf("a sign-out the keyring did not record: %v", err)
			}
			before := rec.waitFor(t, 0, session.SignedOut)

			c.Connect() // Settings re-open the connection
			finishAfterTheReconnect(t, rec, before.Seq, c, demo, store)
			if got := c.Unforgotten(); len(got) != 0 {
				t.Errorf("Unforgotten = %+v once finished", got)
			}
		})
	}
}

// heldKeyring is a failingKeyring whose writes wait, while holding is
// set, for release: an unlock prompt left open. entered closes at the
// first write that waits.
type heldKeyring struct {
	failingKeyring
	holding          atomic.Bool
	entered, release chan struct{}
	once             sync.Once
}

func newHeldKeyring() *heldKeyring {
	return &heldKeyring{entered: make(chan struct{}), release: make(chan struct{})}
}

func (k *heldKeyring) wait() {
	if k.holding.Load() {
		k.once.Do(func() { close(k.entered) })
		<-k.release
	}
}

func (k *heldKeyring) Save(ctx context.Context, data []byte) error {
	k.wait()
	return k.failingKeyring.Save(ctx, data)
}

func (k *heldKeyring) Clear(ctx context.Context) error {
	k.wait()
	return k.failingKeyring.Clear(ctx)
}

// A sign-out still running when Settings re-open the connection (the
// keyring's unlock prompt open) is not lost: the reconnect took the
// closed session's unfinished sign-outs before this one failed, the new
// session read the account back from the keyring and signed it in again,
// and nothing offered to finish its sign-out. Now the reconnect hands it
// over as it is, without waiting for it (the account is signed out of the
// new session at once), and finishing it once the keyring works removes
// it from there.
func TestSignOutRunningDuringAReconnectIsTakenOver(t *testing.T) {
	srv, err := sandbox.Start(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	store := newHeldKeyring()
	rec := newRecorder()
	c := session.New(session.Config{Prefs: testkit.NewPrefs(nil), OnChange: rec.on, Open: openSignedIn(t, srv, store)})
	t.Cleanup(c.Close)
	c.Connect()
	ready := rec.waitFor(t, 0, session.Ready)
	demo := ready.Conn.Account

	store.down.Store(true)
	store.holding.Store(true)
	done := make(chan error, 1)
	c.SignOut(demo.ID, func(err error) { done <- err })
	<-store.entered // the sign-out waits on the keyring
	c.Connect()     // Settings re-open the connection meanwhile
	store.holding.Store(false)
	close(store.release)
	if err := <-done; !errors.Is(err, auth.ErrKeyringNotUpdated) {
		t.Fatalf("a sign-out the keyring did not record: %v", err)
	}
	finishAfterTheReconnect(t, rec, ready.Seq, c, demo, &store.failingKeyring)
}

// finishAfterTheReconnect checks that Settings re-opening the connection
// (settled after seq) neither signed demo in again nor dropped its
// sign-out the keyring did not record, then finishes that sign-out with
// the keyring working: the keyring is left empty.
func finishAfterTheReconnect(t *testing.T, rec *recorder, seq uint64, c *session.Controller, demo auth.Account, store *failingKeyring) {
	t.Helper()
	st := rec.settled(t, seq)
	if st.Phase == session.Ready && st.Conn.Account.ID == demo.ID {
		t.Errorf("the reconnect signed %s in again", demo.Username)
	}
	if got := c.Unforgotten(); len(got) != 1 || got[0].ID != demo.ID {
		t.Fatalf("after the reconnect Unforgotten = %+v, want %s", got, demo.Username)
	}

	store.down.Store(false)
	done := make(chan error, 1)
	c.ForgetSignedOut(demo.ID, func(err error) { done <- err })
	if err := <-done; err != nil {
		t.Fatalf("finishing the sign-out with the keyring working: %v", err)
	}
	if data, _ := store.Load(ctxFor(t)); len(data) != 0 {
		t.Errorf("the keyring still holds %d bytes once the sign-out was finished", len(data))
	}
}
