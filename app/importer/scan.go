package importer

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/photodesk/photodesk/app/photoedit"
)

// SmallSide is the side under which a picture is accepted with a warning:
// Teams and Outlook show photos at up to 240 px, so a smaller one looks
// blurry there.
const SmallSide = 240

// File is one file of the folder, as Scan found it.
type File struct {
	Path string // absolute
	Name string // base name, what the report shows
	Key  string // the name without its extension: what is matched
	Size int64
	// Width, Height and Format are the header's, when it could be read.
	Width, Height int
	Format        string
	// Problem is why the file cannot be a photo (not a picture, under
	// 48 px, damaged header); "" when it can.
	Problem string
}

// Small reports a usable picture under SmallSide on a side.
func (f File) Small() bool {
	return f.Problem == "" && (f.Width < SmallSide || f.Height < SmallSide)
}

// ignored are files a folder of photos holds that are nobody's picture.
var ignored = map[string]bool{"thumbs.db": true, "desktop.ini": true, ".ds_store": true}

// Scan lists the regular files of dir (not its sub-folders; hidden files
// and the system's thumbnail caches left out), sorted by name, and reads
// each one's header: every file becomes a report row, pictures or not.
func Scan(dir string) ([]File, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", dir, err)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	var files []File
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || ignored[strings.ToLower(name)] || !listed(abs, e) {
			continue
		}
		files = append(files, inspectFile(filepath.Join(abs, name)))
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return files, nil
}

// listed reports whether entry e of dir is a file to list: a regular
// file, or a link to one (a folder of links to the photos is a folder of
// photos); a broken link is listed too, so its row says it cannot be read.
// Folders, devices and pipes are not.
func listed(dir string, e os.DirEntry) bool {
	if e.Type().IsRegular() {
		return true
	}
	if e.Type()&os.ModeSymlink == 0 {
		return false
	}
	fi, err := os.Stat(filepath.Join(dir, e.Name()))
	return err != nil || fi.Mode().IsRegular()
}

// headerBytes is how much of a file Scan reads first: enough for the
// header of any picture but one with unusually large metadata, which is
// then read whole. A folder of 500 phone photos is not read in full to be
// previewed.
const headerBytes = 256 << 10

// inspectFile reads one file's header.
func inspectFile(path string) File {
	name := filepath.Base(path)
	f := File{Path: path, Name: name, Key: strings.TrimSuffix(name, filepath.Ext(name))}
	data, size, err := readHead(path, headerBytes)
	if err != nil {
		f.Problem = "cannot be read: " + unwrapPath(err)
		return f
	}
	f.Size = size
	if size > photoedit.MaxFileBytes {
		f.Problem = photoedit.ErrFileTooLarge.Error()
		return f
	}
	info, err := photoedit.Inspect(data)
	if err != nil && int64(len(data)) < size {
		if data, err = photoedit.ReadFile(path); err == nil {
			info, err = photoedit.Inspect(data)
		}
	}
	f.Width, f.Height, f.Format = info.Width, info.Height, info.Format
	if err != nil {
		f.Problem = err.Error()
	}
	return f
}

// readHead is up to n bytes from the start of path, and its size.
func readHead(path string, n int64) ([]byte, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	data, err := io.ReadAll(io.LimitReader(f, n))
	return data, fi.Size(), err
}

// unwrapPath drops the path a file error repeats: the row names the file.
func unwrapPath(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
