package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/views/widgets"
)

// rendered is o and what it draws, in the order Tab walks them, as the
// window drew them (test.LaidOutObjects makes new renderers, so new
// objects, for every widget).
func rendered(o fyne.CanvasObject) []fyne.CanvasObject {
	out := []fyne.CanvasObject{o}
	switch o := o.(type) {
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(o).Objects() {
			out = append(out, rendered(child)...)
		}
	case *fyne.Container:
		for _, child := range o.Objects {
			out = append(out, rendered(child)...)
		}
	}
	return out
}

// Export and Settings open with their first control focused, so their keys
// work at once: Fyne opened them with nothing focused, and a keyboard user
// had to press Tab before Space, the arrows or Escape on a field did
// anything.
func TestExportAndSettingsFocusTheirFirstControl(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	c := h.m.w.Canvas()

	h.m.onExport()
	h.waitFor("the export form", func() bool { return h.dialogs.exportSet != nil && h.overlayButton("Start") != nil })
	var first fyne.Focusable // Whose photos' first choice
	for _, o := range rendered(h.dialogs.exportSet.source) {
		if f, ok := o.(fyne.Focusable); ok && first == nil {
			first = f
		}
	}
	if first == nil || c.Focused() != first {
		t.Errorf("Export opened with the focus on %T, want the first Whose photos choice", c.Focused())
	}
	h.escape()
	h.waitIdle()
	if n := len(c.Overlays().List()); n != 0 {
		t.Fatalf("Escape left %d dialogs open", n)
	}

	h.m.onSettings()
	if s, ok := c.Focused().(*widgets.EscapeSelect); !ok || s.Selected != clouds[0].label {
		t.Errorf("Settings opened with the focus on %T, want the Cloud picker", c.Focused())
	}
	h.escape()
	h.waitIdle()
	if n := len(c.Overlays().List()); n != 0 {
		t.Errorf("Escape left %d dialogs open", n)
	}
}
