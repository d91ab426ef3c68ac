package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// shownText is what a label draws: its text objects' texts, in order.
func shownText(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, obj := range test.LaidOutObjects(o) {
		if t, ok := obj.(*canvas.Text); ok && t.Visible() {
			b.WriteString(t.Text)
		}
	}
	return b.String()
}

// A text that fits is shown whole and not cut at all (Fyne would work out
// a cut on every refresh); one that does not fit ends in an ellipsis, as a
// Fyne ellipsis label's does — whichever way the width or the text changed.
func TestFitLabelCutsOnlyWhatDoesNotFit(t *testing.T) {
	test.NewTempApp(t)
	const short, long = "Adele Vance", "Adele Vance, Retail Manager of the Northern Region's flagship stores"
	l := NewFitLabel(short, fyne.TextStyle{Bold: true})
	w := test.NewTempWindow(t, container.NewStack(l))
	w.SetPadded(false)

	w.Resize(fyne.NewSize(l.NaturalWidth()+10, 40))
	if l.Truncation != fyne.TextTruncateOff || shownText(l) != short {
		t.Errorf("fitting text: truncation %v, shown %q; want off, %q", l.Truncation, shownText(l), short)
	}

	l.SetText(long)
	if l.Truncation != fyne.TextTruncateEllipsis || !strings.HasSuffix(shownText(l), "…") || !strings.HasPrefix(long, strings.TrimSuffix(shownText(l), "…")) {
		t.Errorf("text grown past the width: truncation %v, shown %q; want ellipsis, a cut of %q", l.Truncation, shownText(l), long)
	}

	w.Resize(fyne.NewSize(l.NaturalWidth()+10, 40))
	if l.Truncation != fyne.TextTruncateOff || shownText(l) != long {
		t.Errorf("widened to fit: truncation %v, shown %q; want off, whole", l.Truncation, shownText(l))
	}

	w.Resize(fyne.NewSize(120, 40))
	if l.Truncation != fyne.TextTruncateEllipsis || !strings.HasSuffix(shownText(l), "…") {
		t.Errorf("narrowed: truncation %v, shown %q; want ellipsis", l.Truncation, shownText(l))
	}

	l.SetText(short)
	w.Resize(fyne.NewSize(l.NaturalWidth()+10, 40))
	if l.Truncation != fyne.TextTruncateOff || shownText(l) != short {
		t.Errorf("short text again: truncation %v, shown %q; want off, %q", l.Truncation, shownText(l), short)
	}
}

// However long its text, a FitLabel asks for no more room than a Fyne
// ellipsis label does, so a window holding one can always be narrowed: a
// label asking for its whole text would hold the window at that width.
func TestFitLabelMinSizeIsAnEllipsisLabels(t *testing.T) {
	test.NewTempApp(t)
	const long = "adele.vance.with.a.very.long.address@contoso.onmicrosoft.com"
	fyneLabel := widget.NewLabelWithStyle(long, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	fyneLabel.Truncation = fyne.TextTruncateEllipsis
	want := test.NewTempWindow(t, fyneLabel).Content().MinSize()

	for _, width := range []float32{0, 2000} { // the text cut, and whole
		l := NewFitLabel(long, fyne.TextStyle{Bold: true})
		w := test.NewTempWindow(t, container.NewWithoutLayout(l))
		l.Resize(fyne.NewSize(width, 40))
		if got := w.Content().MinSize(); got != want {
			t.Errorf("width %v: MinSize = %v; want an ellipsis label's %v", width, got, want)
		}
	}
}
