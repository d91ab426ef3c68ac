package views

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/photoedit"
)

// loadSquare is a side x side picture as the editor gets it.
func loadSquare(t *testing.T, side int) *photoedit.Source {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewNRGBA(image.Rect(0, 0, side, side))); err != nil {
		t.Fatal(err)
	}
	src, err := photoedit.Load(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// A square under 648 px gets no 648x648 from Microsoft 365, which makes
// no size larger than the upload: the editor says so before Upload, where
// the viewer's "Largest uploaded: 504x504" after it came as a surprise.
// Contacts have one size, so they are told nothing of sizes; the format
// is written as people write it (PNG, not png).
func TestEditorNoteSaysWhichSizesASmallerSquareGets(t *testing.T) {
	src := loadSquare(t, 600)
	note := editorNote(src, 600, photoThere, true)
	if !strings.HasPrefix(note, "PNG, 600x600.") {
		t.Errorf("note starts %q; want the format in capitals", note)
	}
	if !strings.Contains(note, "sizes up to 504x504") || !strings.Contains(note, "no 648x648") {
		t.Errorf("a 600 px square: note = %q; want the largest size it gets, and no 648x648", note)
	}
	if note := editorNote(src, 600, photoThere, false); strings.Contains(note, "504x504") {
		t.Errorf("a contact's note speaks of sizes: %q", note)
	}
	if note := editorNote(loadSquare(t, 700), 700, photoThere, true); strings.Contains(note, "no 648x648") {
		t.Errorf("a 700 px square is uploaded at 648 px, which has every size: %q", note)
	}
}
