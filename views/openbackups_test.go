package views

import (
	"log"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Settings' Open folder made the backups folder on the UI goroutine: a
// home folder on a share out of reach froze the window for the network's
// timeout. The folder is made in the background, and the desktop asked to
// open it once it is there, back on the UI goroutine.
func TestOpenBackupsFolderMakesItInTheBackground(t *testing.T) {
	h := newShownFakeHarness(t, newFakeEngine(1))
	var opened []string
	fakeDesktopOpen(t, func(u *url.URL) error {
		opened = append(opened, u.Path)
		return nil
	})
	making, release := make(chan struct{}), make(chan struct{})
	wasMake := makeFolder
	makeFolder = func(dir string) error {
		close(making)
		<-release // the share still not answering
		return wasMake(dir)
	}
	t.Cleanup(func() { makeFolder = wasMake })

	dir := filepath.Join(t.TempDir(), "backups", "sandbox")
	returned := make(chan struct{})
	go func() {
		defer close(returned)
		h.m.openFolder(dir)
	}()
	<-making
	select {
	case <-returned:
	case <-time.After(waitLimit): // a guard against hanging, not a timing
		close(release)
		t.Fatal("Open folder waited for the folder to be made")
	}
	if len(opened) != 0 {
		t.Fatalf("asked the desktop to open %v before the folder was made", opened)
	}
	close(release)
	h.waitIdle()
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		t.Errorf("the backups folder was not made: %v", err)
	}
	if len(opened) != 1 || opened[0] != filepath.ToSlash(dir) {
		t.Errorf("asked the desktop to open %v, want %s once", opened, dir)
	}
}

// A backups folder that cannot be made is logged as before, and the
// desktop is not asked to open it.
func TestOpenBackupsFolderThatCannotBeMadeIsLogged(t *testing.T) {
	h := newShownFakeHarness(t, newFakeEngine(1))
	var opened []string
	fakeDesktopOpen(t, func(u *url.URL) error {
		opened = append(opened, u.Path)
		return nil
	})
	var logged strings.Builder
	log.SetOutput(&logged)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })

	file := filepath.Join(t.TempDir(), "not a folder")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	h.m.openFolder(filepath.Join(file, "backups"))
	h.waitIdle()
	if !strings.Contains(logged.String(), "open the backups folder") || !strings.Contains(logged.String(), "not a directory") {
		t.Errorf("logged %q, want the backups folder's failure", logged.String())
	}
	if len(opened) != 0 {
		t.Errorf("asked the desktop to open %v", opened)
	}
}
