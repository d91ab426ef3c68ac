package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A drag file is the file Save writes: same name, same bytes, in a private
// folder of its own; a second drag of the same photo does not collide.
func TestDragFilesWriteWhatSaveWrites(t *testing.T) {
	root := filepath.Join(t.TempDir(), "drag")
	d, err := NewDragFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	r := &PhotoResult{Person: userPerson("ann"), Bytes: []byte("\xff\xd8jpeg bytes"), Format: "jpeg", Width: 648, Height: 648}
	first, err := d.Write(r)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(first) != r.SuggestedFileName() {
		t.Errorf("name = %q, want Save's %q", filepath.Base(first), r.SuggestedFileName())
	}
	if got, _ := os.ReadFile(first); !bytes.Equal(got, r.Bytes) {
		t.Errorf("bytes = %q, want the photo's", got)
	}
	second, err := d.Write(r)
	if err != nil || second == first {
		t.Fatalf("second drag = %q, %v; want a file of its own", second, err)
	}
	if info, err := os.Stat(root); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("root mode = %v, %v; want private (0700)", info.Mode().Perm(), err)
	}
	if _, err := d.Write(&PhotoResult{NoPhoto: true}); err == nil {
		t.Error("a drag without a photo wrote a file")
	}
}

// Old drag folders are swept by the next drag; recent ones (a target may
// still read them) are kept.
func TestDragFilesSweepOnlyOldFolders(t *testing.T) {
	root := t.TempDir()
	d, err := NewDragFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	r := &PhotoResult{Person: userPerson("ann"), Bytes: []byte("x"), Format: "png", Width: 1, Height: 1}
	old, _ := d.Write(r)
	recent, _ := d.Write(r)
	past := time.Now().Add(-DragFileLife - time.Hour)
	if err := os.Chtimes(filepath.Dir(old), past, past); err != nil {
		t.Fatal(err)
	}
	next, err := d.Write(r) // the next drag sweeps, in a window open for days
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("old drag file still there: %v", err)
	}
	for _, p := range []string{recent, next} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("recent drag file swept: %v", err)
		}
	}
}

// Owns knows the drag files, and nothing beside or above them.
func TestDragFilesOwns(t *testing.T) {
	root := filepath.Join(t.TempDir(), "drag")
	d, err := NewDragFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	file, err := d.Write(&PhotoResult{Person: userPerson("ann"), Bytes: []byte("\xff\xd8jpeg"), Format: "jpeg", Width: 48, Height: 48})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{
		file:                               true,
		filepath.Dir(file):                 true,
		root:                               false,
		root + "2/drag-1/ann.jpg":          false, // a sibling folder whose name starts alike
		filepath.Join(root, "..", "x.jpg"): false,
		filepath.Dir(root):                 false,
	} {
		if got := d.Owns(path); got != want {
			t.Errorf("Owns(%q) = %v, want %v", path, got, want)
		}
	}
}
