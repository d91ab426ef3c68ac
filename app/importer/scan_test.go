package importer

import (
	"bytes"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// noisyJPEG is a w x h JPEG of noise: it does not compress, so a large
// one is larger than the head Scan reads first.
func noisyJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = byte(r.Uint32())
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A picture cut short after its header (a copy or download that
// stopped) is invalid when scanned, saying so, not a "will upload" row
// that the run then fails; an intact one, or one with bytes after its
// end (a phone's motion photo), is not.
func TestScanFindsCutShortPictures(t *testing.T) {
	dir := t.TempDir()
	picture(t, dir, "Ann Lee.png", 300, 300)
	png, err := os.ReadFile(filepath.Join(dir, "Ann Lee.png"))
	if err != nil {
		t.Fatal(err)
	}
	picture(t, dir, "Bob Stone.jpg", 300, 300)
	jpg, err := os.ReadFile(filepath.Join(dir, "Bob Stone.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	big := noisyJPEG(t, 700, 700)
	if len(big) <= headerBytes {
		t.Fatalf("the large JPEG is %d bytes, not past the %d-byte head", len(big), headerBytes)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("cut.jpg", jpg[:len(jpg)/2])
	write("cut big.jpg", big[:len(big)*3/4])
	write("cut.png", png[:len(png)-20])
	write("big.jpg", big)
	write("motion.jpg", append(append([]byte{}, big...), bytes.Repeat([]byte("video"), 100_000)...))
	write("trailer.jpg", append(append([]byte{}, jpg...), "camera maker's trailer"...))
	_, got := scanByName(t, dir)
	for _, name := range []string{"cut.jpg", "cut big.jpg", "cut.png"} {
		if f := got[name]; !strings.Contains(f.Problem, "damaged or incomplete") {
			t.Errorf("%s: problem %q, want it damaged", name, f.Problem)
		}
	}
	for _, name := range []string{"Ann Lee.png", "Bob Stone.jpg", "big.jpg", "motion.jpg", "trailer.jpg"} {
		if f := got[name]; f.Problem != "" || f.Width == 0 {
			t.Errorf("%s: %+v, want it fine", name, f)
		}
	}
}

// SetDamaged (the preview's thumbnail failed) makes a row invalid and
// leaves it out of what Import sends, but never changes a plan a run has
// taken: the run's goroutines read it from then on.
func TestSetDamagedOnlyBeforeTheRun(t *testing.T) {
	p, _ := fakePlan(t, nil, "Ann Lee.jpg", "Bob Stone.jpg", "jnunez.jpg")
	before := p.ToSend()
	i := indexOf(p, "Ann Lee.jpg")
	if !p.SetDamaged(i, "the picture is damaged or incomplete: jpeg: …") {
		t.Fatal("SetDamaged refused before any run")
	}
	if it := p.Items[i]; it.Status != StatusInvalid || !strings.HasPrefix(it.Note, "the picture is damaged") || p.ToSend() != before-1 {
		t.Errorf("after SetDamaged: %s %q, %d to send (was %d)", it.Status, it.Note, p.ToSend(), before)
	}
	p.take()
	j := indexOf(p, "jnunez.jpg")
	if p.SetDamaged(j, "late") || p.Items[j].Status == StatusInvalid {
		t.Errorf("SetDamaged changed a plan a run had taken: %s", p.Items[j].Status)
	}
}
