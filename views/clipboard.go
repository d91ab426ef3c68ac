package views

import (
	"errors"
	"fmt"
	"sync"

	"golang.design/x/clipboard"
)

// errNoImageClipboard is what Copy image reports where no system image
// clipboard works (no cgo build, no X11 display, no libX11).
var errNoImageClipboard = errors.New("no image clipboard on this system")

// imageClipboard puts a PNG on the system clipboard and reads a picture
// from it. Fyne's clipboard only
// holds text, so images go through golang.design/x/clipboard; tests swap in
// a fake.
type imageClipboard interface {
	WritePNG(png []byte) error
	ReadImage() ([]byte, error)
}

// systemClipboard is golang.design/x/clipboard, initialised on first use.
// The library panics if used after a failed Init, so a failed Init is
// remembered and every later call returns the same error.
type systemClipboard struct {
	once sync.Once
	err  error
}

// WritePNG writes png to the clipboard as an image.
func (c *systemClipboard) WritePNG(png []byte) error {
	c.once.Do(func() {
		if err := clipboard.Init(); err != nil {
			c.err = fmt.Errorf("%w: %w", errNoImageClipboard, err)
		}
	})
	if c.err != nil {
		return c.err
	}
	clipboard.Write(clipboard.FmtImage, png)
	return nil
}

// errNoImageOnClipboard is what pasting finds when the clipboard holds no
// picture.
var errNoImageOnClipboard = errors.New("there is no picture on the clipboard: copy one (or its file) first")

// ReadImage is the picture on the system clipboard, as PNG.
func (c *systemClipboard) ReadImage() ([]byte, error) {
	c.once.Do(func() {
		if err := clipboard.Init(); err != nil {
			c.err = fmt.Errorf("%w: %w", errNoImageClipboard, err)
		}
	})
	if c.err != nil {
		return nil, c.err
	}
	data := clipboard.Read(clipboard.FmtImage)
	if len(data) == 0 {
		return nil, errNoImageOnClipboard
	}
	return data, nil
}
