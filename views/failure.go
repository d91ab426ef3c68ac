package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// failurePane says why the connection could not open, with the way to
// Settings and another try, rather than exiting.
type failurePane struct {
	reason  *widget.Label
	content fyne.CanvasObject
}

func newFailurePane(reason string, settings, retry func()) *failurePane {
	p := &failurePane{reason: widget.NewLabel("Photo Desk could not connect. " + reason)}
	p.reason.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox(widget.NewButton("Settings…", settings), widget.NewButton("Try again", retry))
	p.content = container.NewVBox(p.reason, container.NewCenter(buttons))
	return p
}
