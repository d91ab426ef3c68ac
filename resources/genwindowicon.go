//go:build ignore

// genwindowicon scales icon.png down to windowicon.png, the 128-pixel icon
// the window hands the window manager. Run by go generate, after genicon.
package main

import (
	"image"
	"image/png"
	"log"
	"os"

	"golang.org/x/image/draw"
)

const side = 128

func main() {
	in, err := os.Open("icon.png")
	if err != nil {
		log.Fatal(err)
	}
	defer in.Close()
	src, err := png.Decode(in)
	if err != nil {
		log.Fatal(err)
	}
	dst := image.NewNRGBA(image.Rect(0, 0, side, side))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	out, err := os.Create("windowicon.png")
	if err != nil {
		log.Fatal(err)
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(out, dst); err != nil {
		log.Fatal(err)
	}
	if err := out.Close(); err != nil {
		log.Fatal(err)
	}
}
