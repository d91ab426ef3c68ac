package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/views/widgets"
)

// keyButton is a dialog button that Enter presses, and Escape cancels the
// dialog on top from, when it has the focus (Fyne's buttons take only
// Space and swallow Escape). The window's dialogs are built with these,
// Fyne's own information and confirm dialogs rebuilt below.
func keyButton(w fyne.Window, label string, icon fyne.Resource, tapped func()) *widgets.KeyButton {
	b := widgets.NewKeyButton(label, icon, tapped)
	c := w.Canvas()
	b.OnEscape = func() { escapeTopDialog(c) }
	return b
}

// textDialog is Fyne's text dialog — a centred message wrapped under the
// title, an icon behind — with the buttons given, as wide as the message
// needs up to 600 (Fyne's rule), so the wrapped text is not cramped.
func textDialog(title, message string, icon fyne.Resource, w fyne.Window, buttons ...fyne.CanvasObject) *dialog.CustomDialog {
	// Every message a dialog shows is cleaned here, once: many quote Graph
	// (change.Explain, an error's own words), and a server echoing the
	// request's token or sending escapes must not get them on screen.
	message = app.Sanitize(message)
	label := &widget.Label{Text: message, Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustomWithoutButtons(title, label, w)
	d.SetIcon(icon)
	d.SetButtons(buttons)
	const padWidth, most, share = 32, 600, .9
	noWrap := widget.NewLabel(message).MinSize().Width + padWidth + 2*theme.Padding()
	d.Resize(fyne.NewSize(min(noWrap, most, w.Canvas().Size().Width*share), 0))
	return d
}

// showInformation shows a message with OK, which takes the keyboard:
// Enter, Space and Escape close it.
func showInformation(title, message string, w fyne.Window) {
	showMessage(title, message, theme.InfoIcon(), w)
}

// showInformationThen is showInformation that runs closed once the
// message is closed, so a flow can go back to where it failed.
func showInformationThen(title, message string, w fyne.Window, closed func()) {
	showMessage(title, message, theme.InfoIcon(), w).SetOnClosed(closed)
}

// showError is showInformation for an error, titled Error.
func showError(err error, w fyne.Window) { showErrorThen(err, w, nil) }

// showErrorThen is showError that runs closed once the message is closed
// (OK, Escape), so a flow can go back to where it failed.
func showErrorThen(err error, w fyne.Window, closed func()) {
	d := showMessage("Error", app.Sentence(err.Error()), theme.ErrorIcon(), w)
	if closed != nil {
		d.SetOnClosed(closed)
	}
}

// showMessage is every message's one flow (information and errors alike):
// the text dialog with OK, which takes the keyboard whatever had it. It
// took it only when nothing had the focus, and a message after a form
// (a save, export or sign-in that failed) found the window's search field
// or a button focused from before: under a modal dialog that widget hears
// no key, yet kept its cursor or outline, and the message took none but
// Escape — Enter did nothing, the typing was lost. The widget behind
// keeps its focus in its own layer, so it has it back, if it is still
// there, once the message closes.
func showMessage(title, message string, icon fyne.Resource, w fyne.Window) *dialog.CustomDialog {
	var d *dialog.CustomDialog
	ok := keyButton(w, "OK", nil, func() { d.Hide() })
	d = textDialog(title, message, icon, w, ok)
	closeOnEscape(w, d)
	d.Show()
	w.Canvas().Focus(ok)
	return d
}

// confirmDialog asks a question with two buttons and answers its callback
// once: Yes (or the confirm text) with true; No, Escape or closing with
// false. Shown with showEnter, one button has the focus, so Enter answers
// as the question's enterAnswer says; Tab reaches the other, and Enter
// presses the focused one.
type confirmDialog struct {
	*dialog.CustomDialog
	yes, no  *widgets.KeyButton
	callback func(bool)
	answered bool
	w        fyne.Window
}

// enterAnswer is what Enter answers a question with, the moment it opens.
type enterAnswer bool

const (
	// enterYes is for a question that only goes on with what the person
	// asked for (sign in, try again, create the folder): Enter confirms.
	// A question opened with nothing focused took Enter for nothing, and
	// a keyboard user had to Tab to the button first.
	enterYes enterAnswer = true
	// enterNo is for a question whose yes takes something away (a photo,
	// a sign-in, a file, the work running): Enter answers the safe No, as
	// Quit's Keep working always has, so a stray Enter loses nothing.
	enterNo enterAnswer = false
)

// showEnter shows the question with the focus on the button that enter
// names, so Enter (or Space) presses it.
func (c *confirmDialog) showEnter(enter enterAnswer) {
	c.Show()
	b := c.no
	if enter == enterYes {
		b = c.yes
	}
	c.w.Canvas().Focus(b)
}

// newConfirm is dialog.NewConfirm with key buttons; Escape answers No.
func newConfirm(title, message string, callback func(bool), w fyne.Window) *confirmDialog {
	c := &confirmDialog{callback: callback, w: w}
	c.no = keyButton(w, "No", theme.CancelIcon(), func() { c.answer(false) })
	c.yes = keyButton(w, "Yes", theme.ConfirmIcon(), func() { c.answer(true) })
	c.yes.Importance = widget.HighImportance
	c.CustomDialog = textDialog(title, message, theme.QuestionIcon(), w, c.no, c.yes)
	c.closedIsNo(w)
	return c
}

// newCustomConfirm is dialog.NewCustomConfirm with key buttons; Escape
// answers as dismiss does.
func newCustomConfirm(title, confirm, dismiss string, content fyne.CanvasObject, callback func(bool), w fyne.Window) *confirmDialog {
	c := &confirmDialog{callback: callback, w: w}
	c.no = keyButton(w, dismiss, theme.CancelIcon(), func() { c.answer(false) })
	c.yes = keyButton(w, confirm, theme.ConfirmIcon(), func() { c.answer(true) })
	c.yes.Importance = widget.HighImportance
	c.CustomDialog = dialog.NewCustomWithoutButtons(title, content, w)
	c.SetButtons([]fyne.CanvasObject{c.no, c.yes})
	c.closedIsNo(w)
	return c
}

// closedIsNo makes Escape, and closing the dialog any other way (Hide,
// Dismiss), answer No, as Fyne's confirm dialog does.
func (c *confirmDialog) closedIsNo(w fyne.Window) {
	escapeWith(w, c.CustomDialog, func() { c.answer(false) })
	c.CustomDialog.SetOnClosed(func() { c.answer(false) })
}

// answer closes the dialog and answers the callback, once.
func (c *confirmDialog) answer(yes bool) {
	if c.answered {
		return
	}
	c.answered = true
	c.CustomDialog.Hide() // its closed callback answers again, which does nothing now
	if c.callback != nil {
		c.callback(yes)
	}
}

// SetConfirmText names the button that answers yes.
func (c *confirmDialog) SetConfirmText(label string) { c.yes.SetText(label) }

// SetDismissText names the button that answers no.
func (c *confirmDialog) SetDismissText(label string) { c.no.SetText(label) }

// SetConfirmImportance marks the yes button, e.g. as dangerous.
func (c *confirmDialog) SetConfirmImportance(i widget.Importance) {
	c.yes.Importance = i
	c.yes.Refresh()
}

// showConfirm asks a yes-or-no question; Enter answers as enter says,
// Escape answers No.
func showConfirm(title, message string, enter enterAnswer, callback func(bool), w fyne.Window) {
	newConfirm(title, message, callback, w).showEnter(enter)
}

// newCustom is dialog.NewCustom with a key button to dismiss it; Escape
// dismisses it too, from the content's fields and buttons as well.
func newCustom(title, dismiss string, content fyne.CanvasObject, w fyne.Window) *dialog.CustomDialog {
	var d *dialog.CustomDialog
	b := keyButton(w, dismiss, nil, func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(title, content, w)
	d.SetButtons([]fyne.CanvasObject{b})
	closeOnEscape(w, d, content)
	return d
}
