package views

import (
	"fyne.io/fyne/v2/widget"
)

// newImportWait is the import dialog's line for the Graph client's own
// retry waits ("throttled — waiting 4 s"): the modal dialog covers the
// status bar that says them, so an import (or its undo) waiting out
// Graph's Retry-After read "Starting…" for as long as Graph asked, and a
// preview's current photos stayed blank with no word why.
func newImportWait() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.WarningImportance
	l.Hide()
	return l
}

// showClientWait shows (or, with "", clears) the Graph client's retry wait
// while a preview looks people up, its table fetches the people's current
// photos, or an import or its undo runs, with what Close or Cancel does
// meanwhile; while a run is on, a cleared line stays, empty, holding its
// place. UI goroutine.
func (dlg *importDialog) showClientWait(text string) {
	if text != "" && dlg.previewing() {
		// The preview's lookups wait too, and its "Looking up…" would
		// otherwise read as hung for as long as Graph asks.
		dlg.wait.SetText(text + " (Close stops the preview)")
		dlg.wait.Show()
		return
	}
	r := dlg.run
	if text != "" && r == nil && dlg.fetchingCurrent() {
		// The table's current photos wait too, and their empty "Now"
		// cells read as Graph never answering; the status bar that says
		// why is under the dialog.
		dlg.wait.SetText(text + " (for the current photos in the table: Import need not wait for them)")
		dlg.wait.Show()
		return
	}
	if text == "" && r != nil && r.running {
		// The line keeps its slot, empty, while the run is on: shown and
		// hidden, it moved Cancel under it ~35 px several times a second
		// under throttling, and clicks aimed at Cancel landed on text.
		dlg.wait.SetText("")
		dlg.wait.Show()
		return
	}
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

// previewing reports whether a preview's lookups are still under way:
// its context ends when its answer is shown, or when a newer preview or
// closing the dialog drops it (endPreview).
func (dlg *importDialog) previewing() bool {
	return dlg.previewCtx != nil && dlg.previewCtx.Err() == nil
}

// fetchingCurrent reports whether the preview table's current photos are
// still being fetched. UI goroutine.
func (dlg *importDialog) fetchingCurrent() bool {
	return dlg.table != nil && dlg.table.fetching > 0
}

// currentPhotosLoaded drops the table's wait line once its current photos
// are all in, unless a newer fetch, a preview or a run still waits.
// UI goroutine.
func (dlg *importDialog) currentPhotosLoaded() {
	if !dlg.fetchingCurrent() && dlg.run == nil && !dlg.previewing() {
		dlg.wait.Hide()
	}
}
