package auth

import (
	"strings"

	"github.com/photodesk/photodesk/app/auth/keyringcache"
)

// KeyringService is the one service name Photo Desk's keyring entries live
// under, so a person can find (and delete) them in their keyring manager.
const KeyringService = "Photo Desk"

// KeyringCacheStore is where MSAL's token cache for cloud lives in the OS
// keyring. Each cloud and app registration has its own entry, so switching
// between the sandbox and a tenant keeps both signed in.
func KeyringCacheStore(cloud Cloud) *keyringcache.Store {
	return keyringcache.New(KeyringService, "tokens:"+keyringName(cloud))
}

// KeyringSecretStore is where the client secret of cloud's app registration
// lives in the OS keyring.
func KeyringSecretStore(cloud Cloud) *keyringcache.Store {
	return keyringcache.New(KeyringService, "client-secret:"+keyringName(cloud))
}

// KeyringCurrentStore is the keyring entry that names the window's current
// account on cloud (see WithRememberCurrent): the tokens' entry's name
// with "current:", so the sandbox's, too, is the same on every port.
func KeyringCurrentStore(cloud Cloud) *keyringcache.Store {
	return keyringcache.New(KeyringService, "current:"+keyringName(cloud))
}

// SameTokenEntry reports whether sessions of a and b keep their tokens
// in the same keyring entry (tenant, app registration, authority): a
// session of one takes over the other's unfinished sign-outs, which a
// session of another entry hands back (DeferSignOuts).
func SameTokenEntry(a, b Cloud) bool { return keyringName(a) == keyringName(b) }

func keyringName(cloud Cloud) string {
	c := cloud.WithDefaults()
	host := c.AuthorityHost
	if c.Kind == Sandbox {
		host = "sandbox" // its port changes every run
	}
	return strings.ToLower(string(c.Kind) + ":" + host + ":" + c.TenantID + ":" + c.ClientID)
}
