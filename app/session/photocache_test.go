package session_test

import (
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/internal/testkit"
)

// cacheWithAnotherTenant is a disk cache holding one entry, other, of a
// tenant no test signs in to.
func cacheWithAnotherTenant(t *testing.T) (*diskcache.Cache, diskcache.Key) {
	t.Helper()
	d, err := diskcache.Open(diskcache.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	other := diskcache.Key{Cloud: "login.microsoftonline.com", Tenant: "another", Subject: "/users/x/photos", Size: "48x48"}
	if err := d.Put(other, &diskcache.Entry{NoPhoto: true, Fetched: time.Now()}); err != nil {
		t.Fatal(err)
	}
	return d, other
}

// TestSignOutDropsTheTenantsPhotos: the Conn's engine writes avatars to
// the disk cache under its tenant; signing out removes them and leaves
// another tenant's entries alone.
func TestSignOutDropsTheTenantsPhotos(t *testing.T) {
	d, other := cacheWithAnotherTenant(t)
	c, rec, env := newControllerWith(t, testkit.NewPrefs(nil), func(cfg *session.Config) { cfg.PhotoCache = d })
	ready := rec.waitFor(t, 0, session.Ready)
	var people []app.Person
	for _, u := range env().Sandbox.Directory().Users()[:5] {
		people = append(people, app.PersonFromUser(graphapi.UserInfo{ID: u.ID, DisplayName: u.DisplayName, UserPrincipalName: u.UserPrincipalName}))
	}
	delivered := 0
	ready.Conn.Engine.Avatars(ctxFor(t), people, func(int, app.Avatar) { delivered++ })
	if _, n := d.Usage(); delivered != len(people) || n != 1+len(people) {
		t.Fatalf("%d avatars delivered, %d entries on disk; want %d and %d", delivered, n, len(people), 1+len(people))
	}
	done := make(chan error, 1)
	c.SignOut(ready.Conn.Account.ID, func(err error) { done <- err })
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

// A sandbox started afresh begins with its seeded photos, so what an
// earlier run kept is dropped: a photo changed in that run would be shown,
// for the cache's hour, in place of the one the new tenant has.
func TestANewSandboxRunDropsTheLastRunsPhotos(t *testing.T) {
	d, other := cacheWithAnotherTenant(t)
	run := func() (delivered int) {
		c, rec, env := newControllerWith(t, testkit.NewPrefs(nil), func(cfg *session.Config) { cfg.PhotoCache = d })
		defer c.Close()
		ready := rec.waitFor(t, 0, session.Ready)
		var people []app.Person
		for _, u := range env().Sandbox.Directory().Users()[:3] {
			people = append(people, app.PersonFromUser(graphapi.UserInfo{ID: u.ID, DisplayName: u.DisplayName, UserPrincipalName: u.UserPrincipalName}))
		}
		ready.Conn.Engine.Avatars(ctxFor(t), people, func(int, app.Avatar) { delivered++ })
		return delivered
	}
	if n := run(); n != 3 {
		t.Fatalf("first run delivered %d avatars", n)
	}
	if _, n := d.Usage(); n != 4 {
		t.Fatalf("%d entries after the first run, want its 3 and the other tenant's", n)
	}
	c, rec, _ := newControllerWith(t, testkit.NewPrefs(nil), func(cfg *session.Config) { cfg.PhotoCache = d })
	defer c.Close()
	rec.waitFor(t, 0, session.Ready)
	if _, n := d.Usage(); n != 1 {
		t.Errorf("%d entries once a new sandbox is ready, want only the other tenant's", n)
	}
	if _, ok := d.Get(other); !ok {
		t.Error("another tenant's entry went too")
	}
}

// Two windows on the sandbox at once each have a sandbox tenant of their
// own, with the same id: each keeps its own copy of a photo on disk, so
// neither is shown what the other's tenant has (a photo changed there).
func TestSandboxRunsAtOnceKeepApartOnDisk(t *testing.T) {
	d, _ := cacheWithAnotherTenant(t)
	var windows []*session.Conn
	var people []app.Person
	for range 2 {
		c, rec, env := newControllerWith(t, testkit.NewPrefs(nil), func(cfg *session.Config) { cfg.PhotoCache = d })
		defer c.Close()
		windows = append(windows, rec.waitFor(t, 0, session.Ready).Conn)
		if people == nil {
			for _, u := range env().Sandbox.Directory().Users()[:3] {
				people = append(people, app.PersonFromUser(graphapi.UserInfo{ID: u.ID, DisplayName: u.DisplayName, UserPrincipalName: u.UserPrincipalName}))
			}
		}
	}
	for _, conn := range windows {
		conn.Engine.Avatars(ctxFor(t), people, func(int, app.Avatar) {})
	}
	if _, n := d.Usage(); n != 1+2*len(people) {
		t.Errorf("%d entries, want each window's %d and the other tenant's one: the windows share their sandbox photos", n, len(people))
	}
}

// A guest signed in to a resource tenant browses that tenant: its photos
// are kept under it, not under the guest's home tenant, so a sign-out of
// that account drops them and the two tenants' photos never mix. The
// tenant is the one its tokens come from (their tid, the directory id),
// however Settings name it; signed in through organizations or common,
// the one the sign-in landed in. Without a token to tell, the tenant as
// typed, else the home tenant.
func TestGuestsPhotosAreKeptUnderTheTenantBrowsed(t *testing.T) {
	const (
		home     = "11111111-1111-1111-1111-111111111111" // the guest's own organisation
		resource = "22222222-2222-2222-2222-222222222222" // the tenant they are a guest in
	)
	signedInTo := func(dir string) auth.Account {
		return auth.Account{ID: "oid." + home, Username: "jane@fabrikam.com", TenantID: home, DirectoryID: dir}
	}
	guest, member := signedInTo(resource), signedInTo(home)
	noIDToken := signedInTo("")
	m365 := func(tenant string) *session.Env {
		return &session.Env{Cloud: auth.Cloud{Kind: auth.Microsoft365, TenantID: tenant, ClientID: "c"}}
	}
	tests := []struct {
		name, configured string
		acct             auth.Account
		want             string
	}{
		{"guest in a resource tenant by id", resource, guest, resource},
		{"guest in a resource tenant by id, upper case", strings.ToUpper(resource), guest, resource},
		{"guest in a resource tenant by domain", "Contoso.onmicrosoft.com", guest, resource},
		{"member of their home tenant", home, member, home},
		{"member of their home tenant by domain", "fabrikam.com", member, home},
		{"organizations: the tenant signed in to", "organizations", member, home},
		{"common: the tenant signed in to", "common", member, home},
		{"no id token: the tenant as typed", "Contoso.onmicrosoft.com", noIDToken, "contoso.onmicrosoft.com"},
		{"no id token, organizations: the home tenant", "organizations", noIDToken, home},
		{"an application: the tenant configured", resource, auth.Account{}, resource},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cloud, tenant := session.PhotoCacheScope(m365(tt.configured), tt.acct)
			if tenant != tt.want || cloud != auth.DefaultAuthorityHost {
				t.Errorf("photos kept under %s/%s, want %s/%s", cloud, tenant, auth.DefaultAuthorityHost, tt.want)
			}
		})
	}
}
