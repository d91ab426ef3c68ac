package app

import "testing"

// The window's Save and get -o correct a typed name by one rule: an image
// extension of another format than the photo's is replaced, one naming
// the photo's own format (in any spelling or case) is kept, and anything
// else is left to the caller.
func TestCorrectImageExtension(t *testing.T) {
	for _, c := range []struct {
		name, suggested, want string
		changed               bool
	}{
		{"ann.png", "a_648x648.jpg", "ann.jpg", true},
		{"ann.tiff", "a_648x648.jpg", "ann.jpg", true},
		{"ann.HEIC", "a_648x648.jpg", "ann.jpg", true},
		{"ann.webp", "a_48x48.png", "ann.png", true},
		{"ann.jpeg", "a_648x648.jpg", "ann.jpeg", false},
		{"ann.JFIF", "a_648x648.jpg", "ann.JFIF", false},
		{"ann.PNG", "a_48x48.png", "ann.PNG", false},
		{"john.smith", "a_648x648.jpg", "john.smith", false},
		{"photo.bin", "a_648x648.jpg", "photo.bin", false},
		{"ann.png", "", "ann.png", false},
	} {
		got, changed := CorrectImageExtension(c.name, c.suggested)
		if got != c.want || changed != c.changed {
			t.Errorf("CorrectImageExtension(%q, %q) = %q, %v; want %q, %v", c.name, c.suggested, got, changed, c.want, c.changed)
		}
	}
}
