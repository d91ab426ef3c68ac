package app

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Save all sizes reads the sizes four at a time, as Outlook allows, not
// one after another (nine round trips where three would do).
func TestSaveAllSizesReadsFourAtATime(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	f.set("/users/ann", hdPhoto(t, 648, "AAA1"))
	held := &heldReads{arrived: make(chan struct{}, 9), release: make(chan struct{})}
	var released sync.Once
	release := func() { released.Do(func() { close(held.release) }) }
	t.Cleanup(release) // before the server closes: a failure must not leave reads held
	f.mu.Lock()
	f.held = held
	f.mu.Unlock()
	done := make(chan error, 1)
	go func() {
		_, err := e.SaveAllSizes(t.Context(), userPerson("ann"), t.TempDir(), false)
		done <- err
	}()
	for i := range saveAllReads {
		select {
		case <-held.arrived:
		case err := <-done:
			t.Fatalf("Save all sizes ended (%v) with %d reads begun", err, i)
		case <-time.After(10 * time.Second): // a guard against hanging, not a timing
			t.Fatalf("only %d reads were in flight together, want %d", i, saveAllReads)
		}
	}
	select {
	case <-held.arrived:
		t.Fatalf("more than %d reads in flight together", saveAllReads)
	default:
	}
	release()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// The files of Save all sizes are of one upload: a size kept from before
// a change is read anew, not saved beside the new photo's other sizes.
func TestSaveAllSizesDoesNotMixTwoPhotos(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	f.set("/users/ann", hdPhoto(t, 648, "AAA1"))
	p := userPerson("ann")
	if _, err := e.Photo(t.Context(), p, "48x48"); err != nil { // kept in memory for the hour
		t.Fatal(err)
	}
	changed := hdPhoto(t, 648, "BBB2")
	var other bytes.Buffer
	if err := jpeg.Encode(&other, image.NewGray(image.Rect(0, 0, 48, 48)), nil); err != nil {
		t.Fatal(err)
	}
	changed.sizes["48x48"] = other.Bytes() // another picture than before
	f.set("/users/ann", changed)
	dir := t.TempDir()
	paths, err := e.SaveAllSizes(t.Context(), p, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		if filepath.Base(path) != "ann@contoso.com_48x48.jpg" {
			continue
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, changed.sizes["48x48"]) {
			t.Error("the 48x48 file is the photo from before the change")
		}
		return
	}
	t.Fatalf("no 48x48 file among %v", paths)
}

// Save all sizes into a folder that cannot take a file (gone, or a file
// where the folder should be) says so before it downloads anything: it
// used to fetch every size first.
func TestSaveAllSizesChecksTheFolderFirst(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	f.set("/users/ann", hdPhoto(t, 648, "AAA1"))
	notAFolder := filepath.Join(t.TempDir(), "photos")
	if err := os.WriteFile(notAFolder, []byte("a file"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{filepath.Join(t.TempDir(), "gone"), notAFolder} {
		paths, err := e.SaveAllSizes(t.Context(), userPerson("ann"), dir, false)
		if err == nil || len(paths) != 0 || !strings.Contains(err.Error(), "cannot write into "+dir) {
			t.Errorf("into %s: saved %v, error %v; want it refused, naming the folder", dir, paths, err)
		}
	}
	if n := f.total(); n != 0 {
		t.Errorf("%d requests made for a folder that cannot take the photos: %v", n, f.hits)
	}
}

// Save all sizes into a folder that already holds some of the files names
// every one in its error, and no other: the window asks about those ("Photos
// … already exist … Replace them?" was asked whatever was there, also of
// one file). Nothing is written until Replace.
func TestSaveAllSizesNamesTheFilesInTheWay(t *testing.T) {
	f, e, _ := newFakeEngine(t)
	f.set("/users/ann", hdPhoto(t, 240, "AAA1"))
	dir := t.TempDir()
	inTheWay := []string{filepath.Join(dir, "ann@contoso.com_64x64.jpg"), filepath.Join(dir, "ann@contoso.com_240x240.jpg")}
	for _, path := range inTheWay {
		if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	paths, err := e.SaveAllSizes(t.Context(), userPerson("ann"), dir, false)
	var got *FilesInTheWayError
	if !errors.As(err, &got) || !errors.Is(err, ErrExists) || len(paths) != 0 {
		t.Fatalf("saved %v, error %v; want nothing saved and the files in the way named", paths, err)
	}
	if !slices.Equal(got.Paths, inTheWay) {
		t.Errorf("files in the way %v, want %v", got.Paths, inTheWay)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != len(inTheWay) {
		t.Errorf("%d files in the folder after the question, want the %d that were there", len(entries), len(inTheWay))
	}
}
