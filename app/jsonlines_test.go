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

// TestReadJSONLines: damaged and unwanted lines are skipped, the rest kept
// in order; a missing file has no lines.
func TestReadJSONLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.jsonl")
	if err := os.WriteFile(path, []byte("{\"n\":1}\n{\"n\":\ngarbage\n{\"n\":0}\n{\"n\":3}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	type line struct{ N int }
	got, err := ReadJSONLines(path, func(l line) bool { return l.N != 0 })
	if err != nil || len(got) != 2 || got[0].N != 1 || got[1].N != 3 {
		t.Fatalf("lines %+v, %v", got, err)
	}
	if got, err := ReadJSONLines(filepath.Join(t.TempDir(), "missing"), func(line) bool { return true }); err != nil || got != nil {
		t.Errorf("missing file: %+v, %v", got, err)
	}
}

// syncRecorder is a SyncWriter that records what was written before each
// Sync.
type syncRecorder struct {
	buf    []byte
	writes int
	synced []string
}

func (r *syncRecorder) Write(p []byte) (int, error) {
	r.writes++
	r.buf = append(r.buf, p...)
	return len(p), nil
}

func (r *syncRecorder) Sync() error {
	r.synced = append(r.synced, string(r.buf))
	return nil
}

// TestWriteJSONLine: a held file gets each line in one write, synced
// before WriteJSONLine returns, as AppendJSONLine does.
func TestWriteJSONLine(t *testing.T) {
	var r syncRecorder
	for _, v := range []map[string]int{{"a": 1}, {"b": 2}} {
		if err := WriteJSONLine(&r, v); err != nil {
			t.Fatal(err)
		}
	}
	if r.writes != 2 || len(r.synced) != 2 || r.synced[0] != "{\"a\":1}\n" || r.synced[1] != "{\"a\":1}\n{\"b\":2}\n" {
		t.Errorf("%d writes, synced %q", r.writes, r.synced)
	}
	if err := WriteJSONLine(&r, func() {}); err == nil || r.writes != 2 {
		t.Error("a value that is not JSON was written")
	}
}

// TestAppendAfterTornLine: a line cut short by a crash does not swallow
// the next one written, through either writer.
func TestAppendAfterTornLine(t *testing.T) {
	type line struct{ N int }
	path := filepath.Join(t.TempDir(), "log.jsonl")
	if err := os.WriteFile(path, []byte("{\"N\":1}\n{\"N\":"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := AppendJSONLine(path, line{2}); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(0, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("{\"N\"")); err != nil { // torn again
		t.Fatal(err)
	}
	if err := WriteJSONLine(f, line{3}); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	got, err := ReadJSONLines(path, func(line) bool { return true })
	if err != nil || len(got) != 3 || got[0].N != 1 || got[1].N != 2 || got[2].N != 3 {
		data, _ := os.ReadFile(path)
		t.Fatalf("lines %+v, %v; file %q", got, err, data)
	}
}
