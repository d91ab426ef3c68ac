// Command photodesk is a desktop app and command line for looking at
// Microsoft 365 / Entra ID profile photos through Microsoft Graph.
package main

import (
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := fyneapp.NewWithID("io.github.photodesk.photodesk")
	w := a.NewWindow("Photo Desk")
	w.SetContent(widget.NewLabel("Photo Desk"))
	w.ShowAndRun()
}
