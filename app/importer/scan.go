package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/photodesk/photodesk/app"
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
	// 48 px, damaged or cut short); "" when it can.
	Problem string
}

// Small reports a usable picture under SmallSide on a side.
func (f File) Small() bool {
	return f.Problem == "" && (f.Width < SmallSide || f.Height < SmallSide)
}

// ignored are files a folder of photos holds that are nobody's picture.
var ignored = map[string]bool{"thumbs.db": true, "desktop.ini": true, ".ds_store": true}

// Scan lists the entries of dir (not its sub-folders; hidden files and
// the system's thumbnail caches left out), sorted by name, and reads each
// file's header: every entry becomes a report row, pictures or not, and
// a pipe or a device one that says it is not a file.
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

// listed reports whether entry e of dir is a row: anything but a folder
// or a link to one (sub-folders are not looked in). A link to a picture
// is the picture (a folder of links to the photos is a folder of
// photos); a broken link, a named pipe, a device or a socket — or a link
// to one — is listed too, so its row says why it is not imported rather
// than the count of files silently coming up short.
func listed(dir string, e os.DirEntry) bool {
	if e.IsDir() {
		return false
	}
	if e.Type()&os.ModeSymlink == 0 {
		return true
	}
	fi, err := os.Stat(filepath.Join(dir, e.Name()))
	return err != nil || !fi.IsDir()
}

// notAFile is why a listed entry that is not a regular file (nor a link
// to one) is not a picture; "" for a regular file. It is found without
// opening the file: opening a named pipe waits for a writer, for ever.
func notAFile(mode os.FileMode) string {
	switch {
	case mode.IsRegular():
		return ""
	case mode&os.ModeNamedPipe != 0:
		return "a named pipe, not a file"
	case mode&os.ModeDevice != 0:
		return "a device, not a file"
	case mode&os.ModeSocket != 0:
		return "a socket, not a file"
	}
	return "not a file"
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
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		f.Problem = notAFile(fi.Mode())
		return f
	}
	data, size, err := readHead(path, headerBytes)
	if err != nil {
		f.Problem = "cannot be read: " + app.PathReason(err).Error()
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
	if err == nil && !endsWell(path, info.Format, data, size) {
		err = decodes(path, data, size)
	}
	if err != nil {
		f.Problem = err.Error()
	}
	return f
}

// tailBytes is how much of a file's end endsWell looks at: PNG's IEND
// chunk, the longest end mark, is 12 bytes.
const tailBytes = 12

// endsWell reports whether the picture ends with its format's end mark
// (JPEG's EOI marker, PNG's IEND chunk, GIF's trailer). A file cut short
// by a copy or a download lacks it, and the header alone looks fine: the
// preview would promise an upload that the run's decode then fails.
// false also means "not known": a BMP or WebP, or bytes after the end
// (a phone's motion photo carries its video after the JPEG), which
// decodes then settles. Reading 12 bytes of the end keeps a folder of
// intact photos as cheap to scan as their headers.
func endsWell(path, format string, head []byte, size int64) bool {
	tail := head
	if int64(len(head)) < size {
		var err error
		if tail, err = readTail(path, size, tailBytes); err != nil {
			return false
		}
	}
	switch format {
	case "jpeg":
		return bytes.HasSuffix(tail, []byte{0xff, 0xd9})
	case "png":
		return bytes.HasSuffix(tail, []byte("\x00\x00\x00\x00IEND\xaeB`\x82"))
	case "gif":
		return bytes.HasSuffix(tail, []byte{0x3b})
	}
	return false
}

// decodes is nil when the whole picture decodes as the run will decode
// it (photoedit.Load), else why not: "the picture is damaged or
// incomplete: …". Only files whose end did not settle it come here.
func decodes(path string, head []byte, size int64) error {
	data := head
	if int64(len(head)) < size {
		var err error
		if data, err = photoedit.ReadFile(path); err != nil {
			return fmt.Errorf("cannot be read: %v", app.PathReason(err))
		}
	}
	return photoedit.Check(data)
}

// readTail is the last n bytes of a file of size bytes (all of it when
// shorter).
func readTail(path string, size, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	n = min(n, size)
	buf := make([]byte, n)
	if _, err := f.ReadAt(buf, size-n); err != nil {
		return nil, err
	}
	return buf, nil
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
	if why := notAFile(fi.Mode()); why != "" { // became one since it was looked at
		return nil, 0, errors.New(why)
	}
	data, err := io.ReadAll(io.LimitReader(f, n))
	return data, fi.Size(), err
}
