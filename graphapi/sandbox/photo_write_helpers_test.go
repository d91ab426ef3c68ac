package sandbox

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// writer is a client of a fresh tenant (isolated, so uploads never reach the
// shared one) signed in as upn with scopes.
func writer(t *testing.T, upn string, scopes ...string) (*Handler, *client) {
	t.Helper()
	h, c := isolated(t, 30)
	return h, c.as(userToken(t, upn, scopes...))
}

// allWriteScopes can change every photo the demo account may change.
var allWriteScopes = []string{"ProfilePhoto.ReadWrite.All", "Contacts.ReadWrite", "User.ReadBasic.All"}

// put uploads body as contentType.
func (c *client) put(path string, body []byte, contentType string) result {
	c.t.Helper()
	return c.do("PUT", path, body, "Content-Type: "+contentType)
}

// twoTone is a w by h JPEG, red on the left half and blue on the right, so
// a scaled copy can be checked for being the upload.
func twoTone(t *testing.T, w, h int) []byte {
	t.Helper()
	return encodeJPEG(t, w, h, func(x, y int) color.RGBA {
		if x < w/2 {
			return red
		}
		return blue
	})
}

// noise is a JPEG that compresses badly: about 2 bytes a pixel.
func noise(t *testing.T, w, h int) []byte {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	return encodeJPEG(t, w, h, func(x, y int) color.RGBA {
		return color.RGBA{uint8(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32()), 255}
	})
}

func encodeJPEG(t *testing.T, w, h int, at func(x, y int) color.RGBA) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := at(x, y)
			copy(img.Pix[img.PixOffset(x, y):], []byte{c.R, c.G, c.B, c.A})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 100}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// transparentPNG is a w by w PNG, fully transparent.
func transparentPNG(t *testing.T, w int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, w, w))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// decodeServed decodes a $value answer, which must be a JPEG of w by h.
func decodeServed(t *testing.T, r result, w, h int) image.Image {
	t.Helper()
	wantStatus(t, r, 200)
	img, format, err := image.Decode(bytes.NewReader(r.body))
	if err != nil || format != "jpeg" || img.Bounds().Dx() != w || img.Bounds().Dy() != h {
		t.Fatalf("served %s (%v), want a %dx%d JPEG", format, err, w, h)
	}
	if ct := r.header.Get("Content-Type"); ct != "image/jpeg" && ct != "image/Jpeg" {
		t.Errorf("Content-Type %q", ct)
	}
	return img
}

// near reports whether the pixel at (x, y) is within 40 of want per channel.
func near(img image.Image, x, y int, want color.RGBA) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	d := func(a uint32, b uint8) bool { return int(a>>8)-int(b) < 40 && int(b)-int(a>>8) < 40 }
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

var (
	red   = color.RGBA{220, 20, 20, 255}
	blue  = color.RGBA{20, 20, 220, 255}
	green = color.RGBA{20, 200, 20, 255}
	white = color.RGBA{255, 255, 255, 255}
)

// The demo accounts: helpdesk is a User Administrator, frontdesk has no role.
const (
	helpdesk  = identity.DemoUPN
	frontdesk = identity.FrontdeskUPN
)
