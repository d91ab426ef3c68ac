package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/photodesk/photodesk/graphapi"
)

// SaveAllSizes saves every size p's photo exists in into dir, one file per
// size named by SuggestedFileName, and returns the paths written. Contacts
// and Entra-only photos have one size, so one file. All photos are fetched
// first; without overwrite, if any target file exists nothing is written
// and the error wraps ErrExists. A person without a photo gives ErrNoPhoto.
func (e *Engine) SaveAllSizes(ctx context.Context, p Person, dir string, overwrite bool) ([]string, error) {
	sizes, err := e.AvailableSizes(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("save all sizes of %s: %w", p, err)
	}
	if len(sizes) == 0 {
		sizes = []graphapi.Size{graphapi.SizeLargest}
	}
	type file struct {
		path string
		data []byte
	}
	var files []file
	seen := map[string]bool{}
	for _, s := range sizes {
		r, err := e.photo(ctx, p, s, false)
		if err != nil {
			return nil, fmt.Errorf("save all sizes of %s: %w", p, err)
		}
		if r.NoPhoto {
			continue
		}
		name := r.SuggestedFileName()
		if seen[name] {
			continue // a fallback gave a size already saved
		}
		seen[name] = true
		files = append(files, file{filepath.Join(dir, name), r.Bytes})
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("save all sizes of %s: %w", p, ErrNoPhoto)
	}
	if !overwrite {
		for _, f := range files {
			if _, err := os.Lstat(f.path); err == nil {
				return nil, fmt.Errorf("save %s: %w", f.path, ErrExists)
			}
		}
	}
	var written []string
	for _, f := range files {
		if err := SaveAtomic(f.path, f.data, overwrite); err != nil {
			return written, fmt.Errorf("save all sizes of %s: %w", p, err)
		}
		written = append(written, f.path)
	}
	return written, nil
}
