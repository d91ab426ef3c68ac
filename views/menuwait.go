package views

import "fyne.io/fyne/v2"

// menuWaits holds, per window canvas, the menu items guardMenu holds back
// while a dialog is open, so greyMenu can show them so: those of the menu
// guarded last, which is the one set (the window sets its menu again
// whenever the account list changes). Only the UI goroutine touches it.
var menuWaits = map[fyne.Canvas][]*fyne.MenuItem{}

// guardMenu makes every item of menu, submenus too, do nothing while a
// dialog is open over c, as a modal dialog's window menu does elsewhere,
// and look it: greyMenu disables them while a dialog is open. The guard
// stays as well, since Fyne's menu bar runs a disabled item picked with
// the arrows and Enter. It is for the File, Edit and View menus; the
// Account menu is left alone, since switching account or signing out ends
// the account's work anyway — though under Fyne's modal dialogs it cannot
// be opened (the dialog takes the clicks on the menu bar).
func guardMenu(c fyne.Canvas, menu *fyne.MainMenu) {
	var held []*fyne.MenuItem
	var guard func(items []*fyne.MenuItem)
	guard = func(items []*fyne.MenuItem) {
		for _, it := range items {
			if it.Action != nil {
				it.Action = unlessDialog(c, it.Action)
				it.Disabled = dialogOpen(c) // a menu built under a dialog
				held = append(held, it)
			}
			if it.ChildMenu != nil {
				guard(it.ChildMenu.Items)
			}
		}
	}
	for _, m := range menu.Items {
		guard(m.Items)
	}
	menuWaits[c] = held
}

// forgetWindow drops what the package keeps of a closed window's canvas:
// its dialogs and its menu's items, which would otherwise stay reachable
// for the process's life.
func forgetWindow(c fyne.Canvas) {
	delete(menuWaits, c)
	delete(escapable, c)
}

// greyMenu shows the items guardMenu holds back in w's menu bar disabled
// while a dialog is open over w, and enabled again when the last one
// closes: they looked enabled, and picking one did nothing. Items of menus
// since replaced are forgotten.
func greyMenu(w fyne.Window) {
	c := w.Canvas()
	shown := w.MainMenu()
	if len(menuWaits[c]) == 0 {
		return
	}
	if shown == nil {
		delete(menuWaits, c)
		return
	}
	live := map[*fyne.MenuItem]bool{}
	var walk func(items []*fyne.MenuItem)
	walk = func(items []*fyne.MenuItem) {
		for _, it := range items {
			live[it] = true
			if it.ChildMenu != nil {
				walk(it.ChildMenu.Items)
			}
		}
	}
	for _, m := range shown.Items {
		walk(m.Items)
	}
	open, changed := dialogOpen(c), false
	var kept []*fyne.MenuItem
	for _, it := range menuWaits[c] {
		if !live[it] {
			continue
		}
		kept = append(kept, it)
		if it.Disabled != open {
			it.Disabled, changed = open, true
		}
	}
	menuWaits[c] = kept
	if changed {
		shown.Refresh() // the menu bar is built afresh from the items
	}
}
