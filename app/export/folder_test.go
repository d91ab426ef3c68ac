package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A folder asked for under a file names the file: MkdirAll's "not a
// directory" named only the folder meant, which reads as if the folder
// could not be made at all.
func TestMakeFolderNamesTheFileInItsPath(t *testing.T) {
	base := t.TempDir()
	file := filepath.Join(base, "a48.jpg")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{file, filepath.Join(file, "sub"), filepath.Join(file, "sub", "deeper")} {
		err := MakeFolder(dir)
		if err == nil || !strings.HasSuffix(err.Error(), ": "+file+" is a file, not a folder") {
			t.Errorf("MakeFolder(%s) = %v; want %s named as a file", dir, err, file)
		}
	}
	made := filepath.Join(base, "new", "nested")
	if err := MakeFolder(made); err != nil {
		t.Fatalf("MakeFolder(%s) = %v", made, err)
	}
	if fi, err := os.Stat(made); err != nil || !fi.IsDir() {
		t.Errorf("%s not made: %v", made, err)
	}
}

// A folder that cannot be made for another reason says which folder and
// why, without the system call's own path. /proc takes no new folder,
// even for root.
func TestMakeFolderSaysWhyNot(t *testing.T) {
	if _, err := os.Stat("/proc/self"); err != nil {
		t.Skip("no /proc here")
	}
	dir := "/proc/photodesk-export/sub"
	err := MakeFolder(dir)
	if err == nil || !strings.HasPrefix(err.Error(), "cannot create the folder "+dir+": ") || strings.Count(err.Error(), "/proc") != 1 {
		t.Errorf("MakeFolder(%s) = %v; want the folder named once, and why", dir, err)
	}
}
