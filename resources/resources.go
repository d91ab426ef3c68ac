// Package resources holds the images bundled into the Photo Desk binary.
package resources

//go:generate go run genicon.go
//go:generate go tool -modfile=../tools/go.mod fyne bundle -o bundled.go --pkg resources --prefix resource icon.png
//go:generate go tool -modfile=../tools/go.mod gofumpt -w bundled.go

// AppIcon is the Photo Desk application icon: a portrait card under a
// magnifying glass, drawn by genicon.go.
var AppIcon = resourceIconPng
