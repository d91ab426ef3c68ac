package views

import (
	"errors"
	"os"
	"time"
)

// errFolderSlow: a folder that did not answer within folderStatBudget.
var errFolderSlow = errors.New("the folder did not answer in time")

// folderStatBudget is how long the UI goroutine waits to learn whether a
// folder exists. A share whose server is gone, or a mapped drive while
// the VPN is down, can keep a stat waiting for the network's timeout —
// tens of seconds on Windows — and a form's validator runs on every key
// typed; past the budget the answer is "cannot tell yet", and the save
// itself, off the UI goroutine, finds out.
const folderStatBudget = 150 * time.Millisecond

// statFolder is os.Stat; tests replace it with a slow one.
var statFolder = os.Stat

// statWithin is statFolder(path), or errFolderSlow when it takes longer
// than folderStatBudget (it goes on in the background and is forgotten).
func statWithin(path string) (os.FileInfo, error) {
	type answer struct {
		info os.FileInfo
		err  error
	}
	done, stat := make(chan answer, 1), statFolder
	go func() {
		info, err := stat(path)
		done <- answer{info, err}
	}()
	timer := time.NewTimer(folderStatBudget)
	defer timer.Stop()
	select {
	case a := <-done:
		return a.info, a.err
	case <-timer.C:
		return nil, errFolderSlow
	}
}
