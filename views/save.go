package views

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/photodesk/photodesk/app"
)

// saveAtomic writes a file so that it holds either its old bytes or all of
// the new ones; a variable so tests can make a save fail.
var saveAtomic = app.SaveAtomic

// onSave asks where to save the photo, suggesting "<upn>_<WxH>.<ext>" in
// the folder used last time, then saves it with savePhotoAs.
func (m *mainWindow) onSave() {
	r, ok := m.photoTo("save")
	if !ok {
		return
	}
	m.askSaveAs(r, m.saveDir(), r.SuggestedFileName())
}

// askSaveAs shows the save form at dir and name. A name without an
// extension gets the photo's; a folder that does not exist yet is created
// after asking; answering No to "Replace?" or to creating the folder comes
// back here with what was typed, rather than cancelling the save (issue 18).
func (m *mainWindow) askSaveAs(r *app.PhotoResult, dir, name string) {
	f := newSaveForm(m.w, dir, name, savedSizeNote(r), func(dir, name string) {
		name = withPhotoExtension(name, r.SuggestedFileName())
		back := func() { m.askSaveAs(r, dir, name) }
		m.ensureFolder(dir, func() { m.savePhotoAs(r, dir, name, back) }, back)
	})
	m.opened(f)
	f.show(m.w)
}

// savedSizeNote is what the save form says when the size picked was not
// uploaded, so the fallback is said where the file is named, not only
// under the picker: "432x432 not uploaded: this is the 240x240 photo";
// "" otherwise.
func savedSizeNote(r *app.PhotoResult) string {
	if !fellBack(r) {
		return ""
	}
	return app.SizeName(r.Requested) + " not uploaded: this is the " + r.ServedSizeName() + " photo"
}

// savePhotoAs writes the photo to dir/name, asking before it replaces a
// file; back, if set, runs when the answer is No or the save failed (see
// writeOrAsk). Nothing touches an existing file until the complete new
// one is moved over it, so a save that fails leaves the old file as it
// was.
func (m *mainWindow) savePhotoAs(r *app.PhotoResult, dir, name string, back func()) {
	path := filepath.Join(dir, name)
	m.writeOrAsk(func(error) string { return name + " already exists in " + dir + ". Replace it?" },
		func(overwrite bool) (string, error) {
			if err := saveAtomic(path, r.Bytes, overwrite); err != nil {
				return "", err
			}
			return "Saved " + path, nil
		}, func() { m.rememberSaveDir(dir) }, back)
}

// onSaveAllSizes asks for a folder and saves every size there.
func (m *mainWindow) onSaveAllSizes() {
	r, ok := m.photoTo("save")
	if !ok {
		return
	}
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		switch {
		case err != nil:
			m.showError(err)
		case dir != nil:
			m.rememberSaveDir(dir.Path())
			m.saveAllInto(dir.Path())
		}
	}, m.w)
	if dir := m.lastSaveDir(); dir != nil {
		d.SetLocation(dir)
	}
	// Fyne's folder picker says "Open" by itself: say what it does here.
	d.SetTitleText("Save every size of " + r.Person.DisplayName + " into…")
	d.SetConfirmText("Save here")
	d.Resize(pickerSize(m.w))
	closeOnEscape(m.w, d)
	d.Show()
}

// saveOneInto saves the shown photo into dir under its suggested name.
func (m *mainWindow) saveOneInto(r *app.PhotoResult, dir string) {
	m.savePhotoAs(r, dir, r.SuggestedFileName(), nil)
}

// saveAllInto saves every available size of the current person into dir.
func (m *mainWindow) saveAllInto(dir string) {
	if m.person == nil {
		return
	}
	p := *m.person
	// Up to nine photos are fetched before anything is written: on a
	// throttled or slow network that can take minutes, so it can be
	// stopped, which writes nothing.
	ctx, cancel := context.WithCancel(m.ctx)
	end := func() {}
	m.writeOrAsk(func(err error) string { return replaceSizesQuestion(p, dir, err) },
		func(overwrite bool) (string, error) {
			m.bg.do(func() {
				unshown := m.status.stoppable("Saving every size of "+p.DisplayName+"…", "Stop saving", cancel)
				unlisted := m.jobs.add(runningJob{what: "Save all sizes for " + p.DisplayName, stop: cancel})
				end = func() { unshown(); unlisted() }
			})
			defer m.bg.do(func() { end() })
			paths, err := m.eng.SaveAllSizes(ctx, p, dir, overwrite)
			if !errors.Is(err, app.ErrExists) {
				defer cancel() // else it asks, and Yes runs this again
			}
			if err != nil && len(paths) == 0 && ctx.Err() != nil && m.ctx.Err() == nil {
				return "Stopped saving the photos of " + p.DisplayName + ": nothing was saved", nil
			}
			if err != nil && len(paths) > 0 {
				// Stopped part-way (a full disk): say what is there already.
				return "", fmt.Errorf("%w (%s saved before it stopped: %s)", err,
					plural(len(paths), "photo was", "photos were"), strings.Join(baseNames(paths), ", "))
			}
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("Saved %s of %s to %s", plural(len(paths), "photo", "photos"), p.DisplayName, dir), nil
		}, nil, cancel)
}

// baseNames are the file names of paths, without their folders.
func baseNames(paths []string) []string {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	return names
}

// replaceSizesQuestion is Save all sizes' "Replace?" for the files err
// names: the one file by its name ("Replace it?"), or how many photos of p
// ("Replace them?"). It asked "Photos of … already exist … Replace them?"
// whatever was there, also when one file was, or for a contact, which has
// one photo.
func replaceSizesQuestion(p app.Person, dir string, err error) string {
	var inTheWay *app.FilesInTheWayError
	switch {
	case errors.As(err, &inTheWay) && len(inTheWay.Paths) == 1:
		return filepath.Base(inTheWay.Paths[0]) + " already exists in " + dir + ". Replace it?"
	case errors.As(err, &inTheWay):
		return fmt.Sprintf("%d photos of %s already exist in %s. Replace them?", len(inTheWay.Paths), p.DisplayName, dir)
	}
	return "Photos of " + p.DisplayName + " already exist in " + dir + ". Replace them?"
}

// writeOrAsk runs write in the background without overwriting; if a file is
// in the way it asks question(the error that said so), and only on Yes runs it again allowing overwrite;
// onSaved, if set, runs on the UI goroutine after a write succeeded, and
// back, if set, after No (or Escape) and once the message of a failed
// write is closed, so the save form comes back with what was typed rather
// than losing it to a folder that could not take the file. The one flow
// for every save.
func (m *mainWindow) writeOrAsk(question func(error) string, write func(overwrite bool) (done string, err error), onSaved, back func()) {
	var attempt func(overwrite bool)
	attempt = func(overwrite bool) {
		m.bg.run(func() {
			done, err := write(overwrite)
			m.bg.do(func() {
				switch {
				case !overwrite && errors.Is(err, app.ErrExists):
					m.status.setActivity("")
					d := newConfirm("Replace?", question(err), func(yes bool) {
						switch {
						case yes:
							attempt(true)
						case back != nil:
							back()
						}
					}, m.w)
					d.showEnter(enterNo) // the file there is lost
				case err != nil:
					m.status.setActivity("")
					m.showErrorThen(err, back)
				default:
					m.status.setActivity(done)
					if onSaved != nil {
						onSaved()
					}
				}
			})
		})
	}
	attempt(false)
}

// lastSaveDir is the remembered save folder for Fyne's folder pickers, nil
// when there is none or it is gone.
func (m *mainWindow) lastSaveDir() fyne.ListableURI {
	return listableDir(m.prefs.String(app.PrefLastSaveDir))
}

// saveDir is where the save form starts: the folder used last time while
// it exists, else the home folder.
func (m *mainWindow) saveDir() string {
	if dir := m.prefs.String(app.PrefLastSaveDir); validFolder(dir) == nil {
		return dir
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return ""
}

// ensureFolder runs then when dir is a folder; when it does not exist yet
// it asks first, creates it on Yes and runs then, and runs back on No, or
// once the message saying it cannot be used is closed. The folder is
// looked at off the UI goroutine: a share out of reach can take the
// network's timeout to answer.
func (m *mainWindow) ensureFolder(dir string, then, back func()) {
	m.setActivity("Looking at " + dir + "…")
	m.bg.run(func() {
		info, err := statFolder(dir)
		m.bg.do(func() {
			m.setActivity("")
			switch {
			case err == nil && info.IsDir():
				then()
			case err == nil:
				m.showErrorThen(fmt.Errorf("%s is a file, not a folder", dir), back)
			case errors.Is(err, os.ErrNotExist):
				m.askCreateFolder(dir, then, back)
			default:
				m.showErrorThen(fmt.Errorf("the folder cannot be reached: %w", err), back)
			}
		})
	})
}

// askCreateFolder asks before creating dir, creates it on Yes and runs
// then, and runs back on No or once the message saying it could not be
// created is closed.
func (m *mainWindow) askCreateFolder(dir string, then, back func()) {
	d := newConfirm("Create the folder?", dir+" does not exist yet. Create it and save there?", func(yes bool) {
		if !yes {
			back()
			return
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			m.showErrorThen(fmt.Errorf("create the folder: %w", err), back)
			return
		}
		then()
	}, m.w)
	d.showEnter(enterYes)
}

// withPhotoExtension gives a typed name the photo's extension (that of
// suggested): added to a name without one ("john.smith" has none a photo
// would have), and in place of an image extension of another format — a
// JPEG typed as "ann.png" or "ann.tiff" is saved as "ann.jpg", not as JPEG
// bytes a viewer would refuse by their name (app.CorrectImageExtension,
// as get -o does). ".jpeg" or ".jfif" for a ".jpg" photo is kept.
func withPhotoExtension(name, suggested string) string {
	if !app.IsImageExtension(filepath.Ext(name)) {
		return name + filepath.Ext(suggested)
	}
	name, _ = app.CorrectImageExtension(name, suggested)
	return name
}

// lastOpenDir is where Fyne's pickers of a list or a folder to import
// start: the folder the last one came from, else the save folder, nil
// when neither is there. Kept apart from the save folder: picking a list
// must not move where Save puts photos.
func (m *mainWindow) lastOpenDir() fyne.ListableURI {
	if dir := listableDir(m.prefs.String(app.PrefLastOpenDir)); dir != nil {
		return dir
	}
	return m.lastSaveDir()
}

// rememberOpenDir keeps dir for the next picker of something to open.
func (m *mainWindow) rememberOpenDir(dir string) { m.rememberPref(app.PrefLastOpenDir, dir) }

// lastPictureDir is where the picker of a picture (Change photo… > From a
// file…) starts: the folder the last picture came from, else where the
// other pickers start. Kept apart from them: an import remembered its
// folder's parent there, and the next picture picker opened in it.
func (m *mainWindow) lastPictureDir() fyne.ListableURI {
	if dir := listableDir(m.prefs.String(app.PrefLastPictureDir)); dir != nil {
		return dir
	}
	return m.lastOpenDir()
}

// rememberPictureDir keeps dir for the next picker of a picture.
func (m *mainWindow) rememberPictureDir(dir string) { m.rememberPref(app.PrefLastPictureDir, dir) }

// rememberSaveDir keeps dir for the next Save.
func (m *mainWindow) rememberSaveDir(dir string) { m.rememberPref(app.PrefLastSaveDir, dir) }

// rememberPref sets the preference key to value unless it holds it
// already, so an unchanged folder changes nothing.
func (m *mainWindow) rememberPref(key, value string) {
	if m.prefs.String(key) != value {
		m.prefs.SetString(key, value)
	}
}
