package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/internal/buildinfo"
)

// Help > About shows the version line `photodesk --version` prints.
func TestAboutShowsTheVersion(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	menu := helpMenu(w)
	if menu.Label != menuHelp || len(menu.Items) != 2 || menu.Items[1].Label != menuAbout || menu.Items[0].Label != menuKeys {
		t.Fatalf("Help menu = %+v", menu)
	}
	menu.Items[1].Action()
	var shown strings.Builder
	for _, o := range w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			if l, ok := obj.(*widget.Label); ok {
				shown.WriteString(l.Text + "\n")
			}
		}
	}
	if line := buildinfo.Line(); line == "" || !strings.Contains(shown.String(), line) {
		t.Errorf("About shows %q, want the version line %q", shown.String(), line)
	}
}

// Help lists the keys, written the platform's way.
func TestKeyboardShortcutsThePlatformWay(t *testing.T) {
	if got := keysText("linux"); !strings.Contains(got, "Ctrl+S\tsave") || !strings.Contains(got, "Shift+Ctrl+C") {
		t.Errorf("Linux keys:\n%s", got)
	}
	if got := keysText("darwin"); !strings.Contains(got, "⌘S\tsave") || strings.Contains(got, "Ctrl") {
		t.Errorf("macOS keys:\n%s", got)
	}
}
