package views

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/photodesk/photodesk/app"
)

// onDropped handles files dropped on the window: a folder receives the
// current photo (or every size, per app.PrefDropSavesAllSizes); a .csv or
// .txt list of UPNs or ids becomes the result list; an image becomes the
// photo, after the editor. One thing at a time: a drop of several (a
// folder selected with everything in it) did each — saved into the
// folder, opened an editor per picture and replaced the list in one
// gesture — so it is refused, and nothing is done. Fyne cannot drag out
// of a window (fyne-io/fyne#142), so dropping in is our drag and drop.
func (m *mainWindow) onDropped(_ fyne.Position, uris []fyne.URI) {
	if m.importDlg != nil && m.importDlg.dropped(uris) { // a folder dropped on Import photos…
		return
	}
	if c := m.w.Canvas(); dialogOpen(c) {
		if m.pictureAsk == nil || topDialog(c) != m.pictureAsk || len(uris) != 1 || !isImageFile(uris[0].Path()) {
			// As the shortcuts are: a drop under a dialog stacked a second
			// editor on the first, or saved or listed behind a form.
			m.status.setActivity("Finish with the dialog that is open first, then drop again.")
			return
		}
		// Change photo…'s question offers a picture's drop: it answers it.
		m.pictureAsk.Hide()
	}
	var paths []string
	ownDrag := false
	for _, u := range uris {
		if u.Scheme() != "file" {
			continue
		}
		if m.drags != nil && m.drags.Owns(u.Path()) {
			// A photo dragged out and let go over the window again: a drag
			// that went nowhere, not a picture to upload.
			ownDrag = true
			continue
		}
		paths = append(paths, u.Path())
	}
	switch {
	case len(paths) > 1:
		m.status.setActivity(fmt.Sprintf("%d items were dropped; drop one at a time: a folder to save the photo in, an image to make it the photo, or a .csv or .txt list of people.", len(paths)))
		return
	case len(paths) == 1 && m.dropOne(paths[0]), len(paths) == 0 && ownDrag:
		return
	}
	m.status.setActivity("Drop a folder to save the photo there, an image to make it the photo, or a .csv or .txt list of UPNs or ids.")
}

// dropOne acts on one dropped path, reporting false for what cannot be
// dropped (a file of another kind, a path gone since).
func (m *mainWindow) dropOne(path string) bool {
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return false
	case info.IsDir():
		return m.dropFolder(path)
	case isPeopleList(path):
		m.openPeopleList(path)
		return true
	case isImageFile(path) && m.person != nil:
		m.editImageFile(*m.person, path)
		return true
	}
	return false
}

func isPeopleList(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".csv" || ext == ".txt"
}

// dropFolder saves into a dropped folder; it reports false when there is
// nothing to save.
func (m *mainWindow) dropFolder(dir string) bool {
	r, ok := m.photo()
	if !ok {
		m.status.setActivity("Open someone with a photo first, then drop a folder to save it there.")
		return true
	}
	if m.prefs.Bool(app.PrefDropSavesAllSizes) {
		m.saveAllInto(dir)
	} else {
		m.saveOneInto(r, dir)
	}
	return true
}

// openPeopleList reads a list of UPNs or ids and shows the people in it
// as the result list, in the file's order, each row as soon as it and the
// rows before it are looked up (listshow.go). A search begun, or another
// list dropped, while the file is read ends it: a bad file leaves the list
// shown before it as it was.
func (m *mainWindow) openPeopleList(path string) {
	name := filepath.Base(path)
	m.status.setActivity("Reading " + name + "…")
	_, isCurrent := m.sidebar.listLookups.Start(m.ctx)
	m.bg.run(func() {
		entries, err := app.ReadPeopleList(path)
		m.bg.do(func() {
			switch {
			case !isCurrent():
			case err != nil:
				m.status.setActivity("")
				m.showError(err)
			default:
				m.sidebar.openList(name, entries)
			}
		})
	})
}
