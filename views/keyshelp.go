package views

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// menuKeys is Help's list of keyboard shortcuts.
const menuKeys = "Keyboard shortcuts"

// keyRow is one shortcut: the keys and what they do.
type keyRow struct{ keys, does string }

// showKeys lists the window's keys in two columns, written the way the
// platform writes them (⌘ on macOS, Ctrl elsewhere, as the menus do), so
// nobody has to find them in the menus. Close has the focus, so Enter and
// Space close it as Escape does: it opened from the menu with nothing
// focused, and took no key but Escape.
func showKeys(w fyne.Window) {
	grid := container.New(layout.NewFormLayout())
	for _, r := range keyRows(runtime.GOOS) {
		keys := widget.NewLabelWithStyle(r.keys, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		grid.Add(keys)
		grid.Add(widget.NewLabel(r.does))
	}
	d := newCustom(menuKeys, "Close", grid, w)
	d.Show()
	focusFirst(w) // the labels take no focus: Close is the first control
}

// keyRows is the list for an operating system (runtime.GOOS): the
// window's own keys, then Fyne's for moving about it, so someone without a
// mouse learns how to reach every control and the menus.
func keyRows(goos string) []keyRow {
	mod, shiftMod, shift := "Ctrl+", "Ctrl+Shift+", "Shift+"
	if goos == "darwin" {
		mod, shiftMod, shift = "⌘", "⇧⌘", "⇧"
	}
	rows := []keyRow{
		{mod + "F", "search"},
		{"Up, Down", "walk the results"},
		{"Enter", "search at once"},
		{mod + "S", "save the photo"},
		{shiftMod + "C", "copy the image"},
		{mod + "U", "change the photo"},
		{"F5", "refresh the photo"},
		{"Esc", "cancel a dialog or a drag"},
		{mod + "Q", "quit (asking first while work runs), under a dialog too"},
		{"Tab, " + shift + "Tab", "go to the next or previous control"},
	}
	if goos == "darwin" {
		// The menus are in the system's menu bar there, which Alt does
		// not open.
		return rows
	}
	// Fyne draws the menu bar in the window, and Alt, pressed and let go,
	// opens its first menu.
	return append(rows, keyRow{"Alt", "open the menus (arrows move, Enter picks, Esc closes)"})
}
