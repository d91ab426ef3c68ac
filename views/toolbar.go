package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// toolbar holds the photo actions. Buttons carry words, not only icons:
// helpdesk staff should not have to guess what an icon saves or copies.
type toolbar struct {
	save      *widget.Button
	saveAll   *widget.Button
	copyImage *widget.Button
	copyAs    *widget.Button
	refresh   *widget.Button
	change    *widget.Button
	export    *widget.Button
	settings  *widget.Button
	content   fyne.CanvasObject
}

func newToolbar(m *mainWindow) *toolbar {
	t := &toolbar{
		save:      widget.NewButtonWithIcon("Save…", theme.DocumentSaveIcon(), m.onSave),
		saveAll:   widget.NewButtonWithIcon("Save all sizes…", theme.FolderOpenIcon(), m.onSaveAllSizes),
		copyImage: widget.NewButtonWithIcon("Copy image", theme.ContentCopyIcon(), m.onCopyImage),
		copyAs:    widget.NewButtonWithIcon("Copy as", theme.MenuDropDownIcon(), nil),
		refresh:   widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), m.onRefresh),
		change:    widget.NewButtonWithIcon("Change photo…", theme.DocumentCreateIcon(), m.onChangePhoto),
		export:    widget.NewButtonWithIcon("Export…", theme.UploadIcon(), m.onExport),
		settings:  widget.NewButtonWithIcon("", theme.SettingsIcon(), m.onSettings),
	}
	t.copyAs.IconPlacement = widget.ButtonIconTrailingText
	t.copyAs.OnTapped = func() {
		c := fyne.CurrentApp().Driver().CanvasForObject(t.copyAs)
		if c == nil {
			return
		}
		pos := fyne.NewPos(0, t.copyAs.Size().Height)
		widget.ShowPopUpMenuAtRelativePosition(m.copyMenu(), c, pos, t.copyAs)
	}
	t.enable(false, false, false)
	t.content = container.NewHBox(t.save, t.saveAll, widget.NewSeparator(),
		t.copyImage, t.copyAs, widget.NewSeparator(), t.refresh, t.change, layout.NewSpacer(), t.export, t.settings)
	return t
}

// enable turns the buttons on when there is a photo (photo), an answer
// about one to copy the details of (details: a "no photo" answer has the
// request URL and request-id a support ticket asks for) or at least a
// person to refresh (person).
func (t *toolbar) enable(photo, details, person bool) {
	for _, b := range []*widget.Button{t.save, t.saveAll, t.copyImage} {
		setEnabled(b, photo)
	}
	setEnabled(t.copyAs, photo || details)
	for _, b := range []*widget.Button{t.refresh, t.change} {
		setEnabled(b, person)
	}
}
