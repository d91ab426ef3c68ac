package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
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

// Run writes into the folder its caller made and locked (MakeFolder, then
// LockFolder, as the command line and the window both do); it made the
// folder again itself, so a folder gone between the lock and the run was
// made anew, without the lock, and a failure there was said in Go's words
// ("export: mkdir …") rather than MakeFolder's. A folder that is not there
// is now refused before any request, and nothing is made.
func TestRunMakesNoFolder(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 10})
	dir := filepath.Join(t.TempDir(), "out")
	_, err := Run(t.Context(), Options{
		Client: tn.Client(tn.Token), Source: Source{People: []string{tn.Dir.Examples().FullHD.UserPrincipalName}},
		Sizes: Sizes{Mode: ModeOne}, Dir: dir,
	})
	if err == nil || !strings.Contains(err.Error(), "cannot use the folder "+dir+": ") || strings.Contains(err.Error(), "mkdir") {
		t.Errorf("Run into a folder not made = %v; want it refused, named", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("Run made the folder")
	}
	for kind, n := range tn.Stats().Requests {
		if n > 0 {
			t.Errorf("%d %s requests before the refusal", n, kind)
		}
	}
}
