package views

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/photodesk/photodesk/graphapi"
)

// TestViewerSaysLargestUploaded is issue 18's item 8: with Largest, a
// 240x240 photo says it is the largest uploaded, and Fit does not blow it
// up beyond twice its size.
func TestViewerSaysLargestUploaded(t *testing.T) {
	f := newFakeEngine(3)
	f.setPhoto(f.people[0], 648, 648, graphapi.HDSizes) // shown first, with no note
	f.setPhoto(f.people[1], 240, 240, []graphapi.Size{"48x48", "64x64", "96x96", "120x120", "240x240"})
	h := newFakeHarness(t, f)
	h.waitResults()
	h.waitIdle()
	if h.m.viewer.note.Visible() {
		t.Fatalf("the first person has the note %q", h.m.viewer.note.Text)
	}
	noNote := h.m.w.Content().MinSize()
	h.showRow(1)
	v := h.m.viewer
	// The note takes room kept for it: at its smallest the window must not
	// grow by itself when a note appears (it grew by the note's line).
	if got := h.m.w.Content().MinSize(); got != noNote {
		t.Errorf("the window's minimum went from %v to %v with the note", noNote, got)
	}
	for _, note := range []string{"one line", "two\nlines", "three\nlines\nat most"} {
		h.m.viewer.setNote(note)
		if got := h.m.w.Content().MinSize(); got != noNote {
			t.Errorf("the window's minimum went from %v to %v with a note of %d lines", noNote, got, strings.Count(note, "\n")+1)
		}
	}
	h.m.viewer.setNote(photoNote(h.m.viewer.shown, h.m.viewer.sizes.available))
	if !v.note.Visible() || !strings.Contains(v.note.Text, "Largest uploaded: 240x240") {
		t.Errorf("note = %q (visible %v), want the largest upload named", v.note.Text, v.note.Visible())
	}
	scale := h.m.canvasScale()
	if got := v.layout.target(fyne.NewSize(2000, 2000)); got.Width*scale > 480 {
		t.Errorf("Fit shows 240x240 at %v device pixels, more than twice its size", got.Width*scale)
	}
	// A full 648x648 photo has nothing to say.
	f.setPhoto(f.people[2], 648, 648, graphapi.HDSizes)
	h.showRow(2)
	if v.note.Visible() {
		t.Errorf("a 648x648 photo has the note %q", v.note.Text)
	}
}

// TestViewerEntraOnlyPhoto is issue 18's item 9: a 400x300 photo kept only
// in Entra ID says so, instead of "Sizes available: none" next to a shown
// photo, and is flagged as not square.
func TestViewerEntraOnlyPhoto(t *testing.T) {
	f := newFakeEngine(3)
	f.setPhoto(f.people[1], 400, 300, []graphapi.Size{})
	h := newFakeHarness(t, f)
	h.waitResults()
	h.waitIdle()
	h.showRow(1)
	want := "One photo, 400x300, stored in Entra ID (no HD sizes)"
	if got := h.m.meta.text(fieldSizes); got != want {
		t.Errorf("Sizes available = %q, want %q", got, want)
	}
	note := h.m.viewer.note.Text
	if !strings.Contains(note, want) || !strings.Contains(note, "Not square (400x300)") {
		t.Errorf("viewer note = %q, want the Entra-only photo and its shape named", note)
	}
	if strings.Contains(note, "Largest uploaded") {
		t.Errorf("viewer note = %q: an Entra-only photo is not an HD upload", note)
	}
}

// TestRoundPreview is issue 18's item 10: a toggle shows the photo cut to
// a circle, as Teams and Outlook show it.
func TestRoundPreview(t *testing.T) {
	f := newFakeEngine(2)
	h := newFakeHarness(t, f)
	h.waitResults()
	h.waitIdle()
	v := h.m.viewer
	if v.mask.Visible() {
		t.Fatal("the round preview is on from the start")
	}
	v.round.SetChecked(true)
	if !v.mask.Visible() {
		t.Fatal("Round did not put the mask over the photo")
	}
	bg := color.NRGBA{R: 10, G: 20, B: 30, A: 255}
	m := circleMask(40, 20, bg)
	if got := color.NRGBAModel.Convert(m.At(0, 0)); got != bg {
		t.Errorf("corner = %v, want the background", got)
	}
	if _, _, _, a := m.At(20, 10).RGBA(); a != 0 {
		t.Errorf("centre alpha = %d, want clear", a)
	}
	if got := color.NRGBAModel.Convert(m.At(5, 10)); got != bg {
		t.Errorf("left of the centred circle of a 40x20 photo = %v, want the background (cropped to the square)", got)
	}
	v.round.SetChecked(false)
	if v.mask.Visible() {
		t.Error("Round off left the mask")
	}
}

// showRow selects result row i and waits until its photo is shown and the
// window is idle.
func (h *harness) showRow(i int) {
	h.t.Helper()
	h.m.sidebar.list.Select(i)
	h.waitShown(h.m.sidebar.results[i].DisplayName)
	h.waitIdle()
}
