package views

import "fyne.io/fyne/v2"

// mainMenu is the menu bar. It repeats the toolbar so every action has a
// keyboard path, and holds Settings, the seam where sign-in options live.
func (m *mainWindow) mainMenu() *fyne.MainMenu {
	save := fyne.NewMenuItem("Save…", m.onSave)
	save.Shortcut = shortcutSave
	settings := fyne.NewMenuItem("Settings…", m.onSettings)
	file := fyne.NewMenu("File", save, fyne.NewMenuItem("Save all sizes…", m.onSaveAllSizes),
		fyne.NewMenuItem("Export…", m.onExport), fyne.NewMenuItem("Import photos…", m.onImport), fyne.NewMenuItemSeparator(), settings)

	find := fyne.NewMenuItem("Find", m.onFind)
	find.Shortcut = shortcutFind
	copyImage := fyne.NewMenuItem("Copy image", m.onCopyImage)
	copyImage.Shortcut = shortcutCopyImage
	changePhoto := fyne.NewMenuItem("Change photo…", m.onChangePhoto)
	changePhoto.Shortcut = shortcutChange
	m.copyAddress = fyne.NewMenuItem(copyAddressLabel(m.person), m.onCopyUPN)
	edit := fyne.NewMenu("Edit", find, fyne.NewMenuItemSeparator(), changePhoto,
		fyne.NewMenuItem("Remove photo…", m.onRemovePhoto), fyne.NewMenuItem("Undo last change…", m.onUndo),
		fyne.NewMenuItemSeparator(), copyImage, fyne.NewMenuItem("Copy file", m.onCopyFile),
		fyne.NewMenuItem("Copy as base64", m.onCopyBase64),
		fyne.NewMenuItem("Copy as mail attachment JSON", m.onCopyMailJSON),
		fyne.NewMenuItem("Copy metadata JSON", m.onCopyMetadataJSON),
		m.copyAddress, fyne.NewMenuItem(menuCopyID, m.onCopyID))

	refresh := fyne.NewMenuItem("Refresh", m.onRefresh)
	refresh.Shortcut = shortcutRefresh // shown as the menu shows keys; F5 itself is onNavigationKey's
	view := fyne.NewMenu("View", refresh)
	file.Items = m.withOpenList(file.Items)
	menu := fyne.NewMainMenu(file, edit, view)
	guardMenu(m.w.Canvas(), menu)
	return menu
}
