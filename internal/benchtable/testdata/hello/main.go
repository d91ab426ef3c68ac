// Command hello is a bare Fyne hello world, the yardstick `make bench`
// measures Photo Desk's binary size, start and memory against. With
// PHOTODESK_TRACE set it says when its window is shown, as Photo Desk does.
package main

import (
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/internal/starttrace"
)

func main() {
	a := app.New()
	w := a.NewWindow("Hello")
	w.SetContent(widget.NewLabel("Hello Fyne!"))
	a.Lifecycle().SetOnStarted(func() { starttrace.Mark("window shown") })
	w.ShowAndRun()
}
