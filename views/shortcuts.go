package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The window's shortcuts; Ctrl on Windows and Linux, Cmd on macOS.
var (
	shortcutFind      = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSave      = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutCopyImage = &desktop.CustomShortcut{KeyName: fyne.KeyC, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutChange    = &desktop.CustomShortcut{KeyName: fyne.KeyU, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutRefresh   = &desktop.CustomShortcut{KeyName: fyne.KeyF5}
	// shortcutQuit is File > Quit's: the window's close request, which
	// works under a dialog too (the shell binds it, not addShortcuts).
	shortcutQuit = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
)

// addShortcuts binds the keyboard: the shortcuts above on the canvas (the
// main menu carries them too, and wins while a text field has focus), and
// Up, Down and F5 on the canvas, in the search field, in the results and
// on the viewer's check boxes; a name typed on the size picker or the check
// boxes is a search.
func (m *mainWindow) addShortcuts() {
	c := m.w.Canvas()
	shortcut := func(f func()) func(fyne.Shortcut) {
		f = unlessDialog(c, f) // not under a dialog: see dialogOpen
		return func(fyne.Shortcut) { f() }
	}
	c.AddShortcut(shortcutFind, shortcut(m.onFind))
	c.AddShortcut(shortcutSave, shortcut(m.onSave))
	c.AddShortcut(shortcutChange, shortcut(m.onChangePhoto))
	c.AddShortcut(shortcutCopyImage, shortcut(m.onCopyImage))
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { m.onNavigationKey(ev) })
	m.sidebar.onNavigationKey(m.onNavigationKey)
	m.viewer.onNavigationKey(m.onNavigationKey)
	m.viewer.onTyped(m.sidebar.searchAfresh) // as typing on the results does
}

// onNavigationKey walks the results with Up and Down and refreshes on F5.
func (m *mainWindow) onNavigationKey(ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyEscape && dialogOpen(m.w.Canvas()) {
		return false // the person behind a dialog stays who it is about
	}
	switch ev.Name {
	case fyne.KeyUp:
		return m.sidebar.move(-1)
	case fyne.KeyDown:
		return m.sidebar.move(1)
	case fyne.KeyF5:
		m.onRefresh()
		return true
	case fyne.KeyEscape:
		// A drag first, then the newest dialog, as its Cancel would.
		return m.dragOut.cancel() || escapeTopDialog(m.w.Canvas())
	}
	return false
}

// onFind puts the cursor in the search field.
func (m *mainWindow) onFind() {
	m.sidebar.focusSearch(m.w.Canvas())
}
