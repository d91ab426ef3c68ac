package views

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// metadataLayout lays out the metadata fields as triples of objects: name,
// value (a wrapping label) and copy button. A value that fits on one line
// beside the names sits there, in a column shared by every field, as in a
// form; a longer one (a URL, a request id) goes under its name and takes the
// panel's whole width, wrapping if it must, so it is never cut short. One
// layout for all rows, because a row's height depends on the width it gets.
type metadataLayout struct {
	width float32 // the last width laid out, for MinSize
	// loose are names that set neither the names' column nor the least
	// width: wider than the others at times, they wrap beside the values.
	loose []fyne.CanvasObject
}

// rowGap is the space between fields.
func (*metadataLayout) rowGap() float32 { return theme.Padding() }

// keyColumn is the width of the names' column: the widest name on one
// line, but for the loose ones (their least width, a letter's). The names
// wrap, so their least width is no measure of it.
func (l *metadataLayout) keyColumn(objects []fyne.CanvasObject) float32 {
	var w float32
	for i := 0; i+2 < len(objects); i += 3 {
		w = max(w, l.lineWidth(objects[i]))
	}
	return w
}

// lineWidth is the width name takes on one line, or its least width when it
// is loose (or no label).
func (l *metadataLayout) lineWidth(name fyne.CanvasObject) float32 {
	label, ok := name.(*widget.Label)
	if !ok || slices.Contains(l.loose, name) {
		return name.MinSize().Width
	}
	size := theme.TextSize()
	if label.SizeName != "" {
		size = theme.Size(label.SizeName)
	}
	return fyne.MeasureText(label.Text, size, label.TextStyle).Width + 2*theme.InnerPadding()
}

// inline reports whether value fits on one line beside the names.
func (*metadataLayout) inline(value fyne.CanvasObject, room float32) bool {
	l, ok := value.(*widget.Label)
	if !ok {
		return false
	}
	text := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle)
	return text.Width+2*theme.InnerPadding() <= room
}

// Layout places each field under the one before, at width size.Width.
func (l *metadataLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.place(objects, size.Width, true)
}

// MinSize is the height of every field at the last width laid out (the
// values wrap, so a narrower panel is taller), and the widest name plus a
// little room for values.
func (l *metadataLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	keys := l.keyColumn(objects)
	width := keys + 4*theme.Padding()
	height := l.place(objects, max(l.width, width), false)
	return fyne.NewSize(width, height)
}

// place computes (and when move is set, applies) every field's position at
// width, returning the total height.
func (l *metadataLayout) place(objects []fyne.CanvasObject, width float32, move bool) float32 {
	keys := l.keyColumn(objects)
	var y float32
	for i := 0; i+2 < len(objects); i += 3 {
		if i > 0 {
			y += l.rowGap()
		}
		key, value, copyButton := objects[i], objects[i+1], objects[i+2]
		copySize := copyButton.MinSize()
		room := width - keys - copySize.Width
		// A name over its value shares its line with the copy button; its
		// blank right padding may lie in the button's (the icon is inset
		// as far), so it wraps only when its text would reach the button.
		nameWidth := min(width, width-copySize.Width+theme.InnerPadding())
		inline := l.inline(value, room)
		// A wrapping name's height depends on the width it gets: size it
		// first, as the value below.
		if inline {
			key.Resize(fyne.NewSize(keys, key.Size().Height))
		} else {
			key.Resize(fyne.NewSize(nameWidth, key.Size().Height))
		}
		keySize := key.MinSize()
		var rowHeight float32
		if inline {
			rowHeight = max(keySize.Height, value.MinSize().Height, copySize.Height)
			if move {
				put(key, 0, y+(rowHeight-keySize.Height)/2, keys, keySize.Height)
				put(value, keys, y+(rowHeight-value.MinSize().Height)/2, room, value.MinSize().Height)
				put(copyButton, width-copySize.Width, y+(rowHeight-copySize.Height)/2, copySize.Width, copySize.Height)
			}
		} else {
			top := max(keySize.Height, copySize.Height)
			// The value's height depends on its width: size it first.
			value.Resize(fyne.NewSize(width, value.Size().Height))
			valueHeight := value.MinSize().Height
			overlap := theme.InnerPadding() // the value tucks into the name's bottom padding
			rowHeight = top + valueHeight - overlap
			if move {
				put(key, 0, y+(top-keySize.Height)/2, nameWidth, keySize.Height)
				put(copyButton, width-copySize.Width, y+(top-copySize.Height)/2, copySize.Width, copySize.Height)
				put(value, 0, y+top-overlap, width, valueHeight)
			}
		}
		y += rowHeight
	}
	return y
}

func put(o fyne.CanvasObject, x, y, w, h float32) {
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, h))
}
