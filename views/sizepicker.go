package views

import (
	"slices"
	"strings"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/views/widgets"
)

const (
	largestLabel   = "Largest"
	onlySizeLabel  = "Its only size" // a contact's: Size does not apply
	availableMark  = " · available"
	notUploadedTag = " · not uploaded"
)

// sizePicker chooses the photo size: Largest or one of the nine HD sizes,
// each marked available or not once the person's size list is known.
type sizePicker struct {
	sel       *widgets.NavSelect
	size      graphapi.Size
	available []graphapi.Size // nil while unknown
	onlyOne   bool            // a contact is shown: one size, nothing to pick
	updating  bool            // options are being rebuilt: not a user choice
	onChanged func(graphapi.Size)
}

func newSizePicker(initial graphapi.Size, onChanged func(graphapi.Size)) *sizePicker {
	p := &sizePicker{size: initial, onChanged: onChanged}
	p.sel = widgets.NewNavSelect(sizeOptions(nil), p.onSelected)
	p.sync()
	return p
}

// setAvailable marks which sizes exist for the person; nil means unknown.
func (p *sizePicker) setAvailable(available []graphapi.Size) {
	p.available = available
	p.sync()
}

// setOnlyOne disables the picker for someone with one photo size (a
// contact), saying so instead of a size that does not apply; the size
// picked before comes back with the next user or group.
func (p *sizePicker) setOnlyOne(only bool) {
	p.onlyOne = only
	if only {
		p.sel.Disable()
	} else {
		p.sel.Enable()
	}
	p.sync()
}

func (p *sizePicker) sync() {
	p.updating = true
	defer func() { p.updating = false }()
	if p.onlyOne {
		p.sel.SetOptions([]string{onlySizeLabel})
		p.sel.SetSelected(onlySizeLabel)
		return
	}
	p.sel.SetOptions(sizeOptions(p.available))
	p.sel.SetSelected(sizeLabel(p.size, p.available))
}

func (p *sizePicker) onSelected(label string) {
	if p.updating {
		return
	}
	size := sizeFromLabel(label)
	if size == p.size {
		return
	}
	p.size = size
	if p.onChanged != nil {
		p.onChanged(size)
	}
}

func sizeOptions(available []graphapi.Size) []string {
	out := []string{sizeLabel(graphapi.SizeLargest, available)}
	for _, s := range graphapi.HDSizes {
		out = append(out, sizeLabel(s, available))
	}
	return out
}

// sizeLabel is how a size reads in the picker: "240x240 · available",
// "648x648 · not uploaded", or the bare size while the list is unknown.
func sizeLabel(s graphapi.Size, available []graphapi.Size) string {
	if s == graphapi.SizeLargest {
		return largestLabel
	}
	switch {
	case available == nil:
		return string(s)
	case slices.ContainsFunc(available, func(a graphapi.Size) bool { return strings.EqualFold(string(a), string(s)) }):
		return string(s) + availableMark
	}
	return string(s) + notUploadedTag
}

func sizeFromLabel(label string) graphapi.Size {
	name, _, _ := strings.Cut(label, " ")
	if name == largestLabel {
		return graphapi.SizeLargest
	}
	return graphapi.Size(name)
}
