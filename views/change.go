package views

import (
	"context"
	"errors"
	"image"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/photoedit"
	"github.com/photodesk/photodesk/graphapi"
)

// imageExtensions are the files Change photo… offers to open: the formats
// photoedit reads (".jfif" is a JPEG, as some browsers save one), and
// HEIC/HEIF and TIFF, which it refuses by name with what to do ("save it
// as JPEG first") — a person who cannot see their iPhone photo in the
// picker is never told that.
var imageExtensions = []string{
	".jpg", ".jpeg", ".jfif", ".png", ".gif", ".bmp", ".webp",
	".heic", ".heif", ".tif", ".tiff",
}

// changer is the change path for the account the window shows: one for
// the window, so its changes (and undos) happen one at a time. It is made
// on first use, so only the UI goroutine may call it: a change's goroutine
// is handed the changer and the account's context (which an account
// switch replaces) before it starts, or a change and an undo begun
// together could each make a changer of their own, whose locks would not
// keep them apart.
func (m *mainWindow) changer() *change.Changer {
	if m.changes == nil {
		g := m.writer()
		m.changes = &change.Changer{Graph: g, Cache: m.eng, Dir: m.backups}
		if id, ok := g.(change.Identifier); ok {
			m.changes.Identify = change.IdentifyBy(id)
		}
	}
	return m.changes
}

// onChangePhoto picks a picture for the person shown: from a file, or the
// image on the clipboard (dropping an image file on the window does the
// same).
func (m *mainWindow) onChangePhoto() {
	if m.person == nil {
		return
	}
	p := *m.person
	var d dialog.Dialog
	fromFile := keyButton(m.w, "From a file…", nil, func() {
		d.Hide()
		m.chooseImageFile(p)
	})
	fromFile.Importance = widget.HighImportance
	fromClip := keyButton(m.w, "Paste from the clipboard", nil, func() {
		d.Hide()
		m.pasteImage(p)
	})
	hint := widget.NewLabel("Or drop an image file on the window. JPEG, PNG, GIF, BMP and WebP are taken; the photo is cropped to a square and uploaded as a JPEG.")
	hint.Wrapping = fyne.TextWrapWord
	d = newCustom("Change the photo of "+p.DisplayName, "Cancel", container.NewVBox(container.NewHBox(fromFile, fromClip), hint), m.w)
	m.pictureAsk = d
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
	m.w.Canvas().Focus(fromFile) // Enter or Space picks a file at once; Tab reaches the clipboard
}

// chooseImageFile opens an image file for p.
func (m *mainWindow) chooseImageFile(p app.Person) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) { m.imageFileChosen(p, r, err) }, m.w)
	d.SetFilter(storage.NewExtensionFileFilter(imageExtensions))
	d.SetTitleText("Choose a picture for " + p.DisplayName)
	if dir := m.lastPictureDir(); dir != nil {
		d.SetLocation(dir)
	}
	d.Resize(pickerSize(m.w))
	closeOnEscape(m.w, d)
	d.Show()
}

// imageFileChosen opens the picture picked in the file dialog for p.
func (m *mainWindow) imageFileChosen(p app.Person, r fyne.URIReadCloser, err error) {
	m.openPicked(r, err, m.rememberPictureDir, func(path string) { m.editImageFile(p, path) })
}

// isImageFile reports whether a dropped file looks like a picture: one
// the picker would offer, so dropping and picking take the same files.
func isImageFile(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range imageExtensions {
		if ext == e {
			return true
		}
	}
	return false
}

// editImageFile reads and decodes a picture off the UI goroutine and opens
// the editor on it. The file itself is only read.
func (m *mainWindow) editImageFile(p app.Person, path string) {
	m.setActivity("Opening " + filepath.Base(path) + "…")
	before := m.shownOf(p)
	m.bg.run(func() {
		data, err := photoedit.ReadFile(path)
		var src *photoedit.Source
		if err == nil {
			src, err = photoedit.Load(data)
		}
		m.bg.do(func() { m.openEditor(p, filepath.Base(path), src, err, before) })
	})
}

// pasteImage opens the editor on the image on the clipboard.
func (m *mainWindow) pasteImage(p app.Person) {
	before := m.shownOf(p)
	m.bg.run(func() {
		data, err := m.clip.ReadImage()
		var src *photoedit.Source
		if err == nil {
			src, err = photoedit.Load(data)
		}
		m.bg.do(func() { m.openEditor(p, "", src, err, before) })
	})
}

// shownOf is p's photo as the viewer shows it: nil while it loads, or
// when the viewer shows someone else.
func (m *mainWindow) shownOf(p app.Person) *app.PhotoResult {
	if m.person != nil && m.person.SameAs(p) {
		return m.current
	}
	return nil
}

// sizesKnownOf is the size list known for p's photo r: r's own, or, when
// it came before the list did, the one the viewer has since been given
// while it shows p; nil while unknown.
func (m *mainWindow) sizesKnownOf(p app.Person, r *app.PhotoResult) []graphapi.Size {
	if r.Available != nil {
		return r.Available
	}
	if m.person != nil && m.person.SameAs(p) {
		return m.viewer.sizes.available
	}
	return nil
}

// openEditor shows the editor for a decoded picture, or why it cannot be
// used; name is the picture's file name, "" for the clipboard's. before is
// p's photo as shown when the picture was chosen: someone else opened
// while a large picture was read, the note still words p's photo (it
// promised a backup of none, or of a mailbox-less user's).
func (m *mainWindow) openEditor(p app.Person, name string, src *photoedit.Source, err error, before *app.PhotoResult) {
	m.setActivity("")
	if err != nil {
		title := "This picture cannot be used"
		if name != "" {
			title = name + " cannot be used" // several may have been dropped or tried
		}
		if errors.Is(err, errNoImageOnClipboard) || errors.Is(err, errNoImageClipboard) {
			title = "No picture on the clipboard" // there is no picture to judge
		}
		showInformation(title, pictureProblem(err), m.w)
		return
	}
	shown := m.shownOf(p)
	if shown == nil {
		shown = before
	}
	now := photoNowOf(p, shown)
	// A contact's photo has no size list either, but it lives in the
	// mailbox: only a user's or a group's empty list means Entra ID.
	if now == photoThere && shown != nil && hasHDSizes(p) && isEntraOnly(m.sizesKnownOf(p, shown)) {
		now = photoEntraOnly
	}
	var ed *photoEditor
	ed = newPhotoEditor(m.w, m.bg, p, now, src, func(e photoedit.Edit) { m.upload(p, src, e, ed.permitted) })
	m.opened(ed)
}

// upload prepares the edited square, asks for write permission the first
// time, and changes p's photo — the backup first. permitted hears whether
// the permission came and says whether to go on (the editor's: it closes,
// or stays as it was when refused or says no when it was cancelled).
func (m *mainWindow) upload(p app.Person, src *photoedit.Source, e photoedit.Edit, permitted func(granted bool) bool) {
	m.withWriteAnswer(p, func(granted bool) {
		if !permitted(granted) {
			return
		}
		m.setActivity("Uploading the new photo of " + p.DisplayName + "…")
		c, ctx := m.changer(), m.ctx
		m.trackChange("the upload of a new photo of "+p.DisplayName, func() {
			prepared, err := photoedit.Prepare(src, e)
			if err != nil {
				m.bg.do(func() { m.changed(p, change.ActionSet, "", change.Entry{}, err) })
				return
			}
			m.send(c, ctx, p, prepared)
		})
	})
}

// smallerUpload is what a second try sends to a user who refused the
// first upload with a bare 404 (no mailbox: ~100 KB was their limit).
const smallerUpload = 60_000

// send uploads prepared as p's photo through c, off the UI goroutine, and
// offers a smaller version when Graph's answer says the first was too
// large for this user.
func (m *mainWindow) send(c *change.Changer, ctx context.Context, p app.Person, prepared *photoedit.Prepared) {
	entry, err := c.Set(ctx, p, prepared.Bytes, prepared.ContentType)
	m.bg.report(func() {
		if !change.IsUploadTooLargeForUser(err) || len(prepared.Bytes) <= smallerUpload {
			m.changed(p, change.ActionSet, "Changed the photo of "+p.DisplayName+".", entry, err)
			return
		}
		m.setActivity("")
		showConfirm("Upload a smaller version?", changeProblem(err, p, m.sidebar.appOnly)+
			" Photo Desk can send a smaller version of the same picture (under 60 KB).", enterYes, func(yes bool) {
			if !yes {
				return
			}
			m.trackChange("the upload of a new photo of "+p.DisplayName, func() {
				smaller, err := photoedit.PrepareSmaller(prepared, smallerUpload)
				if err != nil {
					m.bg.do(func() { m.changed(p, change.ActionSet, "", change.Entry{}, err) })
					return
				}
				m.send(c, ctx, p, smaller)
			})
		}, m.w)
	})
}

// onRemovePhoto removes the shown person's photo after asking, showing the
// photo that goes; contacts' photos cannot be removed through Graph.
func (m *mainWindow) onRemovePhoto() {
	if m.person == nil {
		return
	}
	r, ok := m.photo()
	if !ok {
		switch {
		case photoNowOf(*m.person, m.current) == photoNoMailbox:
			// Shown as no photo, but Graph would not say: not "none".
			showInformation("Remove photo", "Microsoft Graph answers that "+m.person.DisplayName+
				" has no Exchange mailbox: their photo cannot be read or backed up, so it cannot be removed this way.", m.w)
		case m.current != nil: // loaded, and there is none: a menu item that did nothing would puzzle
			showInformation("Remove photo", m.person.DisplayName+" has no photo to remove.", m.w)
		}
		return
	}
	p := *m.person
	if p.Kind == app.KindContact {
		showInformation("Remove photo", "Microsoft Graph cannot remove an Outlook contact's photo, only replace it: use Change photo… instead.", m.w)
		return
	}
	msg := widget.NewLabel("Remove the photo of " + p.DisplayName + "? A backup is saved first, and Edit > Undo last change puts it back.")
	msg.Wrapping = fyne.TextWrapWord
	d := newCustomConfirm("Remove photo", "Remove", "Cancel", withPhoto(r.Image, msg), func(yes bool) {
		if !yes {
			return
		}
		m.withWrite(p, func() {
			m.setActivity("Removing the photo of " + p.DisplayName + "…")
			c, ctx := m.changer(), m.ctx
			m.trackChange("the removal of the photo of "+p.DisplayName, func() {
				entry, err := c.Remove(ctx, p)
				m.bg.report(func() { m.changed(p, change.ActionRemove, "Removed the photo of "+p.DisplayName+".", entry, err) })
			})
		})
	}, m.w)
	// A photo removed is the one change here that only takes something
	// away: its button is marked so, not the usual confirm blue.
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(420, 0))
	d.showEnter(enterNo)
}

// onUndo reverts the last change in the change log, after saying which.
func (m *mainWindow) onUndo() {
	c, ctx := m.changer(), m.ctx
	m.bg.run(func() {
		// Off the UI goroutine: which changes are this account's is read
		// from its token, which may need refreshing.
		last, err := c.LastUndoable(ctx)
		back := backupImage(last.Entry)
		m.bg.do(func() { m.askUndo(last, back, err) })
	})
}

// withPhoto is a question about a photo: the photo, 160 units across,
// centred above what is asked.
func withPhoto(img image.Image, question fyne.CanvasObject) fyne.CanvasObject {
	thumb := canvas.NewImageFromImage(img)
	thumb.FillMode = canvas.ImageFillContain
	thumb.SetMinSize(fyne.NewSquareSize(160))
	return container.NewVBox(container.NewCenter(thumb), question)
}

// backupImage is the photo undoing e puts back, decoded for the question
// to show, or nil when it puts none back (a first photo is removed) or
// the backup cannot be read (the undo says why when it runs).
func backupImage(e change.Entry) image.Image {
	if e.Backup == "" {
		return nil
	}
	data, err := photoedit.ReadFile(e.Backup)
	if err != nil {
		return nil
	}
	dec, err := app.DecodeImage(data, 0)
	if err != nil {
		return nil
	}
	return dec.Image
}

// askUndo asks whether to revert last, the change Undo would revert,
// showing the photo that comes back (back; nil when none does), or says
// why there is none (err); newer changes that cannot be undone are named
// either way.
func (m *mainWindow) askUndo(last change.Undoable, back image.Image, err error) {
	passed := passedOverText(last.PassedOver)
	switch {
	case errors.Is(err, change.ErrNothingToUndo):
		showInformation("Undo last change", passed+"There is no change to undo.", m.w)
		return
	case errors.Is(err, change.ErrWhoUnknown):
		showInformation("Undo last change", change.Explain(err, app.Person{}), m.w)
		return
	case err != nil:
		m.showError(err)
		return
	}
	p, err := last.Target.Person()
	if err != nil {
		m.showError(err)
		return
	}
	what := last.Describe()
	if last.Status != change.StatusDone {
		what += ", which got no answer from Microsoft Graph (Photo Desk looks first whether it went through)"
	}
	if passed != "" {
		passed += "The last change that can be undone is older. "
	}
	question := passed + "Undo " + what + "? The photo there now, if any, is backed up first."
	if back == nil && last.Backup == "" {
		question += " There was no photo before it, so undoing removes the photo."
	}
	msg := widget.NewLabel(question)
	msg.Wrapping = fyne.TextWrapWord
	content := fyne.CanvasObject(msg)
	if back != nil {
		// As Remove photo shows the photo that goes, the photo that comes back.
		content = withPhoto(back, msg)
	}
	d := newCustomConfirm("Undo last change", "Undo", "Cancel", content, func(yes bool) {
		if yes {
			m.undo(p, last.Entry, change.UndoOptions{})
		}
	}, m.w)
	d.Resize(fyne.NewSize(460, 0))
	d.showEnter(enterNo)
}

// undo reverts change last of p's photo; a photo changed again since is
// overwritten only once the person says so.
func (m *mainWindow) undo(p app.Person, last change.Entry, o change.UndoOptions) {
	m.withWrite(p, func() {
		c, ctx := m.changer(), m.ctx
		m.trackChange("the undo of the last change to "+p.DisplayName, func() {
			entry, err := c.UndoWith(ctx, last.ID, o)
			m.bg.report(func() {
				if cs := (*change.ChangedSinceError)(nil); errors.As(err, &cs) && m.ctx.Err() == nil {
					m.setActivity("")
					m.askOverwrite(p, last, cs)
					return
				}
				m.changed(p, change.ActionUndo, "Undid the last change to "+last.Target.String()+".", entry, err)
			})
		})
	})
}

// askOverwrite asks whether to undo last although p's photo was changed
// again since (cs says how).
func (m *mainWindow) askOverwrite(p app.Person, last change.Entry, cs *change.ChangedSinceError) {
	showConfirm("Undo last change", cs.Question(last), enterNo,
		func(yes bool) {
			if yes {
				m.undo(p, last, change.UndoOptions{Overwrite: true})
			}
		}, m.w)
}

// passedOverText names the newer changes an undo passes over, and why
// each cannot be undone; "" when there are none.
func passedOverText(passed []change.PassedOver) string {
	var b strings.Builder
	for _, po := range passed {
		b.WriteString(app.Sentence(po.Describe() + " cannot be undone: " + po.Why))
		b.WriteString(" ")
	}
	return b.String()
}

// changed shows how a change ended: the new photo and a word on how long
// other apps take, or why nothing changed. action is the change's kind
// (change.ActionSet, ActionRemove, ActionUndo), for titles that say what
// did not happen: entry does not tell, as a change that failed before its
// backup has none.
func (m *mainWindow) changed(p app.Person, action, done string, entry change.Entry, err error) {
	m.setActivity("")
	switch {
	case m.ctx.Err() != nil:
		// The account's work ended meanwhile (another account chosen, a
		// sign-out, new settings): say why, and what became of the change,
		// which may have reached Graph before it was cut off.
		what := "It went through."
		if err != nil {
			what = "It may or may not have reached Microsoft Graph; look at the photo again (the change log has the backup)."
		}
		showInformation("A photo change was interrupted", "The change to the photo of "+p.DisplayName+
			" was interrupted"+because(context.Cause(m.ctx))+". "+what, m.w)
		return
	case errors.Is(err, change.ErrNotLogged):
		showInformation(changeTitlesOf(action).notLogged, change.Explain(err, p), m.w)
	case err != nil && entry.Status == change.StatusFailed && entry.Unanswered:
		// Sent, and no answer of Graph's own came (a connection cut, a
		// gateway's 504): Graph may have taken it. "Not changed" would
		// send the person away from a photo that was replaced.
		then := " Edit > Undo last change looks first, and puts the photo from before back if it did."
		if entry.Action == change.ActionUndo {
			// Undoing again finds the photo not the one the change left,
			// and names this undo: it does not look the same way.
			then = " Edit > Undo last change again undoes the change if it did not, and says so if it did."
		}
		showInformation("No answer from Microsoft Graph", changeProblem(err, p, m.sidebar.appOnly)+
			" The change was sent but no answer came, so it may have gone through all the same: look at the photo again before trying again."+then, m.w)
		// The cache of p was dropped with the change: show what Graph holds.
		m.sidebar.forgetAvatar(p)
		if m.person != nil && m.person.SameAs(p) {
			m.loadThen(func() {})
		}
		return
	case err != nil:
		showInformation(changeTitlesOf(action).notDone, changeProblem(err, p, m.sidebar.appOnly), m.w)
		return
	}
	// The change path has already dropped what the engine cached of p
	// (Changer.end): the viewer and the avatar just ask again.
	m.sidebar.forgetAvatar(p)
	// The bar has room for the gist; its Details link gives the rest.
	say := done + " Other apps may take hours to show it."
	detail := done + " Other Microsoft 365 apps cache photos: Outlook may take a while and Teams hours or more to show it." + backupNote(entry)
	if m.person == nil || !m.person.SameAs(p) {
		m.status.setActivityMore(say, detail)
		return
	}
	m.loadThen(func() { m.status.setActivityMore(say, detail) }) // the new photo and its sizes, then the word on it
}

// backupNote names the backup of a change, if there was a photo to back up.
// An undo's is not offered back by Undo last change, which walks past
// undos to the change before.
func backupNote(e change.Entry) string {
	if e.Backup == "" {
		return " There was no photo before, so nothing needed a backup."
	}
	if e.Action == change.ActionUndo {
		return "\n\nThe photo as it was before is backed up in " + e.Backup + "."
	}
	return "\n\nThe photo as it was before is backed up in " + e.Backup + " (Edit > Undo last change puts it back)."
}

// withWrite runs then once the account may change photos of p's kind,
// asking for the permission the first time (askWrite, from the window
// around); without anyone to ask, it just runs.
func (m *mainWindow) withWrite(p app.Person, then func()) {
	m.withWriteAnswer(p, func(granted bool) {
		if granted {
			then()
		}
	})
}

// withWriteAnswer is withWrite that hears a refusal too.
func (m *mainWindow) withWriteAnswer(p app.Person, answer func(granted bool)) {
	if m.askWrite == nil {
		answer(true)
		return
	}
	m.askWrite(change.WritePermission(p), answer)
}
