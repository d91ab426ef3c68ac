package views

import (
	"errors"
	"io/fs"
	"path/filepath"

	"fyne.io/fyne/v2"
)

// openPicked is what a file dialog's answer (r, err) comes to: the path
// of the file picked goes to open, once remember has noted its folder for
// the next picker. Fyne's dialog opens the file itself, so one moved,
// deleted or made unreadable after it was listed fails there, with the
// system call's words ("open /path: no such file or directory") in a bare
// Error box: it goes to open all the same, which refuses it naming the
// file, in words, as it does every file it cannot read.
func (m *mainWindow) openPicked(r fyne.URIReadCloser, err error, remember func(dir string), open func(path string)) {
	var pe *fs.PathError
	switch {
	case errors.As(err, &pe):
		open(pe.Path)
		return
	case err != nil:
		m.showError(err)
		return
	case r == nil:
		return // cancelled
	}
	path := r.URI().Path()
	_ = r.Close() // open reads the file itself
	remember(filepath.Dir(path))
	open(path)
}
