package app

import (
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

// Two exports started in the same second ask for the same report name:
// each gets a file of its own, the second with a counter, and nothing
// already there — a file, a symlink — is overwritten or followed.
func TestCreateNewNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "photodesk-report-20261206-101500.csv")
	target := filepath.Join(t.TempDir(), "precious")
	if err := os.WriteFile(target, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("earlier"), 0o600); err != nil {
		t.Fatal(err)
	}
	symlinked := filepath.Join(dir, "photodesk-report-20261206-101500-2.csv")
	if err := os.Symlink(target, symlinked); err != nil {
		t.Skip("no symlinks here:", err)
	}
	const n = 8
	names := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			f, name, err := CreateNew(path)
			if err != nil {
				t.Error(err)
				return
			}
			defer f.Close()
			if _, err := f.WriteString(name); err != nil {
				t.Error(err)
			}
			names[i] = name
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, name := range names {
		if seen[name] || name == path || name == symlinked {
			t.Errorf("names %v: one taken twice, or one that was there", names)
		}
		seen[name] = true
		if data, err := os.ReadFile(name); err != nil || string(data) != name {
			t.Errorf("%s holds %q, %v; want its own name", name, data, err)
		}
	}
	for i := 3; i < 3+n; i++ {
		want := filepath.Join(dir, "photodesk-report-20261206-101500-"+strconv.Itoa(i)+".csv")
		if !seen[want] {
			t.Errorf("names %v: want the counters 3 to %d, %s missing", names, 2+n, want)
		}
	}
	if data, _ := os.ReadFile(path); string(data) != "earlier" {
		t.Errorf("the earlier report now holds %q", data)
	}
	if data, _ := os.ReadFile(target); string(data) != "keep me" {
		t.Errorf("the symlink's target now holds %q", data)
	}
}
