package views

import (
	"math"
	"time"

	"github.com/photodesk/photodesk/app"
)

// geometrySaveDelay is how long the window must keep its size and dividers
// before they are written: a drag writes once, when it ends.
const geometrySaveDelay = time.Second

// geometry is the window's size and its two divider positions.
type geometry struct {
	width, height   float64
	sidebar, viewer float64 // split offsets, 0..1
}

// differs ignores what a person cannot see: under a unit of size, a
// thousandth of a divider.
func (g geometry) differs(o geometry) bool {
	return math.Abs(g.width-o.width) >= 1 || math.Abs(g.height-o.height) >= 1 ||
		math.Abs(g.sidebar-o.sidebar) > 1e-3 || math.Abs(g.viewer-o.viewer) > 1e-3
}

// geometryKeeper remembers the window's geometry in the preferences. It
// writes only what the person really changed, so an untouched window costs
// no write of Fyne's preferences file, and it writes soon after a drag or
// resize ends rather than only on close: SIGTERM and a terminal's Ctrl+C
// end the app without closing the window (File > Quit closes it).
type geometryKeeper struct {
	prefs   app.Preferences
	current func() geometry
	do      func(func()) // runs on the UI goroutine
	delay   time.Duration

	stored  geometry // what the preferences hold (or what was applied, when they held nothing)
	timer   *time.Timer
	changes int // bumps on every change, so only the last timer writes
}

func newGeometryKeeper(prefs app.Preferences, current func() geometry, do func(func())) *geometryKeeper {
	return &geometryKeeper{prefs: prefs, current: current, do: do, delay: geometrySaveDelay}
}

// load reads the saved geometry, with defaults for what is missing or out
// of range, and takes it as what is stored: applying it is no change.
func (k *geometryKeeper) load() geometry {
	g := geometry{
		width:   k.prefs.Float(app.PrefWindowWidth),
		height:  k.prefs.Float(app.PrefWindowHeight),
		sidebar: fractionOr(k.prefs.Float(app.PrefSplitSidebar), defaultSplitSidebar),
		viewer:  fractionOr(k.prefs.Float(app.PrefSplitViewer), defaultSplitViewer),
	}
	if g.width < 400 || g.height < 300 {
		g.width, g.height = defaultWidth, defaultHeight
	}
	k.stored = g
	return g
}

// changed notes that the window or a divider moved; the geometry is
// written once things have been still for the delay.
func (k *geometryKeeper) changed() {
	k.changes++
	changes := k.changes
	if k.timer != nil {
		k.timer.Stop()
	}
	k.timer = time.AfterFunc(k.delay, func() {
		k.do(func() {
			if changes == k.changes {
				k.save()
			}
		})
	})
}

// closed writes a change still waiting for its delay, and stops waiting.
func (k *geometryKeeper) closed() {
	if k.timer != nil {
		k.timer.Stop()
	}
	k.changes++
	k.save()
}

// save writes the values that differ from the stored ones, nothing when
// the geometry is as it was.
func (k *geometryKeeper) save() {
	g := k.current()
	if !g.differs(k.stored) {
		return
	}
	for _, v := range []struct {
		key      string
		now, was float64
	}{
		{app.PrefWindowWidth, g.width, k.stored.width},
		{app.PrefWindowHeight, g.height, k.stored.height},
		{app.PrefSplitSidebar, g.sidebar, k.stored.sidebar},
		{app.PrefSplitViewer, g.viewer, k.stored.viewer},
	} {
		if v.now != v.was {
			k.prefs.SetFloat(v.key, v.now)
		}
	}
	k.stored = g
}

// fractionOr keeps a divider position inside the window.
func fractionOr(f, def float64) float64 {
	if f <= 0.05 || f >= 0.95 {
		return def
	}
	return f
}
