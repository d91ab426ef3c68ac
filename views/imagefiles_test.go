package views

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Item 5 of the tester's report: Change photo…'s picker hid .jfif (a JPEG
// that set and import take) and HEIC/HEIF and TIFF, which are refused
// with what to do only if the person can pick them. Dropping takes the
// same files the picker offers.
func TestPickerOffersJFIFHEICAndTIFF(t *testing.T) {
	for _, name := range []string{"a.jfif", "IMG_0001.HEIC", "b.heif", "scan.tif", "scan.TIFF", "c.jpg", "d.webp"} {
		if !isImageFile(name) {
			t.Errorf("isImageFile(%q) = false", name)
		}
		if ext := strings.ToLower(filepath.Ext(name)); !slices.Contains(imageExtensions, ext) {
			t.Errorf("the picker does not offer %s", ext)
		}
	}
	for _, name := range []string{"notes.txt", "list.csv", "photo"} {
		if isImageFile(name) {
			t.Errorf("isImageFile(%q) = true", name)
		}
	}
}
