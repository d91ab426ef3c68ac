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
	if menu.Label != menuHelp || len(menu.Items) != 1 || menu.Items[0].Label != menuAbout {
		t.Fatalf("Help menu = %+v", menu)
	}
	menu.Items[0].Action()
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
