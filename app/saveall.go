package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sync/errgroup"

	"github.com/photodesk/photodesk/graphapi"
)

// SaveAllSizes saves every size p's photo exists in into dir, one file per
// size named by SuggestedFileName, and returns the paths written. Contacts
// and Entra-only photos have one size, so one file. All photos are fetched
// first; without overwrite, if any target file exists nothing is written
// and the error is a *FilesInTheWayError naming every one (it wraps
// ErrExists). A person without a photo gives ErrNoPhoto.
func (e *Engine) SaveAllSizes(ctx context.Context, p Person, dir string, overwrite bool) ([]string, error) {
	if err := CheckWritable(dir); err != nil {
		// Before the up to nine downloads, not after them.
		return nil, fmt.Errorf("save all sizes of %s: %w", p, err)
	}
	sizes, err := e.AvailableSizes(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("save all sizes of %s: %w", p, err)
	}
	if len(sizes) == 0 {
		sizes = []graphapi.Size{graphapi.SizeLargest}
	}
	results, err := e.allSizes(ctx, p, sizes)
	if err == nil && !sameUpload(results) {
		// A size kept from before a change, or a change landing between
		// the reads: the files would mix two photos. Read them all anew,
		// once — ETags that differ again, read together and fresh, say
		// less of a change than of how this tenant tags its sizes (one
		// ETag for every size is what the sandbox and the Graph Toolkit
		// assume, not what graph-facts confirms).
		e.Invalidate(p)
		results, err = e.allSizes(ctx, p, sizes)
	}
	if err != nil {
		return nil, fmt.Errorf("save all sizes of %s: %w", p, err)
	}
	type file struct {
		path string
		data []byte
	}
	var files []file
	seen := map[string]bool{}
	for _, r := range results {
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
		var inTheWay []string
		for _, f := range files {
			info, err := os.Lstat(f.path)
			switch {
			case err == nil && info.IsDir():
				// Said before asking to replace what cannot be replaced.
				return nil, fmt.Errorf("save all sizes of %s: %w", p, &SaveError{Path: f.path, Err: ErrIsFolder})
			case err == nil:
				inTheWay = append(inTheWay, f.path)
			}
		}
		if len(inTheWay) > 0 {
			return nil, &FilesInTheWayError{Paths: inTheWay}
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

// saveAllReads is how many sizes Save all sizes reads at once: Outlook's
// four photo requests at a time (shared/graph-facts.md), not one after
// another (nine round trips where three would do).
const saveAllReads = 4

// allSizes reads p's photo at each of sizes, a few at a time, in sizes'
// order.
func (e *Engine) allSizes(ctx context.Context, p Person, sizes []graphapi.Size) ([]*PhotoResult, error) {
	results := make([]*PhotoResult, len(sizes))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(saveAllReads)
	for i, s := range sizes {
		g.Go(func() error {
			r, err := e.photo(ctx, p, s, false)
			results[i] = r
			return err
		})
	}
	return results, g.Wait()
}

// sameUpload reports whether results are all of one upload: every ETag
// Graph gave is the same.
func sameUpload(results []*PhotoResult) bool {
	etag := ""
	for _, r := range results {
		switch {
		case r.NoPhoto || r.ETag == "":
		case etag == "":
			etag = r.ETag
		case !graphapi.SameETag(etag, r.ETag):
			return false
		}
	}
	return true
}
