package app

import (
	"path/filepath"
	"runtime"
	"testing"
)

// TestSyncDir: a folder syncs; a missing one is an error, not a silent
// success a backup would rely on.
func TestSyncDir(t *testing.T) {
	if err := SyncDir(t.TempDir()); err != nil {
		t.Errorf("sync a folder: %v", err)
	}
	if err := SyncDir(filepath.Join(t.TempDir(), "missing")); err == nil && runtime.GOOS != "windows" {
		t.Error("a missing folder synced")
	}
}
