package app

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ErrExists is returned when saving would replace a file and overwriting
// was not asked for; the window asks the user and tries again.
var ErrExists = errors.New("file exists")

// ErrIsFolder is wrapped by SaveAtomic's error when a folder has the name
// the file was to have: no save replaces a folder, so it is not ErrExists,
// which the window answers by asking whether to replace it.
var ErrIsFolder = errors.New("a folder has that name")

// fileOps are the file system calls SaveAtomic makes, a seam so tests can
// make any step fail and check that nothing is left behind.
type fileOps struct {
	createTemp func(dir, pattern string, perm fs.FileMode) (tempFile, error)
	rename     func(from, to string) error
	link       func(from, to string) error
	remove     func(name string) error
	lstat      func(name string) (fs.FileInfo, error)
}

// tempFile is the part of *os.File that SaveAtomic uses.
type tempFile interface {
	Write(p []byte) (int, error)
	Sync() error
	Close() error
	Name() string
}

var osFileOps = fileOps{
	createTemp: func(dir, pattern string, perm fs.FileMode) (tempFile, error) {
		return createTemp(dir, pattern, perm)
	},
	rename: os.Rename,
	link:   os.Link,
	remove: os.Remove,
	lstat:  os.Lstat,
}

// SaveAtomic writes data to path so that path either keeps its old state or
// holds all of data, never a half-written file: it writes a temporary file
// in the same folder, syncs it, and moves it into place. Without overwrite
// an existing path is never touched and the error wraps ErrExists; the
// final step then uses a hard link, which fails rather than replaces, so a
// file created meanwhile by someone else is safe too. The file gets the
// permissions of any new file, 0666 less the umask: a photo or export the
// user saves is theirs to share.
func SaveAtomic(path string, data []byte, overwrite bool) error {
	return osFileOps.saveAtomic(path, data, overwrite, 0o666)
}

// SaveAtomicMode is SaveAtomic with the permissions perm (less the umask)
// instead of 0666: 0o600 for what only its owner should read, such as a
// backup of someone's photo, whose folder — one the user chose — may be
// readable by others.
func SaveAtomicMode(path string, data []byte, overwrite bool, perm fs.FileMode) error {
	return osFileOps.saveAtomic(path, data, overwrite, perm)
}

func (o fileOps) saveAtomic(path string, data []byte, overwrite bool, perm fs.FileMode) (err error) {
	info, serr := o.lstat(path)
	if serr == nil && info.IsDir() {
		return &SaveError{Path: path, Err: ErrIsFolder}
	}
	if !overwrite && serr == nil {
		return fmt.Errorf("save %s: %w", path, ErrExists)
	}
	if serr == nil {
		if err := notAFile(path, info); err != nil {
			return err
		}
	}
	// Whether a failure leaves a file "unchanged" depends on one being
	// there, not on overwrite being allowed (--force, an export's Force).
	replacing := overwrite && serr == nil
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := o.createTemp(dir, "."+truncateUTF8(base, MaxFileNameBytes)+".*.tmp", perm)
	if err != nil {
		return saveFailed(path, replacing, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = o.remove(tmp) // best effort; the temp file is the only thing we made
		}
	}()
	if _, err = f.Write(data); err != nil {
		_ = f.Close()
		return saveFailed(path, replacing, err)
	}
	if err = f.Sync(); err != nil {
		_ = f.Close()
		return saveFailed(path, replacing, err)
	}
	if err = f.Close(); err != nil {
		return saveFailed(path, replacing, err)
	}
	if overwrite {
		if err = o.rename(tmp, path); err != nil {
			return saveFailed(path, replacing, err)
		}
		return nil
	}
	return o.placeNew(tmp, path)
}

// SaveError is a save that failed, SaveAtomic's errors other than
// ErrExists. Its text names the file meant, not the temporary file the
// failing step was at (".ann_48x48.jpg.3030186496.tmp", a name the person
// never chose, which read as if it had been left behind), and says what
// the failure left: nothing, since the temporary file is removed, and an
// existing file as it was.
type SaveError struct {
	Path      string // the file meant
	Replacing bool   // an existing file was to be replaced
	Err       error  // why, from the file system: syscall.ENOSPC, fs.ErrPermission, …
}

func (e *SaveError) Error() string {
	left := "nothing of it was written"
	if e.Replacing {
		left = "the file already there is unchanged"
	}
	why := e.Err.Error()
	if errors.Is(e.Err, fs.ErrNotExist) {
		why = "the folder is not there any more"
	}
	return fmt.Sprintf("cannot save %s in %s: %s; %s", filepath.Base(e.Path), filepath.Dir(e.Path), why, left)
}

// Unwrap is the file system's reason, for errors.Is.
func (e *SaveError) Unwrap() error { return e.Err }

// saveFailed is the SaveError of a step on the temporary file: the
// step's path (the temporary file's) and name go, its reason stays.
func saveFailed(path string, replacing bool, err error) error {
	err = PathReason(err)
	// A link's failure names two paths, in an *os.LinkError.
	if le := (*os.LinkError)(nil); errors.As(err, &le) {
		err = le.Err
	}
	return &SaveError{Path: path, Replacing: replacing, Err: err}
}

// placeNew moves tmp to path only if path does not exist. A hard link is
// atomic and refuses to replace; where links are not supported (FAT, some
// network shares) it falls back to check-then-rename.
func (o fileOps) placeNew(tmp, path string) error {
	lerr := o.link(tmp, path)
	if lerr == nil {
		_ = o.remove(tmp)
		return nil
	}
	if errors.Is(lerr, fs.ErrExist) {
		return fmt.Errorf("save %s: %w", path, ErrExists)
	}
	if _, serr := o.lstat(path); serr == nil {
		return fmt.Errorf("save %s: %w", path, ErrExists)
	}
	if err := o.rename(tmp, path); err != nil {
		return saveFailed(path, false, err)
	}
	return nil
}

// CreateTemp is os.CreateTemp (the last "*" of pattern becomes a random
// number) except for the permissions: 0666 less the umask, like os.Create,
// instead of 0600. A temporary file that is renamed into place becomes the
// saved photo or report, which should be as readable as any new file.
func CreateTemp(dir, pattern string) (*os.File, error) {
	return createTemp(dir, pattern, 0o666)
}

// createTemp is CreateTemp with the permissions perm (less the umask).
func createTemp(dir, pattern string, perm fs.FileMode) (*os.File, error) {
	prefix, suffix := pattern, ""
	if i := strings.LastIndex(pattern, "*"); i >= 0 {
		prefix, suffix = pattern[:i], pattern[i+1:]
	}
	var b [4]byte
	for range 10000 {
		_, _ = rand.Read(b[:])
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(binary.BigEndian.Uint32(b[:])), 10)+suffix)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, pattern), Err: fs.ErrExist}
}

// maxNameTries bounds CreateNew's counter: a folder holding that many
// reports of one second is not one to go on guessing in.
const maxNameTries = 1000

// CreateNew creates a new file at path or, when that name is taken, at the
// first free one of path with "-2", "-3", … before its extension, and
// returns it with the name it got. Each name is created with O_EXCL, so
// nothing there is ever overwritten, and a symlink counts as taken rather
// than being followed; two callers racing for one name each get their
// own. The permissions are 0666 less the umask, like os.Create.
func CreateNew(path string) (*os.File, string, error) {
	ext := filepath.Ext(path)
	stem := strings.TrimSuffix(path, ext)
	for n := 1; n <= maxNameTries; n++ {
		name := path
		if n > 1 {
			name = stem + "-" + strconv.Itoa(n) + ext
		}
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, "", err
		}
		return f, name, nil
	}
	return nil, "", &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
}
