package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

func TestSaveAtomicWritesAndRefusesOverwrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ann_48x48.jpg")
	if err := SaveAtomic(path, []byte("first"), false); err != nil {
		t.Fatal(err)
	}
	err := SaveAtomic(path, []byte("second"), false)
	if !errors.Is(err, ErrExists) {
		t.Fatalf("second save without overwrite: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "first" {
		t.Fatalf("file changed to %q", got)
	}
	if err := SaveAtomic(path, []byte("third"), true); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "third" {
		t.Fatalf("overwrite gave %q", got)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"ann_48x48.jpg"}) {
		t.Errorf("directory holds %v", names)
	}
}

// failingOps wraps the real file system and fails one step.
func failingOps(step string) fileOps {
	boom := errors.New("injected " + step + " failure")
	o := osFileOps
	create := o.createTemp
	o.createTemp = func(dir, pattern string, perm fs.FileMode) (tempFile, error) {
		if step == "create" {
			return nil, boom
		}
		f, err := create(dir, pattern, perm)
		if err != nil {
			return nil, err
		}
		return &failingFile{tempFile: f, step: step, err: boom}, nil
	}
	if step == "rename" {
		o.rename = func(string, string) error { return boom }
	}
	if step == "link" {
		o.link = func(string, string) error { return boom }
		o.rename = func(string, string) error { return boom }
	}
	if step == "nolink" { // file system without hard links: falls back to rename
		o.link = func(string, string) error { return errors.ErrUnsupported }
	}
	return o
}

type failingFile struct {
	tempFile
	step string
	err  error
}

func (f *failingFile) Write(p []byte) (int, error) {
	if f.step == "write" {
		// Write half, like a full disk.
		n, _ := f.tempFile.Write(p[:len(p)/2])
		return n, f.err
	}
	return f.tempFile.Write(p)
}

func (f *failingFile) Sync() error {
	if f.step == "sync" {
		return f.err
	}
	return f.tempFile.Sync()
}

func (f *failingFile) Close() error {
	err := f.tempFile.Close()
	if f.step == "close" {
		return f.err
	}
	return err
}

func TestSaveAtomicFailureLeavesNothing(t *testing.T) {
	for _, step := range []string{"create", "write", "sync", "close", "rename", "link"} {
		for _, overwrite := range []bool{false, true} {
			if (step == "link" && overwrite) || (step == "rename" && !overwrite) {
				continue // overwrite renames; a new file is linked into place
			}
			t.Run(fmt.Sprintf("%s/overwrite=%v", step, overwrite), func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, "photo.jpg")
				if overwrite {
					if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				err := failingOps(step).saveAtomic(path, []byte("new photo bytes"), overwrite, 0o666)
				if err == nil {
					t.Fatal("no error")
				}
				want := []string(nil)
				if overwrite {
					want = []string{"photo.jpg"}
					if got, _ := os.ReadFile(path); string(got) != "old" {
						t.Errorf("old file now %q", got)
					}
				}
				if names := dirNames(t, dir); !slices.Equal(names, want) {
					t.Errorf("after %s failure the folder holds %v, want %v", step, names, want)
				}
			})
		}
	}
}

func TestSaveAtomicWithoutHardLinks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "photo.jpg")
	o := failingOps("nolink")
	if err := o.saveAtomic(path, []byte("data"), false, 0o666); err != nil {
		t.Fatal(err)
	}
	if err := o.saveAtomic(path, []byte("other"), false, 0o666); !errors.Is(err, ErrExists) {
		t.Fatalf("second save: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "data" {
		t.Errorf("file = %q", got)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"photo.jpg"}) {
		t.Errorf("folder holds %v", names)
	}
}

// TestSaveAtomicRace: a file that appears between the existence check and
// the final step is not replaced.
func TestSaveAtomicRace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "photo.jpg")
	o := osFileOps
	lstat := o.lstat
	o.lstat = func(name string) (fs.FileInfo, error) {
		fi, err := lstat(name)
		if name == path && errors.Is(err, fs.ErrNotExist) {
			// Someone else writes the file right after our check.
			if werr := os.WriteFile(path, []byte("theirs"), 0o644); werr != nil {
				t.Fatal(werr)
			}
		}
		return fi, err
	}
	if err := o.saveAtomic(path, []byte("ours"), false, 0o666); !errors.Is(err, ErrExists) {
		t.Fatalf("err = %v, want ErrExists", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "theirs" {
		t.Errorf("their file replaced by %q", got)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"photo.jpg"}) {
		t.Errorf("folder holds %v", names)
	}
}

// A failed save is told in the words of the file meant, not of the
// temporary file the failing step was at (".photo.jpg.3030186496.tmp: no
// space left on device" read as a stray file left behind), with the file
// system's reason kept for errors.Is, and what it left: nothing, or the
// old file unchanged.
func TestSaveAtomicErrorNamesTheFileMeant(t *testing.T) {
	full := &fs.PathError{Op: "write", Err: errors.New("no space left on device")}
	for _, overwrite := range []bool{false, true} {
		dir := t.TempDir()
		path := filepath.Join(dir, "photo.jpg")
		if overwrite {
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		o := osFileOps
		create := o.createTemp
		o.createTemp = func(dir, pattern string, perm fs.FileMode) (tempFile, error) {
			f, err := create(dir, pattern, perm)
			if err != nil {
				return nil, err
			}
			full.Path = f.Name()
			return &failingFile{tempFile: f, step: "write", err: full}, nil
		}
		err := o.saveAtomic(path, []byte("new photo bytes"), overwrite, 0o666)
		left := "nothing of it was written"
		if overwrite {
			left = "the file already there is unchanged"
		}
		var se *SaveError
		switch {
		case !errors.As(err, &se) || se.Path != path || !errors.Is(err, full.Err):
			t.Errorf("overwrite=%v: %v (%T), want a SaveError of %s wrapping the reason", overwrite, err, err, path)
		case strings.Contains(err.Error(), ".tmp") || !strings.Contains(err.Error(), "photo.jpg in "+dir) ||
			!strings.Contains(err.Error(), "no space left on device") || !strings.Contains(err.Error(), left):
			t.Errorf("overwrite=%v: %q, want photo.jpg, the reason and %q, no temporary file", overwrite, err, left)
		}
	}
	gone := filepath.Join(t.TempDir(), "gone")
	err := SaveAtomic(filepath.Join(gone, "photo.jpg"), []byte("x"), false)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "the folder is not there any more") || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("into a folder that vanished: %q", err)
	}
}

// A save allowed to replace (get --force, an export's Force) into a name
// nobody has yet leaves nothing when it fails: the error must not tell of
// "the file already there", which would send the person looking for it.
func TestSaveAtomicErrorWithOverwriteButNoFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "photo.jpg")
	full := &fs.PathError{Op: "write", Err: errors.New("no space left on device")}
	o := osFileOps
	create := o.createTemp
	o.createTemp = func(dir, pattern string, perm fs.FileMode) (tempFile, error) {
		f, err := create(dir, pattern, perm)
		if err != nil {
			return nil, err
		}
		return &failingFile{tempFile: f, step: "write", err: full}, nil
	}
	err := o.saveAtomic(path, []byte("new photo bytes"), true, 0o666)
	if err == nil || strings.Contains(err.Error(), "already there") || !strings.Contains(err.Error(), "nothing of it was written") {
		t.Errorf("overwrite allowed, no file there: %q, want it to say nothing was written", err)
	}
}

// TestSaveAtomicOverAFolderSaysSo: a folder with the photo's file name
// ("ann_648x648.jpg/") was "a file that exists": the window asked
// "Replace it?", and Yes ended in "cannot save … : file exists; the file
// already there is unchanged" — a contradiction, about a file that is a
// folder. It is refused at once, with or without overwrite, naming it a
// folder; not ErrExists, so nobody is asked to replace it.
func TestSaveAtomicOverAFolderSaysSo(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ann_648x648.jpg")
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, overwrite := range []bool{false, true} {
		err := SaveAtomic(path, []byte("photo"), overwrite)
		if errors.Is(err, ErrExists) || !errors.Is(err, ErrIsFolder) {
			t.Fatalf("overwrite=%v: err = %v, want ErrIsFolder and not ErrExists", overwrite, err)
		}
		want := "cannot save ann_648x648.jpg in " + dir + ": a folder has that name; nothing of it was written"
		if err.Error() != want {
			t.Errorf("overwrite=%v: %q, want %q", overwrite, err.Error(), want)
		}
		if info, serr := os.Stat(path); serr != nil || !info.IsDir() {
			t.Errorf("overwrite=%v: the folder was touched (%v)", overwrite, serr)
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 1 {
		t.Errorf("left behind: %v", left)
	}
}

// pipeInfo is what Lstat says of a named pipe.
type pipeInfo struct{ fs.FileInfo }

func (pipeInfo) Mode() fs.FileMode { return fs.ModeNamedPipe | 0o600 }
func (pipeInfo) IsDir() bool       { return false }

// TestSaveAtomicLooksAtThePathOnce: whether the path is a file is decided
// from the one Lstat the save makes anyway (a second look, in NotAFile,
// could see something else there); what that look saw — here a named
// pipe — is refused.
func TestSaveAtomicLooksAtThePathOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "photo.jpg")
	o := osFileOps
	looks := 0
	o.lstat = func(name string) (fs.FileInfo, error) {
		looks++
		return pipeInfo{}, nil
	}
	if err := o.saveAtomic(path, []byte("ours"), true, 0o666); !errors.Is(err, ErrNotAFile) {
		t.Errorf("save over what Lstat saw as a pipe: %v, want ErrNotAFile", err)
	}
	if looks != 1 {
		t.Errorf("%d looks at the path, want 1", looks)
	}
	if _, err := os.Lstat(path); err == nil {
		t.Error("a file was written where Lstat saw a pipe")
	}
}
