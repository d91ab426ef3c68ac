// Command hello is a bare Fyne hello world, the yardstick `make bench`
// measures Photo Desk's binary size, start and memory against. With
// PHOTODESK_TRACE set it says when its window is shown, as Photo Desk does.
// Its window opens at Photo Desk's first size (views/window.go): under
// Xvfb's software OpenGL, painting and the frame buffers grow with the
// window, and a small window would flatter the yardstick.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/internal/starttrace"
)

func main() {
	a := app.New()
	w := a.NewWindow("Hello")
	w.SetContent(widget.NewLabel("Hello Fyne!"))
	w.Resize(fyne.NewSize(1180, 760))
	a.Lifecycle().SetOnStarted(func() { starttrace.Mark("window shown") })
	w.ShowAndRun()
}
