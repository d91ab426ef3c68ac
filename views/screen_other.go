//go:build !windows

package views

import "fyne.io/fyne/v2"

// platformScreenRoom knows no room: X11 and Wayland window managers fit a
// window to the screen and Fyne hears the size they chose, and macOS does
// the same for Fyne.
func platformScreenRoom(fyne.Window) (fyne.Size, bool) { return fyne.Size{}, false }
