package views

import (
	"context"
	"errors"
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
			m.bg.do(func() {
				if isCurrent() {
					m.status.setActivity("")
					m.showError(err)
				}
			})
			return
		}
		l := m.lookupAll(ctx, ids)
		m.bg.do(func() {
			if !isCurrent() {
				return
			}
			m.status.setActivity("")
			m.sidebar.showList(l.found, l.note(name))
		})
	})
}

// listLookup is what looking up a people list found.
type listLookup struct {
	found   []app.Person
	missing []string // ids and addresses that are no one's
	failed  []string // ids Graph did not answer for (throttled, offline, refused)
	why     error    // the first of failed's reasons
}

// lookupAll resolves ids in parallel, keeping the input order. An id
// Graph says is no one's is missing; one it could not answer for (a 429
// that outlived its retries, a 503, being offline) is failed, with the
// reason, so a list read while Graph throttles does not call real
// people nonexistent, or leave them out of an export in silence.
func (m *mainWindow) lookupAll(ctx context.Context, ids []string) listLookup {
	people := make([]*app.Person, len(ids))
	errs := make([]error, len(ids))
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
				people[i], errs[i] = p, err
			}
		})
	}
	for i := range ids {
		next <- i
	}
	close(next)
	wg.Wait()
	var l listLookup
	for i, p := range people {
		switch err := errs[i]; {
		case err == nil && p != nil:
			l.found = append(l.found, *p)
		case err == nil || isNoOne(err):
			l.missing = append(l.missing, ids[i])
		default:
			l.failed = append(l.failed, ids[i])
			if l.why == nil {
				l.why = err
			}
		}
	}
	return l
}

// isNoOne reports Graph's answer that an id or address is no one's: not
// found, or not an id at all ("Invalid object identifier").
func isNoOne(err error) bool {
	return graphapi.IsNotFound(err) || errors.Is(err, app.ErrNoSuchMail) || graphapi.IsBadRequest(err)
}

// lookupTrouble says in a few words why Graph did not answer a lookup,
// for the list's note: its full wording (app.Friendly) is a paragraph.
func lookupTrouble(err error) string {
	var ge *graphapi.Error
	switch {
	case graphapi.IsThrottled(err):
		return "Microsoft Graph is throttling"
	case errors.As(err, &ge) && ge.Status >= 500:
		return "Microsoft Graph is unavailable"
	case graphapi.IsForbidden(err):
		return "permission missing"
	case errors.As(err, &ge):
		return fmt.Sprintf("Graph answered %d %s", ge.Status, ge.Code)
	case errors.Is(err, context.DeadlineExceeded):
		return "Microsoft Graph took too long"
	}
	return "Microsoft Graph could not be reached"
}

// note sums up the list above its results.
func (l listLookup) note(name string) string {
	note := listNote(name, len(l.found), l.missing)
	if len(l.failed) > 0 {
		note += fmt.Sprintf(" %d could not be looked up (%s; open the list again to retry): %s",
			len(l.failed), lookupTrouble(l.why), firstFew(l.failed))
	}
	return note
}

// listNote sums up a dropped list above its results.
func listNote(name string, found int, missing []string) string {
	note := fmt.Sprintf("%d people from %s.", found, name)
	if len(missing) == 0 {
		return note
	}
	return note + fmt.Sprintf(" %d not found: %s", len(missing), firstFew(missing))
}

// firstFew is the first five of ids, and "…" for more.
func firstFew(ids []string) string {
	s := strings.Join(ids[:min(len(ids), 5)], ", ")
	if len(ids) > 5 {
		s += ", …"
	}
	return s
}
