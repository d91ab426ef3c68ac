package views

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
)

// openFile hands a file (an export's report) to the program the desktop
// opens it with.
func (m *mainWindow) openFile(path string) {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = m.a.OpenURL(u)
	}
	if err != nil {
		fyne.LogError("open "+path, err)
		m.status.setActivity("Could not open " + path + ": " + friendly(err))
	}
}
