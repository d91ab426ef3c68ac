package views

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/internal/buildinfo"
)

// Help menu words, shared with the tests.
const (
	menuHelp  = "Help"
	menuAbout = "About Photo Desk"
)

// helpMenu holds About, which says which version and build this is: the
// first thing a support ticket needs, and where this run keeps sign-ins
// (tokens; see showAbout).
func helpMenu(w fyne.Window, tokens func() (p auth.Persistence, known bool)) *fyne.Menu {
	return fyne.NewMenu(menuHelp, fyne.NewMenuItem(menuKeys, func() { showKeys(w) }),
		fyne.NewMenuItem(menuAbout, func() { showAbout(w, tokens) }))
}

// aboutLinks are where a helpdesk person goes from About: the project (and
// its issue tracker, for a support ticket) and Microsoft's own word on
// profile photos.
var aboutLinks = []struct{ label, url string }{
	{"Photo Desk on GitHub", "https://github.com/photodesk/photodesk"},
	{"Report a problem", "https://github.com/photodesk/photodesk/issues"},
	{"Microsoft Graph: profile photos", "https://learn.microsoft.com/graph/api/resources/profilephoto"},
}

// showAbout shows About. tokens says, when it is opened, where this run
// keeps sign-ins; known is false before a connection is open, and nil
// never knows.
func showAbout(w fyne.Window, tokens func() (p auth.Persistence, known bool)) {
	var p auth.Persistence
	known := false
	if tokens != nil {
		p, known = tokens()
	}
	text := widget.NewLabel(aboutText(p, known))
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
// this run keeps sign-ins — the keyring, or memory only when the keyring
// could not be used, which means signing in again at the next start. It
// said "kept in the system keyring only" whatever the run did.
func aboutText(tokens auth.Persistence, known bool) string {
	return "Photo Desk — check and fix Microsoft 365 / Entra ID profile photos.\n\n" +
		buildinfo.Line() + "\n\n" + tokensKept(tokens, known)
}

// tokensKept says where sign-ins and client secrets are kept, in About's
// words: the rule before a connection is open, else this run's case.
func tokensKept(tokens auth.Persistence, known bool) string {
	switch {
	case !known:
		return "Sign-ins and client secrets are kept in the system keyring, never in a file; " +
			"where no keyring can be used, in memory only, until Photo Desk quits."
	case tokens.Keyring:
		return "Sign-ins are kept in the system keyring, never in a file, so they are remembered the next time Photo Desk starts; " +
			"client secrets go there too (one the keyring refuses is used only until Photo Desk quits)."
	}
	return "In this run " + session.KeyringWhy(tokens) + ", so sign-ins are kept in memory only, never in a file: " +
		"Photo Desk forgets them when it quits, and you sign in again next time. " +
		"A client secret the keyring refuses is kept the same way."
}
