package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NotedEntry is an EscapeEntry with the note a widget.Form item shows
// under its field — the hint, or while the entry's Validator refuses the
// text, why, in the error colour — except that the note wraps. Fyne draws
// a form's hint as one line of text, so a long reason (a pasted URL quoted
// back) ran off the dialog's right edge. Give it to a form item without a
// HintText: the form sees it as the entry itself (validation, the label's
// disabled look, Escape).
type NotedEntry struct {
	widget.BaseWidget
	Entry *EscapeEntry

	hint                string
	note                *widget.RichText
	onValidationChanged func(error)
}

// NewNotedEntry puts hint under e; e's Validator, set before or after,
// decides when its reason shows instead.
func NewNotedEntry(e *EscapeEntry, hint string) *NotedEntry {
	n := &NotedEntry{Entry: e, hint: hint, note: widget.NewRichText()}
	n.note.Wrapping = fyne.TextWrapWord
	n.ExtendBaseWidget(n)
	e.SetOnValidationChanged(n.validationChanged)
	var err error
	if e.Validator != nil {
		err = e.Validator(e.Text)
	}
	n.show(err)
	return n
}

// validationChanged shows the entry's new state and tells the form.
func (n *NotedEntry) validationChanged(err error) {
	n.show(err)
	if n.onValidationChanged != nil {
		n.onValidationChanged(err)
	}
}

// show writes the reason err gives, or the hint when there is none.
func (n *NotedEntry) show(err error) {
	text, color := n.hint, theme.ColorNamePlaceHolder
	if err != nil {
		text, color = err.Error(), theme.ColorNameError
	}
	n.note.Segments = []widget.RichTextSegment{&widget.TextSegment{
		Text:  text,
		Style: widget.RichTextStyle{ColorName: color, SizeName: theme.SizeNameCaptionText, Inline: true},
	}}
	if text == "" {
		n.note.Hide()
	} else {
		n.note.Show()
	}
	n.note.Refresh()
	n.Refresh()
}

// Note is the text under the field as shown, for tests.
func (n *NotedEntry) Note() string {
	if !n.note.Visible() {
		return ""
	}
	return n.note.String()
}

// Validate checks the entry's text.
func (n *NotedEntry) Validate() error { return n.Entry.Validate() }

// SetOnValidationChanged is how a form hears of the entry's validation.
func (n *NotedEntry) SetOnValidationChanged(f func(error)) { n.onValidationChanged = f }

// Disable disables the entry.
func (n *NotedEntry) Disable() { n.Entry.Disable() }

// Enable enables the entry.
func (n *NotedEntry) Enable() { n.Entry.Enable() }

// Disabled reports whether the entry is disabled, so a form greys the
// label.
func (n *NotedEntry) Disabled() bool { return n.Entry.Disabled() }

// PassEscape gives Escape to esc while the entry has the focus.
func (n *NotedEntry) PassEscape(esc func()) { n.Entry.PassEscape(esc) }

// CreateRenderer lays the note under the entry.
func (n *NotedEntry) CreateRenderer() fyne.WidgetRenderer {
	return &notedRenderer{n: n, objects: []fyne.CanvasObject{n.Entry, n.note}}
}

// notedRenderer puts the entry at the top, full width, and the note
// under it, as a form puts its hint.
type notedRenderer struct {
	n       *NotedEntry
	objects []fyne.CanvasObject
}

// The rich text pads its text by the inner padding above and below, where
// a form leaves half of it between the field and its hint and half under
// the hint: the note starts half a padding up, and its last half padding
// is not counted, so the rows keep a form's heights.
func (r *notedRenderer) Layout(size fyne.Size) {
	entry := r.n.Entry.MinSize().Height
	r.n.Entry.Move(fyne.NewPos(0, 0))
	r.n.Entry.Resize(fyne.NewSize(size.Width, entry))
	r.n.note.Move(fyne.NewPos(0, entry-theme.InnerPadding()/2))
	r.n.note.Resize(fyne.NewSize(size.Width, r.n.note.MinSize().Height))
}

func (r *notedRenderer) MinSize() fyne.Size {
	entry := r.n.Entry.MinSize()
	if !r.n.note.Visible() {
		return entry
	}
	note := r.n.note.MinSize()
	return fyne.NewSize(max(entry.Width, note.Width), entry.Height+note.Height-theme.InnerPadding())
}

func (r *notedRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *notedRenderer) Refresh()                     { r.Layout(r.n.Size()) }
func (r *notedRenderer) Destroy()                     {}
