package views

import "testing"

// menuStates lists the labels of the window's menu items that look
// enabled and those that look disabled.
func (h *harness) menuStates() (enabled, disabled []string) {
	for _, menu := range h.m.w.MainMenu().Items {
		for _, it := range menu.Items {
			switch {
			case it.IsSeparator || it.IsQuit:
			case it.Disabled:
				disabled = append(disabled, it.Label)
			default:
				enabled = append(enabled, it.Label)
			}
		}
	}
	return enabled, disabled
}

// Under a dialog the File, Edit and View menus look disabled, as well as
// doing nothing: they looked enabled, and picking one did nothing. They
// stay so while a message is shown over the dialog and closed, and come
// back when the last dialog closes; a menu set again meanwhile (the
// account list arriving) starts disabled.
func TestMenuLooksDisabledUnderADialog(t *testing.T) {
	h := newFakeHarness(t, newFakeEngine(3))
	h.waitResults()
	h.waitIdle()
	if _, off := h.menuStates(); len(off) > 0 {
		t.Errorf("with no dialog open, menu items look disabled: %v", off)
	}
	h.m.onExport()
	h.waitFor("the export form", func() bool { return h.overlayButton("Start") != nil })
	if on, _ := h.menuStates(); len(on) > 0 {
		t.Errorf("with Export open, menu items look enabled: %v", on)
	}
	showInformation("Note", "Over the export form", h.m.w)
	h.tapDialogButton("OK")
	h.m.w.SetMainMenu(h.m.mainMenu())
	if on, _ := h.menuStates(); len(on) > 0 {
		t.Errorf("with Export still open, after a message over it and the menu set again, menu items look enabled: %v", on)
	}
	h.escape()
	h.waitIdle()
	if n := len(h.m.w.Canvas().Overlays().List()); n != 0 {
		t.Fatalf("Escape left %d dialogs open", n)
	}
	if _, off := h.menuStates(); len(off) > 0 {
		t.Errorf("once Export closed, menu items look disabled: %v", off)
	}
}

// The items held back are those of the menu set last — the window sets
// its menu again each time the account list is read, and each menu's
// items used to be added to the last's until a dialog opened — and a
// closed window's are let go, with its dialogs.
func TestMenuItemsHeldBackAreTheLastMenusAndGoWithTheWindow(t *testing.T) {
	h := newFakeHarness(t, newFakeEngine(3))
	h.waitResults()
	h.waitIdle()
	c := h.m.w.Canvas()
	one := len(menuWaits[c])
	if one == 0 {
		t.Fatal("no menu item is held back under a dialog")
	}
	for range 3 {
		h.m.w.SetMainMenu(h.m.mainMenu())
	}
	if n := len(menuWaits[c]); n != one {
		t.Errorf("after the menu was set three more times, %d items are held back, want %d", n, one)
	}
	h.m.onExport()
	h.waitFor("the export form", func() bool { return h.overlayButton("Start") != nil })
	h.m.w.Close()
	if _, kept := menuWaits[c]; kept {
		t.Error("a closed window's menu items are still kept")
	}
	if _, kept := escapable[c]; kept {
		t.Error("a closed window's open dialog is still kept")
	}
}
