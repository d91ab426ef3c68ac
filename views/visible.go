package views

import "fyne.io/fyne/v2"

// setVisible shows or hides o and lays out parent again, since a container
// does not notice on its own that a child's visibility changed.
func setVisible(parent, o fyne.CanvasObject, visible bool) {
	if o.Visible() == visible {
		return
	}
	if visible {
		o.Show()
	} else {
		o.Hide()
	}
	parent.Refresh()
}
