package app

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 14, defect 5: a report path that is a symlink is replaced, and its
// target is left as it was.
func TestAtomicFileReplacesSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "precious")
	if err := os.WriteFile(target, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "report.csv")
	if err := os.Symlink(target, path); err != nil {
		t.Skip("no symlinks here:", err)
	}
	f, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Abort()
	if _, err := f.Write([]byte("id\n")); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(target); string(data) != "keep me" {
		t.Errorf("symlink target now holds %q", data)
	}
	if fi, err := os.Lstat(path); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("report is not a regular file: %v %v", fi, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("folder holds %d entries, want the target and the report", len(entries))
	}
}

// Abort leaves the path alone and no temporary file behind.
func TestAtomicFileAbort(t *testing.T) {
	dir := t.TempDir()
	f, err := CreateAtomic(filepath.Join(dir, "report.csv"))
	if err != nil {
		t.Fatal(err)
	}
	f.Abort()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("abort left %v", entries)
	}
}

// Publish puts the file in place and later writes still reach it there.
func TestAtomicFilePublish(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.csv")
	f, err := CreateAtomic(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Abort()
	if _, err := f.Write([]byte("a\n")); err != nil {
		t.Fatal(err)
	}
	if err := f.Publish(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("b\n")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "a\nb\n" {
		t.Errorf("published file holds %q", data)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %v, want the report alone", entries)
	}
}

// A report that cannot be made or put in place names the file meant and
// says what the failure left, as SaveAtomic does, never the hidden
// temporary file beside it (".report.csv.3030186496.tmp"): the command
// line's --report in a read-only folder said "open …/.report.csv.….tmp:
// read-only file system".
func TestAtomicFileErrorsNameTheFileMeant(t *testing.T) {
	gone := filepath.Join(t.TempDir(), "gone")
	_, err := CreateAtomic(filepath.Join(gone, "report.csv"))
	var se *SaveError
	if !errors.As(err, &se) || !errors.Is(err, fs.ErrNotExist) || strings.Contains(err.Error(), ".tmp") ||
		!strings.Contains(err.Error(), "report.csv in "+gone) || !strings.Contains(err.Error(), "nothing of it was written") {
		t.Errorf("into a folder that is not there: %q (%T), want report.csv, the reason and no temporary file", err, err)
	}

	for _, publish := range []bool{false, true} {
		dir := t.TempDir()
		path := filepath.Join(dir, "report.csv")
		// A folder of the report's name: the file cannot be put in its
		// place, and what is there stays.
		if err := os.MkdirAll(filepath.Join(path, "in the way"), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := CreateAtomic(path)
		if err != nil {
			t.Fatal(err)
		}
		if publish {
			err = f.Publish()
		} else {
			err = f.Commit()
		}
		if err == nil || strings.Contains(err.Error(), ".tmp") || !strings.Contains(err.Error(), "report.csv in "+dir) ||
			!strings.Contains(err.Error(), "the file already there is unchanged") {
			t.Errorf("publish %v: %q, want report.csv, what was left and no temporary file", publish, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("publish %v: the failure left %d entries, want only what was in the way", publish, len(entries))
		}
	}
}
