package views

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// lookupWorkers bounds the parallel lookups of a dropped list; directory
// reads are cheap, but a list can hold thousands of names.
const lookupWorkers = 4

// onDropped handles files dropped on the window: a folder receives the
// current photo (or every size, per app.PrefDropSavesAllSizes); a .csv or
// .txt list of UPNs or ids becomes the result list. Fyne cannot drag out
// of a window (fyne-io/fyne#142), so dropping in is our drag and drop.
func (m *mainWindow) onDropped(_ fyne.Position, uris []fyne.URI) {
	if m.importDlg != nil && m.importDlg.dropped(uris) { // a folder dropped on Import photos…
		return
	}
	handled := false
	for _, u := range uris {
		if u.Scheme() != "file" {
			continue
		}
		path := u.Path()
		if m.drags != nil && m.drags.Owns(path) {
			// A photo dragged out and let go over the window again: a drag
			// that went nowhere, not a picture to upload.
			handled = true
			continue
		}
		info, err := os.Stat(path)
		switch {
		case err != nil:
			continue
		case info.IsDir():
			handled = m.dropFolder(path) || handled
		case isPeopleList(path):
			m.openPeopleList(path)
			handled = true
		case isImageFile(path) && m.person != nil:
			m.editImageFile(*m.person, path)
			handled = true
		}
	}
	if !handled {
		m.status.setActivity("Drop a folder to save the photo there, an image to make it the photo, or a .csv or .txt list of UPNs or ids.")
	}
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

// openPeopleList reads a list of UPNs or ids, looks each one up and shows
// the people found as the result list, in the file's order. A search
// begun, or another list dropped, while it is looked up ends it: the list
// that shows is the last one asked for.
func (m *mainWindow) openPeopleList(path string) {
	name := filepath.Base(path)
	m.status.setActivity("Reading " + name + "…")
	ctx, isCurrent := m.sidebar.listLookups.Start(m.ctx)
	m.bg.run(func() {
		ids, err := app.ReadPeopleList(path)
		if err != nil {
			m.bg.do(func() { m.status.setActivity(""); m.showError(err) })
			return
		}
		people, missing := m.lookupAll(ctx, ids)
		m.bg.do(func() {
			if !isCurrent() {
				return
			}
			m.status.setActivity("")
			m.sidebar.showList(people, listNote(name, len(people), missing))
		})
	})
}

// lookupAll resolves ids in parallel, keeping the input order; ids that do
// not resolve come back in missing.
func (m *mainWindow) lookupAll(ctx context.Context, ids []string) (found []app.Person, missing []string) {
	people := make([]*app.Person, len(ids))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(lookupWorkers, len(ids)) {
		wg.Go(func() {
			for i := range next {
				p, err := m.eng.Lookup(ctx, ids[i])
				if graphapi.IsNotFound(err) && strings.Contains(ids[i], "@") {
					// An address that is no one's UPN: a guest's own mail,
					// or anyone's whose mail differs, as the search box takes.
					p, err = m.eng.LookupByMail(ctx, ids[i])
				}
				if err == nil {
					people[i] = p
				}
			}
		})
	}
	for i := range ids {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, p := range people {
		if p == nil {
			missing = append(missing, ids[i])
		} else {
			found = append(found, *p)
		}
	}
	return found, missing
}

// listNote sums up a dropped list above its results.
func listNote(name string, found int, missing []string) string {
	note := fmt.Sprintf("%d people from %s.", found, name)
	if len(missing) == 0 {
		return note
	}
	shown := missing[:min(len(missing), 5)]
	note += fmt.Sprintf(" %d not found: %s", len(missing), strings.Join(shown, ", "))
	if len(missing) > len(shown) {
		note += ", …"
	}
	return note
}
