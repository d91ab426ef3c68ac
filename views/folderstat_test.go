package views

import (
	"os"
	"sync/atomic"
	"testing"
	"time"
)

// slowFolders makes statFolder wait until the returned release is called
// (or the test ends), as a share out of reach does.
func slowFolders(t *testing.T) (release func(), asked *atomic.Int32) {
	t.Helper()
	gate, asked := make(chan struct{}), &atomic.Int32{}
	var closed bool
	release = func() {
		if !closed {
			closed = true
			close(gate)
		}
	}
	t.Cleanup(release)
	t.Cleanup(func() { statFolder = os.Stat })
	statFolder = func(path string) (os.FileInfo, error) {
		asked.Add(1)
		<-gate
		return os.Stat(path)
	}
	return release, asked
}

// A folder that does not answer (a share whose server is gone) does not
// hold the form: the validator lets it through after folderStatBudget,
// rather than on the network's timeout at every key typed.
func TestSlowFolderDoesNotHoldTheForm(t *testing.T) {
	_, asked := slowFolders(t)
	done := make(chan error, 1)
	go func() { done <- validSaveFolder(t.TempDir()) }()
	select {
	case err := <-done:
		if err != nil || asked.Load() == 0 {
			t.Errorf("a folder too slow to answer: %v, asked %d times; want it asked and let through", err, asked.Load())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the validator waited for the folder")
	}
}

// Save looks at the folder off the UI goroutine, and saves once it
// answers.
func TestSaveLooksAtTheFolderInTheBackground(t *testing.T) {
	h, _ := openForSave(t, t.TempDir())
	dir := t.TempDir()
	release, _ := slowFolders(t)
	saved := make(chan struct{})
	returned := make(chan struct{})
	go func() {
		h.m.ensureFolder(dir, func() { close(saved) }, func() { t.Error("went back") })
		close(returned)
	}()
	select {
	case <-returned:
	case <-time.After(10 * time.Second):
		t.Fatal("ensureFolder waited for the folder on the calling goroutine")
	}
	select {
	case <-saved:
		t.Fatal("saved before the folder answered")
	default:
	}
	release()
	h.waitFor("the save to go on", func() bool {
		select {
		case <-saved:
			return true
		default:
			return false
		}
	})
}
