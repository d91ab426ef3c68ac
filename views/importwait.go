package views

import (
	"fyne.io/fyne/v2/widget"
)

// newImportWait is the import dialog's line for the Graph client's own
// retry waits ("throttled — waiting 4 s"): the modal dialog covers the
// status bar that says them, so an import (or its undo) waiting out
// Graph's Retry-After read "Starting…" for as long as Graph asked.
func newImportWait() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.WarningImportance
	l.Hide()
	return l
}

// showClientWait shows (or, with "", clears) the Graph client's retry wait
// while an import or its undo runs, with what Cancel does meanwhile. UI
// goroutine.
func (dlg *importDialog) showClientWait(text string) {
	r := dlg.run
	if text == "" || r == nil || !r.running {
		dlg.wait.Hide()
		return
	}
	switch {
	case r.cancel.Disabled():
		// Stopping already: the line above says what it waits for.
	case r.undoing:
		text += " (Cancel stops the undo: the undos already sent finish first)"
	default:
		text += " (Cancel stops the import: the uploads already sent finish first)"
	}
	dlg.wait.SetText(text)
	dlg.wait.Show()
}
