package session

import (
	"context"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
)

// photoCacheCloud names a cloud in the disk cache's keys: one name for
// the sandbox (whose authority's port changes every run, while its seeded
// photos and ETags do not) and the authority host for everything else, so
// a national cloud's tenant never shares entries with a global one.
func photoCacheCloud(env *Env) string {
	if env.Demo {
		return app.CloudSandbox
	}
	return env.Cloud.WithDefaults().AuthorityHost
}

// photoCacheTenant is the tenant whose photos an account sees, which they
// are kept under: the directory id of the tenant signed in to, from the
// tid of the account's tokens. Settings may name a tenant by its GUID or
// by a domain; both are one tenant, and the window, the command line and
// a sign-out must agree on one name for it. A guest signed in to a
// resource tenant browses that tenant's directory, so its photos are that
// tenant's: filed under the guest's home tenant they would mix with that
// tenant's and outlive a sign-out. Through organizations or common it is
// the tenant the sign-in landed in. With no token to tell (an application,
// which has no account to sign out): the tenant as typed, else the home
// tenant.
func photoCacheTenant(env *Env, acct auth.Account) string {
	if acct.DirectoryID != "" {
		return acct.DirectoryID
	}
	if t := typedTenant(env); t != "" {
		return t
	}
	if acct.TenantID != "" {
		return acct.TenantID
	}
	return env.Cloud.TenantID
}

// typedTenant is the tenant Settings name, lower-cased, when they name one
// (a GUID or a domain); "" for organizations, common and consumers.
func typedTenant(env *Env) string {
	if t := strings.ToLower(strings.TrimSpace(env.Cloud.TenantID)); !multiTenant[t] {
		return t
	}
	return ""
}

// photoCacheTenants are the tenant names a sign-out of acct drops: the one
// its photos are kept under and the tenant as typed, where earlier builds
// kept them (a domain, when Settings name one). Both name acct's tenant,
// so no other tenant's entries go. Those an older build filed under a
// guest's home tenant stay, as they may be that tenant's own: they age
// out of the cache.
func photoCacheTenants(env *Env, acct auth.Account) []string {
	kept := photoCacheTenant(env, acct)
	if typed := typedTenant(env); typed != "" && typed != kept {
		return []string{kept, typed}
	}
	return []string{kept}
}

// multiTenant are the authority's tenants that name no one tenant: the
// token is issued by the home tenant of whoever signs in.
var multiTenant = map[string]bool{"organizations": true, "common": true, "consumers": true}

// PhotoCacheScope is the cloud and tenant the window keeps env's photos
// under on disk when acct is signed in: what the command line, changing
// photos through the window's account, must clear there.
func PhotoCacheScope(env *Env, acct auth.Account) (cloud, tenant string) {
	return photoCacheCloud(env), photoCacheTenant(env, acct)
}

// photoCacheRun names the sandbox run env is: every run (every window on
// the sandbox, every Settings save) starts a tenant of its own, with the
// same id, from the same seed, so what one run changes must not be shown
// by another running at the same time. Its authority's port is its own.
// A real tenant is the same for every process: "".
func photoCacheRun(env *Env) string {
	if env.Demo {
		return env.Cloud.AuthorityHost
	}
	return ""
}

// usePhotoCache puts the disk cache, if any, under a new Conn's engine.
func (c *Controller) usePhotoCache(env *Env, conn *Conn) {
	if c.cfg.PhotoCache == nil {
		return
	}
	conn.Engine.UseDiskCacheFor(c.cfg.PhotoCache, photoCacheCloud(env), photoCacheTenant(env, conn.Account), photoCacheRun(env))
}

// forgetEarlierSandboxRuns drops what the disk cache kept of the sandbox
// tenant when env has just started a new one: its photos begin as
// seeded, so a photo changed in an earlier run — kept under the same
// name, its ETag unknown to this tenant — would be shown for the cache's
// hour in place of the one the tenant has. It runs before the new
// environment is entered, without the controller's lock: dropping waits
// for the cache's index of the disk, and the window must not.
func (c *Controller) forgetEarlierSandboxRuns(env *Env) {
	if c.cfg.PhotoCache == nil || !env.Demo {
		return
	}
	acct, _ := env.Session.Current()
	if err := c.cfg.PhotoCache.DropTenant(photoCacheCloud(env), photoCacheTenant(env, acct)); err != nil {
		c.warn("clear an earlier sandbox run's photos", err)
	}
}

// signOutTenants are the photo cache tenants of account id, signing out:
// the current account's without a keyring call (a keyring locked since
// may hold that read on its unlock prompt, and a reconnect then cut it
// off, leaving no tenant to drop), another account's as listed.
func signOutTenants(ctx context.Context, env *Env, id string) []string {
	if acct, ok := env.Session.Current(); ok && acct.ID == id {
		return photoCacheTenants(env, acct)
	}
	return accountTenants(ctx, env, id)
}

// accountTenants are the photo cache tenants of signed-in account id
// (photoCacheTenants), none if it is unknown.
func accountTenants(ctx context.Context, env *Env, id string) []string {
	accts, err := env.Session.Accounts(ctx)
	if err != nil {
		return nil
	}
	for _, a := range accts {
		if a.ID == id {
			return photoCacheTenants(env, a)
		}
	}
	return nil
}

// dropPhotos forgets a tenant's photos on disk once its account signed
// out; a failure is logged, not reported: the sign-out itself worked.
func (c *Controller) dropPhotos(env *Env, tenants []string) {
	if c.cfg.PhotoCache == nil {
		return
	}
	for _, tenant := range tenants {
		if tenant == "" {
			continue
		}
		if err := c.cfg.PhotoCache.DropTenant(photoCacheCloud(env), tenant); err != nil {
			c.warn("clear the photo cache after signing out", err)
		}
	}
}
