package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// menuOpenList is File's way to what dropping a list file does.
const menuOpenList = "Open list…"

// withOpenList puts Open list… at the top of the File menu's items: a list
// of UPNs could only be dropped on the window before (issue 18).
func (m *mainWindow) withOpenList(items []*fyne.MenuItem) []*fyne.MenuItem {
	return append([]*fyne.MenuItem{fyne.NewMenuItem(menuOpenList, m.onOpenList), fyne.NewMenuItemSeparator()}, items...)
}

// onOpenList asks for a .csv or .txt list of UPNs or ids and shows the
// people in it as the result list, ready for export.
func (m *mainWindow) onOpenList() {
	d := dialog.NewFileOpen(m.onListChosen, m.w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt", ".tsv"}))
	// Fyne's picker says only "Open File": say what is wanted.
	d.SetTitleText("Open a list of people: a CSV or TXT of UPNs, object ids or mail addresses")
	if dir := m.lastOpenDir(); dir != nil {
		d.SetLocation(dir)
	}
	d.Resize(pickerSize(m.w))
	closeOnEscape(m.w, d)
	d.Show()
}

// onListChosen opens the list picked in the file dialog.
func (m *mainWindow) onListChosen(r fyne.URIReadCloser, err error) {
	m.openPicked(r, err, m.rememberOpenDir, m.openPeopleList)
}
