package views

import (
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// blockedMeasure is a fyne.MeasureText that records the styles it measured
// once release is closed.
type blockedMeasure struct {
	t       *testing.T
	release chan struct{}
	mu      sync.Mutex
	styles  []fyne.TextStyle
}

func newBlockedMeasure(t *testing.T) *blockedMeasure {
	return &blockedMeasure{t: t, release: make(chan struct{})}
}

func (m *blockedMeasure) measure(text string, size float32, style fyne.TextStyle) fyne.Size {
	<-m.release
	if text == "" || size != 13 {
		m.t.Errorf("measured %q at %v; want a word at the size given", text, size)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.styles = append(m.styles, style)
	return fyne.Size{}
}

func (m *blockedMeasure) measured() []fyne.TextStyle {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]fyne.TextStyle(nil), m.styles...)
}

// startWarmUp starts the warm-up, failing the test if it measures on the
// caller's goroutine.
func startWarmUp(t *testing.T, m *blockedMeasure) *textWarmUp {
	t.Helper()
	started := make(chan *textWarmUp, 1)
	go func() { started <- startTextWarmUp(m.measure, 13) }()
	select {
	case w := <-started:
		return w
	case <-time.After(10 * time.Second):
		t.Fatal("startTextWarmUp measured on the caller's goroutine")
		return nil
	}
}

// The warm-up measures text in every style of the first screen, at the
// theme's size, on a goroutine of its own, and wait returns only once it
// has.
func TestTextWarmUpMeasuresTheFirstScreensStyles(t *testing.T) {
	m := newBlockedMeasure(t)
	warm := startWarmUp(t, m)
	go close(m.release)
	warm.wait()
	if got := m.measured(); len(got) != 2 || got[0] != (fyne.TextStyle{}) || got[1] != (fyne.TextStyle{Bold: true}) {
		t.Errorf("measured %v before wait returned; want regular then bold", got)
	}
}

// When the window is shown, the states held until then are rendered, and
// only once the fonts have loaded: before, they would measure text beside
// the warm-up.
func TestWindowShownRendersHeldStatesAfterTheFonts(t *testing.T) {
	test.NewTempApp(t)
	m := newBlockedMeasure(t)
	warm := startWarmUp(t, m)
	hop := newUIHop()
	hop.hold()
	ran, fontsLoaded := make(chan struct{}), false
	hop.do(func() {
		select {
		case <-warm.done:
			fontsLoaded = true
		default:
		}
		close(ran)
	})
	// The fonts finish loading once the held state has been rendered (too
	// soon) or after a moment, during which windowShown, called at once
	// below, must be waiting for them: nothing signals that it waits.
	go func() {
		select {
		case <-time.After(50 * time.Millisecond):
		case <-ran:
		}
		close(m.release)
	}()
	windowShown(warm, hop)()
	select {
	case <-ran:
		if !fontsLoaded {
			t.Error("a held state was rendered before the fonts had loaded")
		}
	default:
		t.Error("the held state was not rendered when the window was shown")
	}
}
