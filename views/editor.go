package views

import (
	"fmt"
	"image"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/importer"
	"github.com/photodesk/photodesk/app/photoedit"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/views/widgets"
)

// photoEditor is the Change photo dialog: the new picture, upright (EXIF
// orientation applied), with a square frame to drag and zoom (centred at
// first), a quarter-turn rotate, and live previews at the sizes Teams and
// Outlook show — before anything is sent.
type photoEditor struct {
	src      *photoedit.Source
	edit     photoedit.Edit
	rotated  image.Image // src turned as edit says, made once a turn
	bg       *background // renders previews off the UI goroutine
	drawn    int         // bumps with every edit, so only the newest previews are shown
	crop     *widgets.CropView
	previews []*canvas.Image
	info     *widget.Label
	upload   *widgets.KeyButton
	dialog   *dialog.CustomDialog
	onUpload func(photoedit.Edit) // the person chose Upload; it closes the editor when the upload goes (permitted)
	now      photoNow             // what the backup will find
	sized    bool                 // the photo comes in Graph's HD sizes (not a contact's)
	// cancelled: Cancel or Escape closed the editor. An Upload still
	// waiting for the write permission then sends nothing.
	cancelled bool
}

// photoNow is what is known of the photo a change replaces, which the
// editor's note words: the backup it promises depends on it.
type photoNow int

const (
	// photoThere: a photo (or not known yet): it is backed up first.
	photoThere photoNow = iota
	// photoNone: Graph said there is none: nothing to back up.
	photoNone
	// photoNoneContact: an Outlook contact without a photo: nothing to
	// back up, and the first photo cannot be undone, since Graph cannot
	// remove a contact's photo.
	photoNoneContact
	// photoNoMailbox: Graph answered for a user without an Exchange
	// mailbox — shown as no photo, but the photo cannot be read, so
	// there is no backup, and the change path refuses (change.Explain).
	photoNoMailbox
	// photoEntraOnly: a photo kept only in Entra ID, at its own size and
	// with no HD sizes (its size list is empty): it is backed up first,
	// and the upload is kept there the same way, so the note promises no
	// sizes (the sandbox's Lynne).
	photoEntraOnly
)

// photoNowOf is what r, the photo of p shown, says of the photo a change
// replaces; r nil (not loaded, or someone else shown) says nothing.
func photoNowOf(p app.Person, r *app.PhotoResult) photoNow {
	switch {
	case r == nil || !r.NoPhoto:
		return photoThere
	case r.NoPhotoReason == app.ReasonNoMailbox:
		return photoNoMailbox
	case p.Kind == app.KindContact:
		return photoNoneContact
	}
	return photoNone
}

// newPhotoEditor opens the editor for src over w, for p's photo; now says
// what is known of p's photo now (what the backup will find).
func newPhotoEditor(w fyne.Window, bg *background, p app.Person, now photoNow, src *photoedit.Source, onUpload func(photoedit.Edit)) *photoEditor {
	e := &photoEditor{src: src, bg: bg, crop: widgets.NewCropView(), info: widget.NewLabel(""), onUpload: onUpload, now: now, sized: hasHDSizes(p) && now != photoEntraOnly}
	e.info.Wrapping = fyne.TextWrapWord
	e.crop.OnChanged = func(r image.Rectangle) {
		e.edit.Crop = r
		e.refreshNote()
		e.redrawPreviews()
	}
	var shown []fyne.CanvasObject
	for _, side := range photoedit.PreviewSides {
		img := canvas.NewImageFromImage(nil)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSquareSize(float32(side)))
		e.previews = append(e.previews, img)
		// Round, as Teams and Outlook show it (the heading says so).
		round := container.NewStack(img, newRoundMaskOn(theme.ColorNameOverlayBackground))
		shown = append(shown, container.NewVBox(container.NewCenter(round), widget.NewLabelWithStyle(fmt.Sprintf("%d px", side), fyne.TextAlignCenter, fyne.TextStyle{})))
	}
	rotate := keyButton(w, "Rotate", theme.ViewRefreshIcon(), e.onRotate)
	centre := keyButton(w, "Centre", nil, e.onCentre)
	// Upload leaves closing to onUpload: the editor stays, crop and all,
	// when the write permission asked for first is refused.
	e.upload = keyButton(w, "Upload", theme.UploadIcon(), e.onUploadTapped)
	e.upload.Importance = widget.HighImportance
	if now == photoNoMailbox {
		// Nothing it could do: the note says why. A live Upload beside
		// "Upload changes nothing" asked to be tried.
		e.upload.Disable()
	}
	cancel := keyButton(w, "Cancel", nil, e.onCancel)

	// The hint sits under the frame it is about, beside Rotate and Centre;
	// the note (what is uploaded, a blurry warning, the backup) heads the
	// previews: below them it was under the fold at the window's first
	// size, read as cut off.
	hint := widget.NewLabel("Drag the frame (or Tab to it and use the arrow keys) to choose what to keep; scroll (or + and -) to make it larger or smaller.")
	hint.Wrapping = fyne.TextWrapWord
	left := container.NewBorder(nil, container.NewBorder(nil, nil, container.NewHBox(rotate, centre), nil, hint), nil, nil, e.crop)
	// It scrolls: in a small window the dialog is shorter than the
	// previews and notes, and the buttons covered them.
	// Padded, so the largest preview keeps clear of the scroll bar.
	right := container.NewVScroll(container.NewPadded(container.NewVBox(e.info,
		widget.NewLabelWithStyle("How Teams and Outlook will show it", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(shown...))))
	content := container.NewBorder(nil, nil, nil, right, left)
	e.dialog = dialog.NewCustomWithoutButtons("Change the photo of "+p.DisplayName, content, w)
	e.dialog.SetButtons([]fyne.CanvasObject{cancel, e.upload})
	escapeWith(w, e.dialog, e.onCancel, e.crop) // the frame, focused, takes every key
	e.dialog.Resize(fyne.NewSize(980, 560))
	e.refreshNote()
	e.show()
	return e
}

// refreshNote words the note for the frame as it is now: zoomed in on a
// face, a large picture still uploads a small, blurry square.
func (e *photoEditor) refreshNote() {
	e.info.SetText(editorNote(e.src, e.edit.Square(e.src).Dx(), e.now, e.sized))
}

// editorNote describes the picture and what Upload makes of it, a square
// of side pixels cut from it: a small one is warned of, as the import's
// preview warns of small pictures; a square under 648 px, for a photo in
// HD sizes (sized), is told the sizes it gets, since the viewer's "Largest
// uploaded" after the upload came as a surprise; and the backup is
// promised only when there is a photo to back up.
func editorNote(src *photoedit.Source, side int, now photoNow, sized bool) string {
	size := src.Size()
	note := fmt.Sprintf("%s, %dx%d. Uploaded as a square JPEG of at most %dx%d (never enlarged).",
		strings.ToUpper(src.Format()), size.X, size.Y, photoedit.UploadSide, photoedit.UploadSide)
	if up := min(side, photoedit.UploadSide); sized && up < teamsLargest {
		if largest, ok := graphapi.Size(fmt.Sprintf("%dx%d", up, up)).FallbackCandidates(graphapi.HDSizes); ok {
			note += fmt.Sprintf(" Microsoft 365 makes no size larger than the upload: a %d px square gets sizes up to %s, and no %dx%d, the size Teams and Outlook ask for first.",
				up, largest, teamsLargest, teamsLargest)
		}
	}
	if src.Animated() {
		note += " Animated: only its first frame is used."
	}
	if side < importer.SmallSide {
		note += fmt.Sprintf(" Small: Teams and Outlook show photos at up to %d px, so a %d px square will look blurry there.", importer.SmallSide, side)
		if min(size.X, size.Y) > side {
			note += " Make the frame larger to keep more of the picture's pixels."
		}
	}
	switch now {
	case photoNone:
		return note + " There is no photo now, so there is nothing to back up."
	case photoNoneContact:
		return note + " There is no photo now, so there is nothing to back up — and this first photo cannot be undone:" +
			" Microsoft Graph cannot remove an Outlook contact's photo, only replace it."
	case photoNoMailbox:
		return note + " Microsoft Graph answers that this user has no Exchange mailbox: their photo cannot be read, so it cannot be backed up," +
			" and Photo Desk changes no photo it could not back up first, so Upload is off."
	case photoEntraOnly:
		note += " This photo is kept in Entra ID only, with no HD sizes: Microsoft 365 keeps the upload there the same way," +
			" as one photo of its own size."
	}
	return note + " A backup of the current photo is saved first."
}

// onUploadTapped sends the frame as it is, once: the first change waits
// for the write permission (a silent token request, or a sign-in in the
// browser, with the editor in sight again), and a second tap meanwhile
// sent the photo twice — two backups and two log lines, the first undo
// putting back the first upload rather than the photo from before.
func (e *photoEditor) onUploadTapped() {
	e.upload.Disable()
	e.onUpload(e.edit)
}

// onCancel closes the editor sending nothing, also when an Upload is
// still waiting for the write permission: it was sent once that came.
func (e *photoEditor) onCancel() {
	e.cancelled = true
	e.dialog.Hide()
}

// permitted hears whether the write permission an Upload waited for was
// granted, and reports whether to send: granted, the editor closes;
// refused, it stays as it was, crop and all, Upload ready again; closed
// by Cancel meanwhile, nothing is sent.
func (e *photoEditor) permitted(granted bool) bool {
	switch {
	case e.cancelled:
		return false
	case !granted:
		e.upload.Enable()
		return false
	}
	e.dialog.Hide()
	return true
}

func (e *photoEditor) show() {
	e.rotated = e.src.Rotated(e.edit.Rotate)
	e.crop.SetImage(e.rotated, e.edit.Square(e.src))
	e.refreshPreviews()
	e.dialog.Show()
}

// refreshPreviews draws the previews of the current edit, here and now:
// when the editor opens.
func (e *photoEditor) refreshPreviews() { e.showPreviews(photoedit.Previews(e.src, e.edit)) }

// redrawPreviews draws them again after an edit, off the UI goroutine —
// scaling a phone photo takes tens of milliseconds, and a dragged frame
// changes many times a second — showing only the newest.
func (e *photoEditor) redrawPreviews() {
	e.drawn++
	drawn, edit := e.drawn, e.edit
	e.bg.run(func() {
		imgs := photoedit.Previews(e.src, edit)
		e.bg.do(func() {
			if drawn == e.drawn {
				e.showPreviews(imgs)
			}
		})
	})
}

func (e *photoEditor) showPreviews(imgs []image.Image) {
	for i, img := range imgs {
		e.previews[i].Image = img
		e.previews[i].Refresh()
	}
}

// onRotate turns the picture a quarter clockwise, the frame with it.
func (e *photoEditor) onRotate() {
	e.edit = e.edit.RotateClockwise(e.src)
	e.rotated = e.src.Rotated(e.edit.Rotate)
	e.crop.SetImage(e.rotated, e.edit.Square(e.src))
	e.redrawPreviews()
}

// onCentre puts the frame back to the centred largest square.
func (e *photoEditor) onCentre() {
	e.edit.Crop = image.Rectangle{}
	e.crop.SetImage(e.rotated, e.edit.Square(e.src))
	e.refreshNote()
	e.redrawPreviews()
}
