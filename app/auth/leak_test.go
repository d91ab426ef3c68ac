package auth

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/photodesk/photodesk/app/auth/keyringcache"
)

// TestNoTokensOutsideTheStore signs in fully, then searches the home,
// config, cache and data folders and the log for the access and refresh
// tokens: they may only be in the cache store (the keyring).
func TestNoTokensOutsideTheStore(t *testing.T) {
	root := t.TempDir()
	for _, env := range []string{"HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "TMPDIR"} {
		dir := filepath.Join(root, env)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		t.Setenv(env, dir)
	}
	sb := startSandbox(t, nil)
	store := keyringcache.New(KeyringService, "tokens:leak-test", keyringcache.WithBackend(newFakeKeyring()))
	var logs logBuffer
	s := sb.newSession(t, store, WithLogger(newLogger(&logs)))
	signInDevice(t, s)
	ctx := testContext(t)
	if err := s.EnsureScopes(ctx, "Group.Read.All", "Contacts.Read"); err != nil {
		t.Fatal(err)
	}
	access, err := s.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	blob, err := store.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	refresh := refreshTokenIn(t, blob)
	if !bytes.Contains(blob, []byte(access)) {
		t.Fatal("the access token is not in the store: the search below would prove nothing")
	}
	if len(access) < 100 || len(refresh) < 64 {
		t.Fatalf("tokens to look for look wrong: %d and %d bytes", len(access), len(refresh))
	}

	secrets := map[string][]byte{"access token": []byte(access), "refresh token": []byte(refresh)}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for what, s := range secrets {
			if bytes.Contains(data, s) {
				t.Errorf("%s found in %s", what, path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for what, s := range secrets {
		if bytes.Contains([]byte(logs.String()), s) {
			t.Errorf("%s found in the log", what)
		}
	}
}

// refreshTokenIn finds a refresh token secret in MSAL's cache JSON.
func refreshTokenIn(t *testing.T, data []byte) string {
	t.Helper()
	i := bytes.Index(data, []byte(`"RefreshToken"`))
	if i < 0 {
		t.Fatalf("no refresh token section in the stored cache")
	}
	dec := json.NewDecoder(bytes.NewReader(data[i+len(`"RefreshToken"`)+1:]))
	var section map[string]struct {
		Secret string `json:"secret"`
	}
	if err := dec.Decode(&section); err != nil {
		t.Fatalf("refresh token section: %v", err)
	}
	for _, rt := range section {
		return rt.Secret
	}
	t.Fatal("empty refresh token section")
	return ""
}
