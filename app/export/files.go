package export

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// names hands out file names so two people whose UPNs sanitise to the same
// stem never write over each other. Keys are lower-cased because Windows
// and macOS file systems ignore case.
type names struct {
	mu    sync.Mutex
	owner map[string]string // lower-cased file name -> person id
}

// claim reserves name (or name with a _2, _3… suffix) for id.
func (n *names) claim(name, id string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.owner == nil {
		n.owner = make(map[string]string)
	}
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 1; ; i++ {
		try := name
		if i > 1 {
			try = stem + "_" + strconv.Itoa(i) + ext
		}
		k := strings.ToLower(try)
		if owner, taken := n.owner[k]; !taken || owner == id {
			n.owner[k] = id
			return try
		}
	}
}

// save writes a verified photo into the export folder atomically and
// returns its name; the rename is atomic, so a file is never half-written.
// A file already there is replaced only with Force, or with Resume when the
// last report lists it (it is that export's own file, maybe outdated);
// otherwise it is kept and kept is true (issue 14: an export must not
// silently replace files it did not write).
func (r *run) save(ps *personState, img *app.Decoded, data []byte) (name string, kept bool, err error) {
	name = r.names.claim(app.PhotoFileName(ps.person, img.Format, img.Width, img.Height), ps.person.ID)
	replace := r.opts.Force || r.prevFiles[strings.ToLower(name)]
	err = app.SaveAtomic(filepath.Join(r.opts.Dir, name), data, replace)
	if !replace && errors.Is(err, app.ErrExists) {
		return name, true, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("save photo of %s: %w", ps.person.Secondary(), err)
	}
	return name, false, nil
}

// photoName matches the names exports give photos, <stem>_<W>x<H>.<ext>,
// and reads their size and extension.
var photoName = regexp.MustCompile(`(?i)_([0-9]+)x([0-9]+)\.(jpe?g|png|gif|bmp)$`)

// ExistingPhotos counts the files in dir named like an export's photos,
// whoever they are of: what earlier exports left there. It is what a
// window can say before an export whose people are not known until it
// runs (every user, a group's members); how many of them the export will
// meet is not known then, so it must not be called that. When the people
// are known, PhotosInTheWay counts the files the export would write again.
// A missing dir has none.
func ExistingPhotos(dir string) (int, error) {
	entries, err := readFolder(dir)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if e.Type().IsRegular() && photoName.MatchString(e.Name()) {
			n++
		}
	}
	return n, nil
}

// previous indexes the last run's rows by lower-cased person id.
func indexPrevious(rows []Row) map[string][]Row {
	idx := make(map[string][]Row)
	for _, row := range rows {
		if row.ID == "" {
			continue
		}
		k := strings.ToLower(row.ID)
		idx[k] = append(idx[k], row)
	}
	return idx
}

// fileKept reports whether a previous row's file is still in the export
// folder. A name that is not a plain local path is never trusted.
func (r *run) fileKept(row Row) bool {
	if row.File == "" || !filepath.IsLocal(row.File) || strings.ContainsAny(row.File, `/\`) {
		return false
	}
	fi, err := os.Stat(filepath.Join(r.opts.Dir, row.File))
	return err == nil && fi.Mode().IsRegular()
}

// earlierFile is, in a resumed run, the file the last run wrote for a
// person at size and that is still there: a person who fails this time
// keeps it in their error row, so the export still knows the file for its
// own and a later resume replaces it, rather than finding it in its way.
func (r *run) earlierFile(ps *personState, size graphapi.Size) string {
	if !r.opts.Resume {
		return ""
	}
	for _, row := range r.prev[strings.ToLower(ps.person.ID)] {
		if row.Status != StatusExists && row.Size == app.SizeName(size) && r.fileKept(row) {
			return row.File
		}
	}
	return ""
}

// unchanged returns the last run's row for a person at size when its file
// is still there and etag (from metadata just fetched) matches.
func (r *run) unchanged(ps *personState, size graphapi.Size, etag string) *Row {
	if !r.opts.Resume {
		return nil
	}
	for _, row := range r.prev[strings.ToLower(ps.person.ID)] {
		if row.Status == StatusOK && row.Size == app.SizeName(size) && graphapi.SameETag(row.ETag, etag) && r.fileKept(row) {
			return &row
		}
	}
	return nil
}

// resumable picks the last run's row to check for a person in ModeOne: the
// ok row at the size asked for, or a smaller one that was its fallback.
func (r *run) resumable(ps *personState) (*Row, graphapi.Size) {
	if r.opts.Sizes.Mode != ModeOne {
		return nil, ""
	}
	return r.resumableAt(ps, r.opts.Sizes.Size)
}

// resumableAt is resumable for the size want: the last run's ok row of
// exactly that size. A row of another size is downloaded again: the report
// does not say which size its run asked for, so a smaller row may be the
// fallback of this size or what an earlier --size asked for, and only a
// download at want tells which (the few people lacking a size pay it).
func (r *run) resumableAt(ps *personState, want graphapi.Size) (*Row, graphapi.Size) {
	if !r.opts.Resume {
		return nil, ""
	}
	for _, row := range r.prev[strings.ToLower(ps.person.ID)] {
		if row.Status == StatusOK && r.fileKept(row) && row.Size == app.SizeName(want) {
			return &row, want
		}
	}
	return nil, ""
}

// firstTask is the first request for a person: metadata for the audit or
// a resume check, the size list for "all", else the photo itself.
func (r *run) firstTask(ps *personState) *task {
	switch r.opts.Sizes.Mode {
	case ModeNone:
		return &task{ps: ps, kind: taskMeta, size: graphapi.SizeLargest, purpose: forAudit}
	case ModeAll:
		return &task{ps: ps, kind: taskList, purpose: forAll}
	}
	if prev, size := r.resumable(ps); prev != nil {
		return &task{ps: ps, kind: taskMeta, size: size, purpose: forResume, prev: prev}
	}
	return &task{ps: ps, kind: taskPhoto, size: ps.requested}
}
