package views

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// At the window's smallest, Photo details wraps "Sizes available" between
// sizes only ("…, 432, 5" over "04, 648" read as sizes 5 and 04: the value
// broke wherever a line ran out), and every name is clear of its copy
// icon ("Format (sniffed)" ran under it, the names being wider than the
// room left beside the button).
func TestSmallestWindowDetailsKeepSizesAndNamesWhole(t *testing.T) {
	h := newFakeHarness(t, newFakeEngine(2))
	h.waitResults()
	h.waitIdle()
	h.m.w.Resize(h.m.w.Content().MinSize())
	h.waitIdle()
	m := h.m.meta
	m.show(&app.PhotoResult{
		Person: app.Person{Kind: app.KindUser}, Width: 648, Height: 648, Format: "jpeg",
		ContentType: "image/jpeg", Available: graphapi.HDSizes,
	})
	h.m.w.Content().Refresh()

	sizes := m.values[fieldSizes]
	want := strings.Split(sizes.Text, ", ")
	var lines []string
	for _, o := range test.LaidOutObjects(sizes) {
		if text, ok := o.(*canvas.Text); ok && text.Visible() && strings.TrimSpace(text.Text) != "" {
			lines = append(lines, text.Text)
		}
	}
	if len(lines) < 2 {
		t.Fatalf("sizes drawn as %q in %v: the test needs a panel too narrow for them on one line", lines, sizes.Size())
	}
	for _, line := range lines {
		for _, size := range strings.Split(strings.TrimSpace(line), ",") {
			if size = strings.TrimSpace(size); size != "" && !slices.Contains(want, size) {
				t.Errorf("sizes drawn as %q: %q is no size listed", lines, size)
			}
		}
	}

	iconSize := theme.IconInlineSize()
	for _, field := range metadataFields {
		name, copyButton := m.names[field], m.copies[field]
		iconLeft := copyButton.Position().X + (copyButton.Size().Width-iconSize)/2
		var drawn []string
		for _, o := range test.LaidOutObjects(name) {
			text, ok := o.(*canvas.Text)
			if !ok || !text.Visible() || strings.TrimSpace(text.Text) == "" {
				continue
			}
			drawn = append(drawn, text.Text)
			right := name.Position().X + text.Position().X + fyne.MeasureText(text.Text, text.TextSize, text.TextStyle).Width
			if iconLeft-right < theme.Padding() {
				t.Errorf("%q ends at x=%v, %v from its copy icon at x=%v (panel %v wide)", text.Text, right, iconLeft-right, iconLeft, m.content.Size().Width)
			}
		}
		if got := strings.Join(drawn, " "); got != name.Text {
			t.Errorf("name drawn as %q, want %q whole", drawn, name.Text)
		}
	}
}
