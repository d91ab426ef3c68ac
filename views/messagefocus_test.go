package views

import (
	"errors"
	"strings"
	"syscall"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/photodesk/photodesk/app"
)

// driverKey presses a key as the desktop driver delivers it: to what has
// the focus in the top layer (the top dialog, else the window's content),
// else to the canvas's own key handler.
func driverKey(c fyne.Canvas, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if k := c.OnTypedKey(); k != nil {
		k(ev)
	}
}

// driverPress presses a key as the desktop driver does, whole: the key,
// then the character it types (Space's " ") to what has the focus by then —
// which is the widget behind once the key has closed a dialog.
func driverPress(c fyne.Canvas, name fyne.KeyName) {
	driverKey(c, name)
	if name == fyne.KeySpace {
		driverType(c, " ")
	}
}

// driverType types text as the desktop driver delivers it (see driverKey).
func driverType(c fyne.Canvas, text string) {
	for _, r := range text {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		} else if k := c.OnTypedRune(); k != nil {
			k(r)
		}
	}
}

// The message of a save that failed after its form closed takes the
// keyboard although the search field behind it had the focus: typing does
// not reach the field, Enter closes the message (it did nothing: the
// message took no key but Escape, and the field kept its cursor), and once
// the form it goes back to is cancelled, the search field has the focus
// again.
func TestErrorAfterTheSaveFormTakesTheKeyboard(t *testing.T) {
	h, _ := openForSave(t, t.TempDir())
	c := h.m.w.Canvas()
	saveAtomic = func(p string, _ []byte, _ bool) error { return &app.SaveError{Path: p, Err: syscall.EROFS} }
	t.Cleanup(func() { saveAtomic = app.SaveAtomic })
	query := h.m.sidebar.query
	c.Focus(query)
	before := query.Text

	h.press(shortcutSave) // from the search field, as a keyboard user saves
	first := h.dialogs.save
	first.folder.SetText(t.TempDir())
	h.tapDialogButton("Save")
	shown := func() bool { return strings.Contains(h.overlayText(), "read-only file system") }
	h.waitFor("the error", shown)

	driverType(c, "xyz")
	if query.Text != before {
		t.Errorf("typing under the message changed the search field to %q", query.Text)
	}
	driverKey(c, fyne.KeyReturn)
	if shown() {
		t.Fatalf("Enter left the message open: the focus was on %T", c.Focused())
	}
	h.waitFor("the save form again", func() bool { return h.dialogs.save != first && h.overlayButton("Save") != nil })
	driverKey(c, fyne.KeyEscape)
	h.waitIdle()
	if n := len(c.Overlays().List()); n != 0 {
		t.Fatalf("Escape left %d dialogs open", n)
	}
	if c.Focused() != query {
		t.Errorf("after the message and the form the focus is on %T, want the search field back", c.Focused())
	}
}

// A message that a failed sign-in shows once Add another account… closed
// takes the keyboard from a button of the main window focused before, so
// Space or Enter closes the message (they did nothing) and does not press
// that button: it goes back to Add another account
// (TestAddAccountRefusedKeepsTheUsername), and once that is cancelled the
// button has the focus back.
func TestErrorAfterASignInTakesTheKeyboard(t *testing.T) {
	h := newShellHarness(t, nil)
	m := h.waitMain(demoStatus)
	c := h.sh.w.Canvas()
	save := m.tools.save
	// Save is enabled once the first photo is shown, which may come after
	// the first results on a busy machine; a disabled button takes no focus.
	h.waitFor("the first photo, so Save can take the focus", func() bool { return !save.Disabled() })
	c.Focus(save)
	if c.Focused() != save {
		t.Fatalf("the Save button behind takes no focus: %T", c.Focused())
	}
	h.setBrowserErr(errors.New("play browser: the page did not load"))

	for _, key := range []fyne.KeyName{fyne.KeySpace, fyne.KeyReturn} {
		h.chooseAccountItem(menuAddAccount)
		h.tapDialogButton("Sign in with your browser")
		shown := func() bool { return strings.Contains(h.dialogText(), "Not signed in") }
		h.waitFor("the sign-in's failure", shown)
		driverPress(c, key)
		if shown() {
			t.Fatalf("%s left the message open: the focus was on %T", key, c.Focused())
		}
		if n := len(c.Overlays().List()); n != 1 || h.dialogEntry() == nil {
			t.Fatalf("%s on the message left %d dialogs open, want Add another account alone (did it press Save behind it?)", key, n)
		}
		h.tapDialogButton("Cancel")
		if c.Focused() != save {
			t.Errorf("after the message the focus is on %T, want the Save button back", c.Focused())
		}
	}
}

// Space on a dialog's button closes the dialog and nothing more: the
// button pressed on Space's key, and the character that follows the key
// went to the widget behind, which had the focus back by then — a space
// added to the search field's query, the Round box ticked.
func TestSpaceOnADialogButtonLeavesTheWidgetBehindAlone(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	c := h.m.w.Canvas()
	query, round := h.m.sidebar.query, h.m.viewer.round
	c.Focus(query)
	driverType(c, "meg")
	showInformation("Saved", "Saved the photo.", h.m.w)
	driverPress(c, fyne.KeySpace)
	if n := len(c.Overlays().List()); n != 0 {
		t.Fatalf("Space on OK left %d dialogs open", n)
	}
	if query.Text != "meg" {
		t.Errorf("Space on the message's OK made the search field behind read %q, want \"meg\"", query.Text)
	}

	c.Focus(round)
	question := newConfirm("Remove photo", "Remove it?", func(bool) {}, h.m.w)
	question.Show()
	c.Focus(question.no)
	driverPress(c, fyne.KeySpace)
	if n := len(c.Overlays().List()); n != 0 {
		t.Fatalf("Space on No left %d dialogs open", n)
	}
	if round.Checked {
		t.Error("Space on the question's No ticked Round behind it")
	}
	h.waitIdle()
}

// Space on a window's button that opens a dialog with a button focused
// (Change photo…, whose From a file… takes the focus) opens the dialog and
// no more: the key presses the toolbar's button, and the character that
// follows reached the dialog's focused button, which pressed on it, so the
// file picker opened over a question nobody saw.
func TestSpaceThatOpensADialogDoesNotPressItsButton(t *testing.T) {
	h, _ := openForSave(t, t.TempDir())
	c := h.m.w.Canvas()
	c.Focus(h.m.tools.change)
	driverPress(c, fyne.KeySpace)
	h.waitIdle()
	if top := topDialog(c); top == nil || top != h.m.pictureAsk {
		t.Fatalf("Space on Change photo… left %d dialogs open, the top one not its question", len(c.Overlays().List()))
	}
	if n := len(c.Overlays().List()); n != 1 {
		t.Errorf("Space on Change photo… opened %d dialogs, want its question alone", n)
	}
	h.m.pictureAsk.Hide()
	h.waitIdle()
}
