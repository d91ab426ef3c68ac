package views

import (
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
)

// TestSizePickerEntraOnly: a photo kept only in Entra ID has no HD sizes
// (an empty, known list): every size reads "not uploaded", and picking one
// still asks for that size, which the engine answers with the one photo.
func TestSizePickerEntraOnly(t *testing.T) {
	var picked []graphapi.Size
	p := newSizePicker(graphapi.SizeLargest, func(s graphapi.Size) { picked = append(picked, s) })
	p.setAvailable([]graphapi.Size{})
	opts := p.sel.Options
	if len(opts) != 1+len(graphapi.HDSizes) || opts[0] != largestLabel {
		t.Fatalf("options %q", opts)
	}
	for _, o := range opts[1:] {
		if !strings.HasSuffix(o, notUploadedTag) {
			t.Errorf("option %q, want every HD size marked not uploaded", o)
		}
	}
	p.sel.SetSelected(opts[5])
	if len(picked) != 1 || picked[0] != "240x240" {
		t.Errorf("picking %q asked for %v, want 240x240", opts[5], picked)
	}
	if p.sel.Selected != "240x240"+notUploadedTag {
		t.Errorf("selected %q", p.sel.Selected)
	}
}
