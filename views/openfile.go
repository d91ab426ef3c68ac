package views

import (
	"fyne.io/fyne/v2/storage"
)

// openFile hands a file (an export's report) to the program the desktop
// opens it with.
func (m *mainWindow) openFile(path string) {
	if err := openURL(m.a, storage.NewFileURI(path).String()); err != nil {
		logError("open "+path, err)
		m.status.setActivity("Could not open " + path + ": " + friendly(err))
	}
}
