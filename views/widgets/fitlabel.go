package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FitLabel is a one-line label cut short with an ellipsis when its text
// does not fit, as a Label with fyne.TextTruncateEllipsis is — but only
// then. Fyne works out an ellipsis label's cut afresh on every refresh and
// every resize, each time with a new shaper that parses the font's layout
// tables again, even when the text fits: a page of results cost about 12
// ms of the UI goroutine's first 40 after the window was shown (`make
// bench` scenario 4, CPU profile). A text that fits is measured once, and
// Fyne caches that measure; so FitLabel turns truncation off whenever the
// text fits the width it is given, and on again when it does not.
//
// Its minimum width is an ellipsis label's whatever its text, so that a
// window holding one can always be made narrower.
type FitLabel struct {
	widget.Label
}

// NewFitLabel is a FitLabel of text in style.
func NewFitLabel(text string, style fyne.TextStyle) *FitLabel {
	l := &FitLabel{}
	l.Text, l.TextStyle = text, style
	l.Truncation = fyne.TextTruncateOff // nothing to cut until it is given a width
	l.ExtendBaseWidget(l)
	return l
}

// SetText sets the text, cut short if it does not fit the label's width.
func (l *FitLabel) SetText(text string) {
	l.Text = text
	l.Refresh()
}

// Refresh redraws the label, deciding again whether its text needs cutting.
func (l *FitLabel) Refresh() {
	l.Truncation = l.truncationAt(l.Size().Width)
	l.Label.Refresh()
}

// Resize gives the label a new size, deciding first whether its text
// needs cutting at that width: a label turning truncation off refreshes
// before it resizes, and one turning it on after, so that neither works
// out a cut at a size it does not keep.
func (l *FitLabel) Resize(size fyne.Size) {
	if size == l.Size() {
		return
	}
	want := l.truncationAt(size.Width)
	if want == l.Truncation {
		l.Label.Resize(size)
		return
	}
	if want == fyne.TextTruncateOff {
		l.Truncation = want
		l.Label.Refresh()
		l.Label.Resize(size)
		return
	}
	l.Label.Resize(size)
	l.Truncation = want
	l.Label.Refresh()
}

// MinSize is an ellipsis label's: one line high, and as wide as Fyne makes
// an ellipsis label (the width of "M" and of "…" at the theme's text size).
func (l *FitLabel) MinSize() fyne.Size {
	size := l.Label.MinSize()
	if l.Truncation == fyne.TextTruncateOff {
		text := l.Theme().Size(theme.SizeNameText)
		size.Width = fyne.MeasureText("M", text, fyne.TextStyle{}).Width + fyne.MeasureText("…", text, fyne.TextStyle{}).Width
	}
	return size
}

// truncationAt is whether the text needs cutting at width: not when it
// fits, nor before the label has been given a width (it shows nothing).
func (l *FitLabel) truncationAt(width float32) fyne.TextTruncation {
	if width <= 0 || l.NaturalWidth() <= width {
		return fyne.TextTruncateOff
	}
	return fyne.TextTruncateEllipsis
}

// NaturalWidth is the width the text takes uncut, with the label's padding.
func (l *FitLabel) NaturalWidth() float32 {
	size := theme.SizeNameText
	if l.SizeName != "" {
		size = l.SizeName
	}
	text := fyne.MeasureText(l.Text, l.Theme().Size(size), l.TextStyle)
	return text.Width + 2*l.Theme().Size(theme.SizeNameInnerPadding)
}
