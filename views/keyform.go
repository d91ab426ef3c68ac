package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// keyForm is dialog.NewForm with key buttons: Tab reaches Cancel and the
// confirm button, Enter presses the one focused, and Escape, from a button
// or one of the entries, answers as Cancel does — Fyne's form buttons take
// only Space and swallow Escape. As in Fyne's, the confirm button is off
// while an item fails its validator, and the callback runs once.
type keyForm struct {
	*confirmDialog
}

// newKeyForm builds the form of items over w.
func newKeyForm(title, confirm, dismiss string, items []*widget.FormItem, callback func(bool), w fyne.Window) *keyForm {
	form := widget.NewForm(items...)
	return newKeyFormIn(title, confirm, dismiss, form, form, callback, w)
}

// newKeyFormIn is newKeyForm for a form shown inside content (a scroll
// around it, for one taller than the window).
func newKeyFormIn(title, confirm, dismiss string, form *widget.Form, content fyne.CanvasObject, callback func(bool), w fyne.Window) *keyForm {
	f := &keyForm{newCustomConfirm(title, confirm, dismiss, content, callback, w)}
	f.setSubmitState(form.Validate())
	form.SetOnValidationChanged(f.setSubmitState)
	passEscape(func() { f.answer(false) }, form)
	return f
}

// setSubmitState turns the confirm button off while err says an item is
// not valid.
func (f *keyForm) setSubmitState(err error) {
	if err != nil {
		f.yes.Disable()
		return
	}
	f.yes.Enable()
}

// Submit answers yes, as the confirm button does, unless an item is not
// valid: an entry's Enter submits the form with it.
func (f *keyForm) Submit() {
	if f.yes.Disabled() {
		return
	}
	f.answer(true)
}

// focusFirst gives the keyboard focus to the first control of the form
// just shown over w, the one Tab reaches first, unless the form focused one
// of its own: Fyne opens a dialog with nothing focused, so Export and
// Settings took no keys until Tab or a click found them a control. Questions
// are shown with confirmDialog.showEnter instead, on the button Enter
// should press.
func focusFirst(w fyne.Window) {
	c := w.Canvas()
	if c.Focused() == nil {
		c.FocusNext()
	}
}
