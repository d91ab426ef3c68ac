// Package resources holds the images bundled into the Photo Desk binary.
package resources

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:generate go run genicon.go
//go:generate go run genwindowicon.go
//go:generate go tool -modfile=../tools/go.mod fyne bundle -o bundled.go --pkg resources --prefix resource icon.png
//go:generate go tool -modfile=../tools/go.mod gofumpt -w bundled.go

// AppIcon is the Photo Desk application icon: a portrait card under a
// magnifying glass, drawn by genicon.go.
var AppIcon = resourceIconPng

//go:embed windowicon.png
var windowIconData []byte

// WindowIcon is AppIcon at 128 pixels, for the window's title and task
// bar: handing the window manager the 1024-pixel AppIcon cost about 90 ms
// on the UI thread before the first frame (decoding it, and sending 4 MB
// of pixels to the X server).
var WindowIcon fyne.Resource = &fyne.StaticResource{StaticName: "windowicon.png", StaticContent: windowIconData}
