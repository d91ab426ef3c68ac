package views

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/views/widgets"
)

// saveForm asks where to save one photo: a folder (typed, pasted or
// chosen) and a file name. It is ours rather than Fyne's file save dialog
// because that one opens the chosen file for writing, which empties an
// existing file before anything is saved; this one only hands back a path,
// and the photo goes in with app.SaveAtomic, so a failed save never costs
// the old file.
type saveForm struct {
	folder   *widgets.EscapeEntry
	browse   *widgets.KeyButton
	name     *widgets.EscapeEntry
	nameItem *widget.FormItem
	dialog   *keyForm
}

// saveNameHint is what the file name's hint says of a name typed.
const saveNameHint = "Without an extension the photo's own is added"

// newSaveForm builds the form over w, starting in dir with name filled in;
// note, when set, opens the file name's hint (the size saved when the one
// picked was not uploaded); onChosen gets the folder and file name when
// the user presses Save.
func newSaveForm(w fyne.Window, dir, name, note string, onChosen func(dir, name string)) *saveForm {
	f := &saveForm{folder: widgets.NewEscapeEntry(), name: widgets.NewEscapeEntry()}
	// The folder picker button sits inside the folder entry (set before the
	// entry first draws), which stays a form item itself, so the form checks
	// both entries and keeps Save off until they are valid.
	f.browse = widgets.NewKeyButton("", theme.FolderOpenIcon(), func() { f.chooseFolder(w) })
	f.browse.Importance = widget.LowImportance
	f.folder.ActionItem = f.browse
	f.folder.SetText(dir)
	f.folder.Validator = func(text string) error { return validSaveFolder(typedFolder(text)) }
	f.name.SetText(name)
	f.name.Validator = validFileName
	items := []*widget.FormItem{
		widget.NewFormItem("Folder", f.folder),
		widget.NewFormItem("File name", f.name),
	}
	items[0].HintText = "Type, paste or pick a folder; a new one is created after asking"
	items[1].HintText = saveNameHint
	if note != "" {
		items[1].HintText = note + ". " + saveNameHint
	}
	f.nameItem = items[1]
	f.dialog = newKeyForm("Save photo", "Save", "Cancel", items, func(ok bool) {
		if ok {
			onChosen(typedFolder(f.folder.Text), strings.TrimSpace(f.name.Text))
		}
	}, w)
	f.name.OnSubmitted = func(string) { f.dialog.Submit() }
	f.folder.OnSubmitted = func(string) { f.dialog.Submit() }
	f.dialog.Resize(fyne.NewSize(680, 0)) // room for a guest's long file name
	return f
}

// show opens the form with the file name ready to edit, the extension
// left alone.
func (f *saveForm) show(w fyne.Window) {
	f.dialog.Show()
	w.Canvas().Focus(f.name)
}

// chooseFolder opens Fyne's folder picker at the folder typed so far.
func (f *saveForm) chooseFolder(w fyne.Window) {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err == nil && dir != nil {
			f.folder.SetText(dir.Path())
		}
	}, w)
	if l := listableDir(typedFolder(f.folder.Text)); l != nil {
		d.SetLocation(l)
	}
	d.Resize(pickerSize(w))
	closeOnEscape(w, d)
	d.Show()
}

// listableDir is dir as a location for Fyne's pickers, or nil when it is
// not an existing folder (moved or deleted since).
func listableDir(dir string) fyne.ListableURI {
	if dir == "" {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return nil
	}
	return l
}

var errNoFolder = errors.New("choose an existing folder")

// notAFolder is the refusal of a folder that is, or is under, a file: it
// names the file, since a file picked where a folder was meant is the
// usual slip.
func notAFolder(file string) error {
	return fmt.Errorf("%s is a file, not a folder", filepath.Base(file))
}

func validFolder(dir string) error {
	info, err := statWithin(strings.TrimSpace(dir))
	if err != nil || !info.IsDir() {
		return errNoFolder
	}
	return nil
}

// validSaveFolder takes an existing folder, or a folder still to be
// created under one (Save asks before creating it); never a file, nor a
// folder under one. A folder too slow to answer (a share out of reach) is
// let through: the save finds out, off the UI goroutine (statWithin).
func validSaveFolder(dir string) error {
	dir = strings.TrimSpace(dir)
	if dir == "" {
		return errNoFolder
	}
	for p := filepath.Clean(dir); ; p = filepath.Dir(p) {
		info, err := statWithin(p)
		switch {
		case errors.Is(err, errFolderSlow):
			return nil
		case err == nil && info.IsDir():
			return nil
		case err == nil:
			return notAFolder(p)
		case !errors.Is(err, os.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR):
			// ENOTDIR: a file further up, named when the walk reaches it.
			return errNoFolder
		}
		if filepath.Dir(p) == p {
			return errNoFolder
		}
	}
}

// validFileName refuses, with the reason under the field, a name no file
// can have on Windows, macOS or Linux (app.FileNameProblem): the folder
// may be a share or a stick read on Windows.
func validFileName(name string) error { return app.FileNameProblem(name) }
