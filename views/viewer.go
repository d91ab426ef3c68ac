package views

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/internal/starttrace"
	"github.com/photodesk/photodesk/views/widgets"
)

// placeholderSide is the size of the initials disc shown for "No photo".
const placeholderSide = 144

// sizePickerWidth fits the longest size label, "648x648 · not uploaded".
const sizePickerWidth = 230

// viewerLeastHeight is the least height the viewer takes in the window:
// its header and most of the photo area, the rest a scroll away (view).
// The viewer's whole minimum (header, room kept for a three-line note and
// a wrapped header line, a 240x240 photo) made the window 564 high at
// 100 %, 846 px at 150 % — taller than a 1366x768 laptop screen.
const viewerLeastHeight = 300

// viewer shows one person's photo at the chosen size.
type viewer struct {
	title *widgets.FitLabel
	// detail is the address, job title and department: wrapped onto a
	// second line when it does not fit, rather than cut short, so a long
	// one can be read whole (a one-line one takes one line).
	detail   *widget.Label
	sizes    *sizePicker
	actual   *widgets.NavCheck
	note     *widget.Label // the fallback note, e.g. "648x648 not uploaded — showing 504x504"
	image    *canvas.Image
	layout   *photoLayout
	photo    fyne.CanvasObject // checkerboard + image, scrolled at actual size
	loading  *fyne.Container
	spinner  *widget.Activity
	loadMsg  *widget.Label
	noPhoto  *fyne.Container
	badge    *widgets.InitialsBadge
	drag     *widgets.DragHandle // over the photo: drags it out of the window
	dragNone *widgets.DragHandle // over the other states: a drag there says there is nothing to drag
	reason   *widget.Label
	message  *widget.Label // empty state and errors
	area     *photoArea
	content  fyne.CanvasObject // header and photo area
	// view is content in a vertical scroll, what the window shows: it
	// scrolls only when the window is smaller than the viewer's minimum,
	// and its own minimum never changes, so a note appearing or a header
	// line wrapping never makes the window grow by itself.
	view  *container.Scroll
	shown *app.PhotoResult  // the photo on screen, for its note; nil when none
	round *widgets.NavCheck // the round preview toggle
	mask  *roundMask        // over the photo while round is on

	onActualChanged func(bool)
}

func newViewer(initial graphapi.Size, canvasScale func() float32, onSize func(graphapi.Size), onSecondary func(*fyne.PointEvent)) *viewer {
	v := &viewer{
		title:   widgets.NewFitLabel("", fyne.TextStyle{Bold: true}),
		detail:  widget.NewLabel(""),
		note:    widget.NewLabel(""),
		image:   canvas.NewImageFromImage(nil),
		layout:  &photoLayout{canvasScale: canvasScale, minFitLength: 96},
		spinner: widget.NewActivity(),
		loadMsg: widget.NewLabel(""),
		badge:   widgets.NewInitialsBadge(placeholderSide),
		reason:  widget.NewLabel(""),
		message: widget.NewLabel("Choose someone on the left to see their photo."),
	}
	v.note.Importance = widget.WarningImportance
	v.detail.Wrapping = fyne.TextWrapWord // an address with no space breaks where it must
	v.note.Hide()
	v.sizes = newSizePicker(initial, onSize)
	v.actual = widgets.NewNavCheck("Actual pixels", v.onActual)
	v.mask = newRoundMask()
	v.mask.Hide()
	v.round = widgets.NewNavCheck("Round", v.onRound) // as Teams and Outlook show it
	v.image.FillMode = canvas.ImageFillStretch        // photoLayout keeps the aspect
	v.message.Alignment = fyne.TextAlignCenter
	v.message.Wrapping = fyne.TextWrapWord
	v.reason.Alignment = fyne.TextAlignCenter
	v.reason.Wrapping = fyne.TextWrapWord

	v.drag = widgets.NewDragHandle()
	v.photo = container.NewScroll(container.New(v.layout, widgets.NewCheckerboard(), v.image, v.mask, v.drag))
	v.loading = container.NewCenter(container.NewVBox(v.spinner, v.loadMsg))
	noPhotoTitle := widget.NewLabelWithStyle("No photo", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	v.noPhoto = container.NewVBox(layout.NewSpacer(), container.NewCenter(v.badge), noPhotoTitle, v.reason, layout.NewSpacer())
	v.dragNone = widgets.NewDragHandle()
	v.area = newPhotoArea(container.NewStack(v.photo, v.loading, v.noPhoto, container.NewPadded(v.message), v.dragNone), onSecondary)

	picker := container.New(layout.NewGridWrapLayout(fyne.NewSize(sizePickerWidth, v.sizes.sel.MinSize().Height)), v.sizes.sel)
	controls := container.NewHBox(widget.NewLabel("Size"), picker, v.actual, v.round)
	header := container.NewVBox(v.title, v.detail, controls, v.note)
	v.content = container.NewBorder(header, nil, nil, nil, v.area)
	v.view = container.NewVScroll(v.content)
	v.view.SetMinSize(fyne.NewSize(0, viewerLeastHeight))
	v.setNote("")
	v.showOnly(v.message)
	return v
}

// showOnly makes one of the middle states visible.
func (v *viewer) showOnly(which fyne.CanvasObject) {
	for _, o := range []fyne.CanvasObject{v.photo, v.loading, v.noPhoto, v.message} {
		if o == which {
			o.Show()
		} else {
			o.Hide()
		}
	}
	if which == v.photo {
		v.dragNone.Hide()
	} else {
		v.dragNone.Show()
	}
	if which == v.loading {
		v.spinner.Start()
	} else {
		v.spinner.Stop()
	}
}

// onDrag hands drags on the photo to dragged and their end to end — and
// drags where no photo is shown (loading, none, an error), so that they
// too hear there is nothing to drag rather than nothing at all.
func (v *viewer) onDrag(dragged func(*fyne.DragEvent), end func()) {
	v.drag.OnDragged, v.drag.OnDragEnd = dragged, end
	v.dragNone.OnDragged, v.dragNone.OnDragEnd = dragged, end
}

// onNavigationKey hands the keys its controls have no use for to f, which
// reports whether it used them: Up, Down, F5 and Escape from the check
// boxes, F5 and Escape from the size picker (Up and Down open it).
func (v *viewer) onNavigationKey(f func(*fyne.KeyEvent) bool) {
	v.actual.OnKey, v.round.OnKey, v.sizes.sel.OnKey = f, f, f
}

// onTyped hands what is typed on the size picker and the check boxes to f:
// after a size is picked or a box ticked with the mouse the control keeps
// the focus, and a name typed then went nowhere.
func (v *viewer) onTyped(f func(rune)) {
	v.sizes.sel.OnRune, v.actual.OnRune, v.round.OnRune = f, f, f
}

// size is the size picked.
func (v *viewer) size() graphapi.Size { return v.sizes.size }

// setAvailable marks the sizes that exist in the picker, and words the
// note again now that the size list is known.
func (v *viewer) setAvailable(sizes []graphapi.Size) {
	v.sizes.setAvailable(sizes)
	v.setNote(photoNote(v.shown, sizes))
}

// setPerson names the person being shown and resets what is known of their sizes.
func (v *viewer) setPerson(p app.Person) {
	v.title.SetText(p.Name())
	detail := p.Address()
	if p.IsGuest() {
		detail += widgets.GuestMark
	}
	for _, about := range []string{p.JobTitle, p.Department} {
		if about != "" {
			detail += " · " + about
		}
	}
	v.detail.SetText(detail)
	v.sizes.setAvailable(nil)
	v.sizes.setOnlyOne(p.Kind == app.KindContact)
}

func (v *viewer) showLoading(p app.Person) {
	v.shown = nil
	v.setNote("")
	v.loadMsg.SetText("Loading the photo of " + p.DisplayName + "…")
	v.showOnly(v.loading)
}

// showPhoto puts a decoded photo on screen with its fallback note.
func (v *viewer) showPhoto(r *app.PhotoResult) {
	b := r.Image.Bounds()
	v.layout.pixW, v.layout.pixH = b.Dx(), b.Dy()
	v.image.Image = r.Image
	v.applyScaleMode()
	v.image.Refresh()
	v.shown = r
	if r.Available != nil {
		v.sizes.setAvailable(r.Available)
	}
	v.setNote(photoNote(r, v.sizes.available))
	v.showOnly(v.photo)
	v.photo.Refresh()
	starttrace.Mark("first photo shown")
}

// showNoPhoto shows the initials placeholder and why there is no photo.
func (v *viewer) showNoPhoto(p app.Person, reason string) {
	v.image.Image = nil
	v.shown = nil
	v.badge.Set(p.Initials(), p.ID)
	v.reason.SetText(noPhotoSentence(p, reason))
	v.setNote("")
	v.showOnly(v.noPhoto)
}

// showMessage replaces the middle with a sentence (errors, empty state).
func (v *viewer) showMessage(text string) {
	v.image.Image = nil
	v.shown = nil
	v.message.SetText(text)
	v.setNote("")
	v.showOnly(v.message)
}

func (v *viewer) setNote(text string) {
	v.note.SetText(text)
	setVisible(v.content, v.note, text != "")
}

func (v *viewer) onActual(on bool) {
	v.layout.actual = on
	v.applyScaleMode()
	v.image.Refresh()
	v.photo.Refresh()
	if v.onActualChanged != nil {
		v.onActualChanged(on)
	}
}

// onRound shows the photo cut to a circle, as Teams and Outlook show it,
// since that is how people will see it (issue 18).
func (v *viewer) onRound(on bool) {
	setVisible(v.photo, v.mask, on)
}

// applyScaleMode keeps pixels crisp at actual size and smooth when fitted.
func (v *viewer) applyScaleMode() {
	if v.layout.actual {
		v.image.ScaleMode = canvas.ImageScalePixels
	} else {
		v.image.ScaleMode = canvas.ImageScaleSmooth
	}
}

// noPhotoSentence turns the engine's short reason into a sentence under
// "No photo".
func noPhotoSentence(p app.Person, reason string) string {
	switch reason {
	case "", app.ReasonNoPhoto:
		if p.Kind == app.KindGroup {
			return "No photo has been uploaded for this group."
		}
		return "No photo has been uploaded for " + p.Name() + "."
	case app.ReasonPersonal:
		return "Personal Microsoft accounts cannot read photo metadata, and only their own photo."
	}
	return strings.ToUpper(reason[:1]) + reason[1:] + "."
}
