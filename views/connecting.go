package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// connectingPane is the window while the connection opens.
type connectingPane struct {
	label   *widget.Label
	content fyne.CanvasObject
}

func newConnectingPane(where string) *connectingPane {
	p := &connectingPane{label: widget.NewLabel("Connecting to " + where + "…")}
	p.label.Alignment = fyne.TextAlignCenter
	p.content = container.NewCenter(p.label)
	return p
}
