package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
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
	return keyringStore("tokens:" + keyringName(cloud))
}

// KeyringSecretStore is where the client secret of cloud's app registration
// lives in the OS keyring.
func KeyringSecretStore(cloud Cloud) *keyringcache.Store {
	return keyringStore("client-secret:" + keyringName(cloud))
}

// KeyringCurrentStore is the keyring entry that names the window's current
// account on cloud (see WithRememberCurrent): the tokens' entry's name
// with "current:", so the sandbox's, too, is the same on every port.
func KeyringCurrentStore(cloud Cloud) *keyringcache.Store {
	return keyringStore("current:" + keyringName(cloud))
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

// keyringStore is the keyring entry account, whose writers in every
// Photo Desk process take turns through one lock file (see
// keyringcache.WithLockFile).
func keyringStore(account string) *keyringcache.Store {
	return keyringcache.New(KeyringService, account, keyringcache.WithLockFile(keyringLockPath(account)))
}

// keyringLockPath is the lock file of the keyring entry account: in Photo
// Desk's folder of the user's cache directory, next to its photo cache and
// drag files, as it holds nothing and may go at any time. Its name is the
// entry's, made safe for any file system, plus a hash of it, so entries
// never share one. Without a cache directory (no home) there is none,
// and writes go unlocked.
func keyringLockPath(account string) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	safe := []byte(account)
	for i, c := range safe {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			safe[i] = '_'
		}
	}
	sum := sha256.Sum256([]byte(account))
	name := string(safe[:min(len(safe), 80)]) + "-" + hex.EncodeToString(sum[:4]) + ".lock"
	return filepath.Join(dir, "photodesk", "keyring", name)
}
