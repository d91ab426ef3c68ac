package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/photodesk/photodesk/internal/buildinfo"
)

// Help menu words, shared with the tests.
const (
	menuHelp  = "Help"
	menuAbout = "About Photo Desk"
)

// helpMenu holds About, which says which version and build this is: the
// first thing a support ticket needs.
func helpMenu(w fyne.Window) *fyne.Menu {
	return fyne.NewMenu(menuHelp, fyne.NewMenuItem(menuKeys, func() { showKeys(w) }),
		fyne.NewMenuItem(menuAbout, func() { showAbout(w) }))
}

func showAbout(w fyne.Window) {
	dialog.ShowInformation(menuAbout, aboutText(), w)
}

// aboutText is what About says: the product, its version line, and where
// it keeps what matters.
func aboutText() string {
	return "Photo Desk — check and fix Microsoft 365 / Entra ID profile photos.\n\n" +
		buildinfo.Line() + "\n\n" +
		"Tokens and client secrets are kept in the system keyring only."
}
