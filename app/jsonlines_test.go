package app

import (
	"os"
	"path/filepath"
	"testing"
)

// TestAppendJSONLine: each call adds exactly one line to a private file.
func TestAppendJSONLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.jsonl")
	for _, v := range []map[string]int{{"a": 1}, {"b": 2}} {
		if err := AppendJSONLine(path, v); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil || string(data) != "{\"a\":1}\n{\"b\":2}\n" {
		t.Fatalf("file holds %q, %v", data, err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if err := AppendJSONLine(filepath.Join(t.TempDir(), "missing", "x"), 1); err == nil {
		t.Error("a missing folder was not an error")
	}
}
