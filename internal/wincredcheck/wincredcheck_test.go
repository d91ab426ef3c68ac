package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSummarizeNeedsSplitTokensUnderTheLimit(t *testing.T) {
	ok := []entry{
		{"Photo Desk:tokens:sandbox:x", 120},
		{"Photo Desk:tokens:sandbox:x.g3.0", 2000},
		{"Photo Desk:tokens:sandbox:x.g3.1", 700},
	}
	if err := summarize(ok, 2000).err(); err != nil {
		t.Fatalf("split cache under the limit: %v", err)
	}
	cases := map[string][]entry{
		"no token index": {{"Photo Desk:client-secret:x", 10}, ok[1], ok[2]},
		"over the limit": {ok[0], {"Photo Desk:tokens:sandbox:x.g3.0", 2001}, ok[2]},
		"not split":      {ok[0], ok[1]},
	}
	for name, entries := range cases {
		if err := summarize(entries, 2000).err(); err == nil {
			t.Errorf("%s: passed", name)
		}
	}
}

func TestCacheSecretsFindsTokensAndSignatures(t *testing.T) {
	jwt := "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJoZWxwZGVzayJ9.c2lnbmF0dXJlLW9mLXRoZS1zYW5kYm94"
	cache := `{"AccessToken":{"k":{"secret":"` + jwt + `"}},` +
		`"RefreshToken":{"r":{"secret":"refresh-token-opaque-0123456789"}},"Account":{"a":{"secret":""}}}`
	s, err := cacheSecrets([]byte(cache))
	if err != nil {
		t.Fatal(err)
	}
	if s.access != 1 || s.refresh != 1 || s.id != 0 {
		t.Fatalf("counts = %d/%d/%d, want 1/1/0", s.access, s.refresh, s.id)
	}
	want := []string{jwt, "c2lnbmF0dXJlLW9mLXRoZS1zYW5kYm94", "refresh-token-opaque-0123456789"}
	if strings.Join(s.needles, "|") != strings.Join(want, "|") {
		t.Fatalf("needles = %q, want %q", s.needles, want)
	}
	if _, err := cacheSecrets([]byte("not json")); err == nil {
		t.Fatal("garbage parsed as a cache")
	}
}

func TestScanDirFindsTokenTextButSkipsDosdevices(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	needle := "refresh-token-opaque-0123456789"
	write("user.reg", "nothing here")
	write("dosdevices/z/leak.txt", needle) // z: is / in a Wine prefix: never walked
	res, err := scanDir(dir, time.Time{}, []string{needle})
	if err != nil || len(res.found) != 0 || res.files != 1 {
		t.Fatalf("clean prefix: %+v, %v", res, err)
	}
	write("drive_c/users/me/AppData/leak.json", `{"t":"`+needle+`"}`)
	res, err = scanDir(dir, time.Time{}, []string{needle})
	if err != nil || len(res.found) != 1 || !strings.HasSuffix(res.found[0], "leak.json") {
		t.Fatalf("leak not found: %+v, %v", res, err)
	}
	res, err = scanDir(dir, time.Now().Add(time.Hour), []string{needle})
	if err != nil || res.files != 0 {
		t.Fatalf("files older than since were read: %+v, %v", res, err)
	}
}
