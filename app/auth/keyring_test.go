package auth

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestKeyringLockPath: every keyring entry has its own lock file in Photo
// Desk's cache folder, named so any file system takes it, and every
// Store of one entry (the window's, the command line's) names the same.
func TestKeyringLockPath(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // os.UserCacheDir on Linux and the BSDs
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Skip("no cache directory:", err)
	}
	tenant := Cloud{Kind: Microsoft365, TenantID: "contoso.onmicrosoft.com", ClientID: "11111111-2222-3333-4444-555555555555"}
	entries := []string{
		"tokens:" + keyringName(tenant),
		"current:" + keyringName(tenant),
		"client-secret:" + keyringName(tenant),
		"tokens:" + keyringName(Cloud{Kind: Sandbox}),
		"tokens:" + keyringName(tenant) + "x",
	}
	safe := regexp.MustCompile(`^[a-z0-9._-]+\.lock$`)
	seen := map[string]string{}
	for _, entry := range entries {
		path := keyringLockPath(entry)
		if path != keyringLockPath(entry) {
			t.Errorf("%s: lock file not stable", entry)
		}
		if dir := filepath.Dir(path); dir != filepath.Join(cache, "photodesk", "keyring") {
			t.Errorf("%s: lock file in %s", entry, dir)
		}
		if name := filepath.Base(path); !safe.MatchString(name) || len(name) > 100 {
			t.Errorf("%s: lock file name %q", entry, name)
		}
		if other, ok := seen[path]; ok {
			t.Errorf("%s and %s share the lock file %s", entry, other, path)
		}
		seen[path] = entry
	}
}
