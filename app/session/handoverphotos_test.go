package session_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/internal/testkit"
)

// A sign-out handed over to the new connection (its keyring write still
// waiting on the unlock prompt when Settings re-opened the connection)
// takes the account's photos off the disk as any sign-out does: the
// reconnect cut it off before it came to them, and the connection that
// finishes it in the keyring never dropped them either, so they stayed
// for the cache's lifetime after the window said "Signed out". They go
// before the hand-over is reported.
func TestSignOutHandedOverDropsTheTenantsPhotos(t *testing.T) {
	srv := startSandbox(t)
	store := newPromptKeyring(true)
	d, other := cacheWithAnotherTenant(t)
	rec := newRecorder()
	open := openSignedIn(t, srv, store)
	withEngine := func(ctx context.Context, o session.Options) (*session.Env, error) {
		env, err := open(ctx, o)
		if err == nil {
			env.NewEngine = func(tokens graphapi.TokenSource) *app.Engine {
				return app.NewEngine(app.Config{Client: graphapi.New(graphapi.WithTokenSource(tokens), graphapi.WithBaseURL(srv.GraphURL("v1.0")))})
			}
		}
		return env, err
	}
	c := session.New(session.Config{Prefs: testkit.NewPrefs(nil), OnChange: rec.on, Open: withEngine, PhotoCache: d})
	t.Cleanup(c.Close)
	c.Connect()
	ready := rec.waitFor(t, 0, session.Ready)
	demo := ready.Conn.Account
	cloud, err := auth.SandboxCloud(srv.AuthorityURL(), srv.PublicClientID())
	if err != nil {
		t.Fatal(err)
	}
	where, tenant := session.PhotoCacheScope(&session.Env{Cloud: cloud}, demo)
	mine := diskcache.Key{Cloud: where, Tenant: tenant, Subject: "/users/x/photos", Size: "48x48"}
	if err := d.Put(mine, &diskcache.Entry{NoPhoto: true, Fetched: time.Now()}); err != nil {
		t.Fatal(err)
	}

	store.arm(t)
	done := make(chan error, 1)
	c.SignOut(demo.ID, func(err error) { done <- err })
	<-store.entered // the prompt is open
	c.Connect()
	rec.settled(t, ready.Seq)
	if err := <-done; !errors.Is(err, session.ErrHandedOver) {
		t.Fatalf("the sign-out reported %v, want it handed over", err)
	}
	// Dropped before the hand-over is reported, not with the keyring
	// call that may never come back.
	if _, ok := d.Get(mine); ok {
		t.Fatalf("%s's photos are still on disk once its sign-out was handed over", demo.Username)
	}
	close(store.release) // the keyring answers: the new connection finishes the sign-out
	waitStored(t, store)
	if _, ok := d.Get(other); !ok {
		t.Error("another tenant's entry went too")
	}
}
