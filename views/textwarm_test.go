package views

import (
	"sync"
	"testing"

	"fyne.io/fyne/v2"
)

// The warm-up measures text in every style of the first screen, at the
// theme's size, and wait returns only once it has.
func TestTextWarmUpMeasuresTheFirstScreensStyles(t *testing.T) {
	var mu sync.Mutex
	var measured []fyne.TextStyle
	release := make(chan struct{})
	measure := func(text string, size float32, style fyne.TextStyle) fyne.Size {
		<-release
		if text == "" || size != 13 {
			t.Errorf("measured %q at %v; want a word at the size given", text, size)
		}
		mu.Lock()
		defer mu.Unlock()
		measured = append(measured, style)
		return fyne.Size{}
	}
	warm := startTextWarmUp(measure, 13)
	go close(release)
	warm.wait()
	mu.Lock()
	defer mu.Unlock()
	if len(measured) != 2 || measured[0] != (fyne.TextStyle{}) || measured[1] != (fyne.TextStyle{Bold: true}) {
		t.Errorf("measured %v before wait returned; want regular then bold", measured)
	}
}
