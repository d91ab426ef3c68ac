package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// press sends a shortcut to the window as its canvas receives it.
func (h *harness) press(s fyne.Shortcut) {
	h.m.w.Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

func TestShortcuts(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().FullHD)
	h.waitIdle()
	h.m.w.Canvas().Unfocus()

	h.press(shortcutFind)
	if h.m.w.Canvas().Focused() != h.m.sidebar.query {
		t.Error("Ctrl+F did not focus the search field")
	}

	h.press(shortcutCopyImage)
	h.waitIdle()
	if len(h.clip.pngs) != 1 {
		t.Errorf("Ctrl+Shift+C put %d images on the clipboard, want 1", len(h.clip.pngs))
	}

	h.a.Preferences().SetString(app.PrefLastSaveDir, t.TempDir())
	h.press(shortcutSave)
	if h.dialogs.save == nil || h.overlayButton("Save") == nil {
		t.Fatal("Ctrl+S did not open the save dialog")
	}
	h.tapDialogButton("Cancel")
}

func TestMainMenuCarriesTheShortcuts(t *testing.T) {
	h := newHarness(t)
	want := map[string]fyne.Shortcut{"Save…": shortcutSave, "Find": shortcutFind, "Copy image": shortcutCopyImage}
	for _, menu := range h.m.w.MainMenu().Items {
		for _, it := range menu.Items {
			if s, ok := want[it.Label]; ok {
				if it.Shortcut != s {
					t.Errorf("menu item %q has shortcut %v", it.Label, it.Shortcut)
				}
				delete(want, it.Label)
			}
		}
	}
	if len(want) != 0 {
		t.Errorf("menu items missing: %v", want)
	}
}

func TestContextMenuOnThePhoto(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().FullHD)
	h.waitIdle()
	test.TapSecondary(h.m.viewer.area)
	var menu *widget.PopUpMenu
	for _, o := range h.m.w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			if m, ok := obj.(*widget.PopUpMenu); ok && m.Visible() {
				menu = m
			}
		}
	}
	if menu == nil {
		t.Fatal("a right click on the photo opened no menu")
	}
	labels := map[string]bool{}
	for _, it := range h.m.contextMenu().Items {
		labels[it.Label] = !it.Disabled
	}
	for _, l := range []string{"Save…", "Copy image", "Copy as base64", "Refresh"} {
		if !labels[l] {
			t.Errorf("context menu item %q missing or disabled", l)
		}
	}
}

func TestWindowRemembersSizeAndSplits(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.m.w.Resize(fyne.NewSize(1000, 640))
	h.m.split.SetOffset(0.4)
	h.m.viewSplit.SetOffset(0.55)
	h.m.saveGeometry() // what closing the window does

	again := newTestMainWindow(h.a, h.tenant.engine(h.tenant.Token, graphapi.RetryPolicy{}), h.q.do, h.clip, nil, nil)
	t.Cleanup(func() { h.waitIdle(); again.w.Close() })
	if got := again.w.Canvas().Size(); got != fyne.NewSize(1000, 640) {
		t.Errorf("size = %v, want 1000x640", got)
	}
	if again.split.Offset != 0.4 || again.viewSplit.Offset != 0.55 {
		t.Errorf("splits = %v, %v; want 0.4, 0.55", again.split.Offset, again.viewSplit.Offset)
	}
}

func TestSettingsFormWritesPreferences(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := a.Preferences()
	f := newSettingsForm(prefs)
	if f.cloud.Selected != clouds[0].label || f.apiVersion.Selected != app.APIVersionV1 {
		t.Errorf("defaults: cloud %q, version %q", f.cloud.Selected, f.apiVersion.Selected)
	}
	f.cloud.SetSelected(clouds[1].label)
	f.tenant.SetText("fabrikam.onmicrosoft.com")
	f.clientID.SetText("11111111-2222-3333-4444-555555555555")
	f.apiVersion.SetSelected(app.APIVersionBeta)
	f.size.SetSelected("240x240")
	f.dropAll.SetChecked(true)
	f.save()
	for key, want := range map[string]string{
		app.PrefCloud: app.CloudM365, app.PrefTenant: "fabrikam.onmicrosoft.com",
		app.PrefClientID: "11111111-2222-3333-4444-555555555555", app.PrefAPIVersion: app.APIVersionBeta,
		app.PrefDefaultSize: "240x240",
	} {
		if got := prefs.String(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if !prefs.Bool(app.PrefDropSavesAllSizes) {
		t.Error("drop-saves-all-sizes not saved")
	}
	if again := newSettingsForm(prefs); again.cloud.Selected != clouds[1].label || again.size.Selected != "240x240" {
		t.Errorf("reopened form shows cloud %q, size %q", again.cloud.Selected, again.size.Selected)
	}
}
