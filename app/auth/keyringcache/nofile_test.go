package keyringcache

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// isolateFiles points every place a fallback file could go (home, XDG
// folders, temp, the working directory) at empty folders under one root and
// returns it, for assertNoFiles.
func isolateFiles(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, env := range []string{"HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "TMPDIR", "APPDATA", "LOCALAPPDATA"} {
		dir := filepath.Join(root, env)
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		t.Setenv(env, dir)
	}
	cwd := filepath.Join(root, "cwd")
	if err := os.Mkdir(cwd, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Chdir(cwd)
	return root
}

// assertNoFiles fails for every file under root.
func assertNoFiles(t *testing.T, root string) {
	t.Helper()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			t.Errorf("the store wrote %s", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestNoFileWrites: tokens live in the keyring or in memory, never in a
// file, whether the keyring works or not.
func TestNoFileWrites(t *testing.T) {
	root := isolateFiles(t)
	data := fakeCache(11000, 40)

	s := New(testService, testAccount, WithBackend(newMemKeyring()))
	mustSave(t, s, data)
	if got := mustLoad(t, s); len(got) != len(data) {
		t.Fatalf("Load returned %d bytes, want %d", len(got), len(data))
	}
	if err := s.Clear(t.Context()); err != nil {
		t.Fatal(err)
	}

	broken := New(testService, testAccount, WithBackend(hookKeyring{inner: newMemKeyring(), before: func(string, string) error {
		return errBusGone
	}}))
	if err := broken.Save(t.Context(), data); !IsUnavailable(err) {
		t.Fatalf("Save to a broken keyring = %v; want ErrUnavailable", err)
	}
	if got, err := broken.Load(t.Context()); !IsUnavailable(err) || got != nil {
		t.Fatalf("Load from a broken keyring = %d bytes, %v", len(got), err)
	}
	assertNoFiles(t, root)
}
