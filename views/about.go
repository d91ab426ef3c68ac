package views

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

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

// aboutLinks are where a helpdesk person goes from About: the project (and
// its issue tracker, for a support ticket) and Microsoft's own word on
// profile photos.
var aboutLinks = []struct{ label, url string }{
	{"Photo Desk on GitHub", "https://github.com/photodesk/photodesk"},
	{"Report a problem", "https://github.com/photodesk/photodesk/issues"},
	{"Microsoft Graph: profile photos", "https://learn.microsoft.com/graph/api/resources/profilephoto"},
}

func showAbout(w fyne.Window) {
	text := widget.NewLabel(aboutText())
	text.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(text)
	for _, l := range aboutLinks {
		if u, err := url.Parse(l.url); err == nil {
			box.Add(widget.NewHyperlink(l.label, u))
		}
	}
	d := newCustom(menuAbout, "Close", box, w)
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
}

// aboutText is what About says: the product, its version line, and where
// it keeps what matters.
func aboutText() string {
	return "Photo Desk — check and fix Microsoft 365 / Entra ID profile photos.\n\n" +
		buildinfo.Line() + "\n\n" +
		"Tokens and client secrets are kept in the system keyring only."
}
