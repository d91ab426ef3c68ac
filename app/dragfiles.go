package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// DragFileLife is how long a file offered by a drag out of the window is
// kept. Targets copy a dropped file after the drop (and a mail may attach
// it only when sent), so it is not removed at drop time, but swept on a
// later drag or start once it is this old.
const DragFileLife = 24 * time.Hour

// DragFiles keeps the files drags out of the window offer: each drag gets
// a folder of its own under a private root (only its owner may read it),
// and the file in it is written exactly as Save writes it — the same bytes
// under the same name — so what lands in a folder or a mail is what Save
// would have made.
type DragFiles struct {
	root string
	now  func() time.Time
}

// NewDragFiles keeps drag files under root, created if missing, and
// sweeps what earlier runs left there past DragFileLife.
func NewDragFiles(root string) (*DragFiles, error) {
	if err := os.MkdirAll(root, 0o700); err != nil {
		return nil, fmt.Errorf("drag files: %w", err)
	}
	d := &DragFiles{root: root, now: time.Now}
	d.Sweep()
	return d, nil
}

// DefaultDragRoot is where the window keeps drag files: a folder of Photo
// Desk's in the user's cache directory (the system temp folder if there is
// none).
func DefaultDragRoot() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "photodesk", "drag")
}

// Write writes r's photo into a new folder of its own under the root, as
// Save would, and returns the file's path.
func (d *DragFiles) Write(r *PhotoResult) (string, error) {
	name := r.SuggestedFileName()
	if name == "" {
		return "", errors.New("drag: there is no photo to drag")
	}
	d.Sweep() // a window open for days would otherwise keep every drag's photo
	dir, err := os.MkdirTemp(d.root, "drag-")
	if err != nil {
		return "", fmt.Errorf("drag: %w", err)
	}
	path := filepath.Join(dir, name)
	if err := SaveAtomic(path, r.Bytes, false); err != nil {
		_ = os.RemoveAll(dir)
		return "", err
	}
	return path, nil
}

// Owns says whether path is one of the drag files: a drag out of the
// window that came back to it (Windows hands a drop on the window's own
// frame to it like any other file).
func (d *DragFiles) Owns(path string) bool {
	rel, err := filepath.Rel(d.root, path)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}

// Sweep removes the drag folders older than DragFileLife.
func (d *DragFiles) Sweep() {
	entries, err := os.ReadDir(d.root)
	if err != nil {
		return
	}
	cutoff := d.now().Add(-DragFileLife)
	for _, e := range entries {
		info, err := e.Info()
		if err == nil && e.IsDir() && info.ModTime().Before(cutoff) {
			_ = os.RemoveAll(filepath.Join(d.root, e.Name()))
		}
	}
}
