package views

import (
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// menuKeys is Help's list of keyboard shortcuts.
const menuKeys = "Keyboard shortcuts"

// showKeys lists the window's keys, written the way the platform writes
// them (⌘ on macOS, Ctrl elsewhere), so nobody has to find them in the
// menus.
func showKeys(w fyne.Window) {
	dialog.ShowInformation(menuKeys, keysText(runtime.GOOS), w)
}

// keysText is the list for an operating system (runtime.GOOS).
func keysText(goos string) string {
	mod, shift := "Ctrl+", "Shift+"
	if goos == "darwin" {
		mod, shift = "⌘", "⇧"
	}
	lines := []string{
		mod + "F\tsearch",
		"Up, Down\twalk the results",
		"Enter\tsearch at once",
		mod + "S\tsave the photo",
		shift + mod + "C\tcopy the image",
		mod + "U\tchange the photo",
		"F5\trefresh the photo",
		"Esc\tcancel a dialog or a drag",
	}
	return strings.Join(lines, "\n")
}
