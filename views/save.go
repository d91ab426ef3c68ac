package views

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/photodesk/photodesk/app"
)

// onSave asks where to save the photo, suggesting "<upn>_<WxH>.<ext>" in
// the folder used last time.
func (m *mainWindow) onSave() {
	r, ok := m.photo()
	if !ok {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) { m.onSaveChosen(r, w, err) }, m.w)
	d.SetFileName(r.SuggestedFileName())
	if dir := m.lastSaveDir(); dir != nil {
		d.SetLocation(dir)
	}
	m.saveDialog = d
	d.Show()
}

// onSaveChosen writes the photo where the user chose. Fyne's dialog has
// already asked before replacing a file, and hands over the file opened for
// writing; it is closed at once and the photo goes in with app.SaveAtomic
// (temporary file + rename), so no reader ever sees half a photo.
func (m *mainWindow) onSaveChosen(r *app.PhotoResult, w fyne.URIWriteCloser, err error) {
	if err != nil {
		m.showError(err)
		return
	}
	if w == nil {
		return // cancelled
	}
	path := w.URI().Path()
	_ = w.Close()
	m.rememberSaveDir(filepath.Dir(path))
	if err := app.SaveAtomic(path, r.Bytes, true); err != nil {
		removeIfEmpty(path) // the dialog's placeholder, not a photo
		m.showError(fmt.Errorf("save %s: %w", path, err))
		return
	}
	m.status.setActivity("Saved " + path)
}

// onSaveAllSizes asks for a folder and saves every size there.
func (m *mainWindow) onSaveAllSizes() {
	if _, ok := m.photo(); !ok {
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
	d.Show()
}

// saveOneInto saves the shown photo into dir under its suggested name.
func (m *mainWindow) saveOneInto(r *app.PhotoResult, dir string) {
	path := filepath.Join(dir, r.SuggestedFileName())
	m.writeOrAsk(filepath.Base(path)+" already exists in "+dir+". Replace it?",
		func(overwrite bool) (string, error) {
			if err := app.SaveAtomic(path, r.Bytes, overwrite); err != nil {
				return "", err
			}
			return "Saved " + path, nil
		})
}

// saveAllInto saves every available size of the current person into dir.
func (m *mainWindow) saveAllInto(dir string) {
	if m.person == nil {
		return
	}
	p := *m.person
	m.status.setActivity("Saving every size of " + p.DisplayName + "…")
	m.writeOrAsk("Some of the photos already exist in "+dir+". Replace them?",
		func(overwrite bool) (string, error) {
			paths, err := m.eng.SaveAllSizes(context.Background(), p, dir, overwrite)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("Saved %d photos of %s to %s", len(paths), p.DisplayName, dir), nil
		})
}

// writeOrAsk runs write in the background without overwriting; if a file is
// in the way it asks, and only on Yes runs it again allowing overwrite. The
// one flow for every save that is not the save dialog's.
func (m *mainWindow) writeOrAsk(question string, write func(overwrite bool) (done string, err error)) {
	var attempt func(overwrite bool)
	attempt = func(overwrite bool) {
		m.bg.run(func() {
			done, err := write(overwrite)
			m.bg.do(func() {
				switch {
				case !overwrite && errors.Is(err, app.ErrExists):
					m.status.setActivity("")
					dialog.ShowConfirm("Replace?", question, func(yes bool) {
						if yes {
							attempt(true)
						}
					}, m.w)
				case err != nil:
					m.status.setActivity("")
					m.showError(err)
				default:
					m.status.setActivity(done)
				}
			})
		})
	}
	attempt(false)
}

func (m *mainWindow) lastSaveDir() fyne.ListableURI {
	dir := m.prefs.String(app.PrefLastSaveDir)
	if dir == "" {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return nil // moved or deleted since: the dialog picks its default
	}
	return l
}

func (m *mainWindow) rememberSaveDir(dir string) {
	m.prefs.SetString(app.PrefLastSaveDir, dir)
}

func removeIfEmpty(path string) {
	if info, err := os.Stat(path); err == nil && info.Size() == 0 {
		_ = os.Remove(path)
	}
}
