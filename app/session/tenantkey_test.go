package session_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/internal/testkit"
)

// openTyped opens srv's tenant as a Microsoft 365 tenant is opened, named
// in Settings as typed (its GUID or a domain), with its tokens in store:
// no demo, so the disk cache files it as a real tenant, under the
// authority host. Someone not signed in yet signs in, as the window's
// "Sign in" would.
func openTyped(srv *sandbox.Server, typed string, store auth.CacheStore) session.Opener {
	return func(ctx context.Context, _ session.Options) (*session.Env, error) {
		cloud, err := auth.SandboxCloud(srv.AuthorityURL(), srv.PublicClientID())
		if err != nil {
			return nil, err
		}
		cloud.TenantID = typed
		sess, err := auth.New(ctx, cloud, auth.WithHTTPClient(srv.IdentityHTTPClient()), auth.WithCacheStore(store))
		if err != nil {
			return nil, err
		}
		if _, ok := sess.Current(); !ok {
			browser := func(u string) error { return identity.PlayBrowser(ctx, srv.IdentityHTTPClient(), u) }
			if _, err := sess.SignInInteractive(ctx, browser); err != nil {
				return nil, err
			}
		}
		return &session.Env{
			Session: sess, Cloud: cloud, TenantName: typed,
			NewEngine: func(tokens graphapi.TokenSource) *app.Engine {
				client := graphapi.New(graphapi.WithTokenSource(tokens), graphapi.WithBaseURL(srv.GraphURL("v1.0")))
				return app.NewEngine(app.Config{Client: client})
			},
		}, nil
	}
}

// A tenant typed in Settings as a domain is one tenant with the same
// tenant typed as its GUID: its photos are kept under its directory id
// either way, so a window on either form finds the other's, and signing
// out drops them all — with what a build before kept under the domain —
// and no other tenant's.
func TestSignOutOfATenantNamedByDomainDropsAllItsPhotos(t *testing.T) {
	srv, err := sandbox.Start(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	authority, err := url.Parse(srv.AuthorityURL())
	if err != nil {
		t.Fatal(err)
	}
	d, other := cacheWithAnotherTenant(t)
	byDomainBefore := diskcache.Key{Cloud: authority.Host, Tenant: identity.TenantDomain, Subject: "/users/old/photos", Size: "48x48"}
	if err := d.Put(byDomainBefore, &diskcache.Entry{NoPhoto: true, Fetched: time.Now()}); err != nil {
		t.Fatal(err)
	}
	var people []app.Person
	for _, u := range srv.Directory().Users()[:3] {
		people = append(people, app.PersonFromUser(graphapi.UserInfo{ID: u.ID, DisplayName: u.DisplayName, UserPrincipalName: u.UserPrincipalName}))
	}
	window := func(typed string, store auth.CacheStore) (*session.Controller, *session.Conn) {
		rec := newRecorder()
		c := session.New(session.Config{
			Prefs: testkit.NewPrefs(nil), OnChange: rec.on, PhotoCache: d,
			Open: openTyped(srv, typed, store),
		})
		t.Cleanup(c.Close)
		c.Connect()
		conn := rec.waitFor(t, 0, session.Ready).Conn
		delivered := 0
		conn.Engine.Avatars(ctxFor(t), people, func(int, app.Avatar) { delivered++ })
		if delivered != len(people) {
			t.Fatalf("typed %s: %d avatars delivered, want %d", typed, delivered, len(people))
		}
		return c, conn
	}

	byID, _ := window(srv.TenantID(), &auth.MemoryStore{})
	byID.Close()
	typed := strings.ToUpper(identity.TenantDomain[:1]) + identity.TenantDomain[1:]
	store := &auth.MemoryStore{}
	c, conn := window(typed, store)
	if _, n := d.Usage(); n != 2+len(people) {
		t.Errorf("%d entries once the tenant was opened by id and by domain, want %d: the other tenant's, one kept "+
			"under the domain before, and one set of the people's", n, 2+len(people))
	}
	// The command line, opening the window's account from the keyring,
	// clears a changed person's photos where the window keeps them.
	cloud, err := auth.SandboxCloud(srv.AuthorityURL(), srv.PublicClientID())
	if err != nil {
		t.Fatal(err)
	}
	cloud.TenantID = typed
	cli, err := auth.New(ctxFor(t), cloud, auth.WithHTTPClient(srv.IdentityHTTPClient()), auth.WithCacheStore(store))
	if err != nil {
		t.Fatal(err)
	}
	acct, _ := cli.Current()
	cliCloud, cliTenant := session.PhotoCacheScope(&session.Env{Cloud: cloud}, acct)
	photos, err := graphapi.User(srv.Directory().Users()[0].ID).PhotosPath()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := d.Get(diskcache.Key{Cloud: cliCloud, Tenant: cliTenant, Subject: photos, Size: "48x48"}); !ok || cliTenant != srv.TenantID() {
		t.Errorf("the command line looks for the window's photos under %s/%s, want %s/%s, where the window keeps them",
			cliCloud, cliTenant, authority.Host, srv.TenantID())
	}
	done := make(chan error, 1)
	c.SignOut(conn.Account.ID, func(err error) { done <- err })
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, n := d.Usage(); n != 1 {
		t.Errorf("%d entries after signing out, want only the other tenant's", n)
	}
	if _, ok := d.Get(other); !ok {
		t.Error("another tenant's entry went too")
	}
}
