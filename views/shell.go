package views

import (
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/internal/dragout"
)

// shell is the one window around the connection: it renders the session
// controller's states — "Connecting…", a failure with the way to Settings,
// the sign-in panel, or the main window of the signed-in account — and
// forwards what the person asks for (sign in, switch, sign out, Settings)
// to the controller. It holds no connection logic of its own.
type shell struct {
	a     fyne.App
	w     fyne.Window
	prefs app.Preferences
	ctrl  *session.Controller
	do    func(func()) // fyne.Do; tests pass a queue

	throttle  *Throttle
	textClip  fyne.Clipboard   // where device codes and links are copied
	imageClip imageClipboard   // one for the process: it initialises the system clipboard once
	drags     *app.DragFiles   // where photos dragged out are written; nil: no drags
	backups   string           // the backups folder and change log of photo changes
	photos    *diskcache.Cache // photos kept between runs; nil: memory only
	photosErr error            // why photos is nil, when the cache could not be opened
	dragSrc   func() (dragout.Source, error)
	heardSeq  atomic.Uint64 // the newest state heard: one overtaken before its turn is not rendered
	state     session.State // the state shown; older ones are dropped
	pane      any           // what the window shows for it: *connectingPane, *failurePane, *signInPanel or *mainWindow
	main      *mainWindow   // the main window's content; nil unless Ready
	// shownWork is the background work of every main window shown, for
	// quitWork on the way out: one let go may still be winding down.
	shownWork []*background
	// answering, when set, hears that the way out has begun to wait for
	// the answers of the stopped jobs' requests (quitWork): a test holding
	// one releases it then.
	answering func()
	// keep is what the main window showed before Settings changed only the
	// Graph version, or an account switch began, for that account's
	// window opened next (keepview.go); only Connecting keeps it on the
	// way there, any other pane forgets it.
	keep *shownView
	// requestClose is what the window's close button does, asking first
	// when work runs (ownWindow, mayClose); File > Quit calls it too.
	requestClose func()
	// fitted is set once the window, sized in newShell before it existed,
	// has been fitted to its screen (see fitScreen).
	fitted bool
}

// newShell makes the shell and its window; the caller wires the
// controller's OnChange to onState and connects.
func newShell(a fyne.App, do func(func()), throttle *Throttle) *shell {
	sh := newWindowlessShell(a, do, throttle)
	sh.makeWindow()
	return sh
}

// newWindowlessShell is a shell whose window is made later (makeWindow):
// it can hear the controller, whose states wait in do until the window is
// shown, so the connection need not wait for the window to be made.
func newWindowlessShell(a fyne.App, do func(func()), throttle *Throttle) *shell {
	return &shell{a: a, prefs: a.Preferences(), do: do, throttle: throttle, textClip: a.Clipboard(), imageClip: &systemClipboard{}}
}

// makeWindow makes the shell's window at the size it had last time. Call
// it on the main goroutine before anything is rendered.
func (sh *shell) makeWindow() {
	sh.w = sh.a.NewWindow("Photo Desk")
	w, h := float32(sh.prefs.Float(app.PrefWindowWidth)), float32(sh.prefs.Float(app.PrefWindowHeight))
	if w < 400 || h < 300 {
		w, h = defaultWidth, defaultHeight
	}
	sh.w.Resize(fyne.NewSize(w, h))
	sh.requestClose = ownWindow(sh.w, sh.mayClose, sh.leaveMain)
	// Ctrl+Q is the close request, under a dialog too: a modal dialog
	// covers the menu bar, so mid-import File > Quit could not be reached,
	// and without a window manager nothing else quit politely. Bound on
	// the canvas as well as the menu (quitItem) for a window with no menu
	// yet; it is not held back under dialogs, as the other shortcuts are.
	sh.w.Canvas().AddShortcut(shortcutQuit, func(fyne.Shortcut) { sh.requestClose() })
	sh.a.Lifecycle().SetOnEnteredForeground(func() { sh.do(sh.rereadAccounts) })
}

// onState hears the controller, from any goroutine, and renders on the UI
// goroutine; a state overtaken by a newer one is dropped.
func (sh *shell) onState(st session.State) {
	if st.Phase == session.Ready && st.Conn != nil && st.Conn.Engine != nil {
		sh.warmUp(st.Conn)
	}
	sh.noteHeard(st.Seq)
	sh.do(func() {
		// A state heard after this one replaces it: building this one's
		// pane (at start, "Connecting…" when Ready is already waiting)
		// would only delay the newer.
		if st.Seq <= sh.state.Seq || st.Seq < sh.heardSeq.Load() {
			return
		}
		sh.render(st)
	})
}

// noteHeard records seq as the newest state heard, unless a newer one was.
func (sh *shell) noteHeard(seq uint64) {
	for {
		heard := sh.heardSeq.Load()
		if seq <= heard || sh.heardSeq.CompareAndSwap(heard, seq) {
			return
		}
	}
}

// render shows st.
func (sh *shell) render(st session.State) {
	sh.state = st
	if !sh.fitted {
		sh.fitted = true
		size := sh.w.Canvas().Size()
		if fit := fitScreen(sh.w, size, platformScreenRoom); fit != size {
			sh.w.Resize(fit)
		}
	}
	sh.leaveMain()
	switch st.Phase {
	case session.Connecting:
		p := newConnectingPane(st.Where)
		sh.show(p, p.content)
	case session.Failed:
		sh.keep = nil // the window opened next may be another account's, or much later
		p := newFailurePane(st.Reason, sh.onSettings, sh.ctrl.Connect)
		sh.show(p, p.content)
	case session.SignedOut:
		sh.keep = nil // as Failed: a sign-in later starts afresh
		sh.showSignIn(st)
	case session.Ready:
		sh.showMain(st.Conn)
	}
	sh.setMenu()
}

// show puts a pane other than the main window in the window.
func (sh *shell) show(pane any, content fyne.CanvasObject) {
	sh.pane = pane
	sh.w.SetContent(container.NewPadded(content))
}

// showMain shows the main window of conn's account.
func (sh *shell) showMain(conn *session.Conn) {
	m := newMainWindowIn(sh.a, sh.w, mainConfig{
		eng: conn.Engine, status: conn.Status, ctx: conn.Context(), do: sh.do,
		throttle: sh.throttle, openSettings: sh.onSettings, clip: sh.imageClip,
		drags: sh.drags, dragSource: sh.dragSrc, backups: backupsFor(sh.backups, conn),
	})
	m.askWrite = sh.askWrite(m, conn)
	sh.main, sh.pane = m, m
	sh.keepWork(m.bg)
	sh.gateKinds(m, conn)
	if conn.IsApp() {
		applyAppLimits(m)
	}
	if v := sh.keep; v != nil {
		sh.keep = nil
		if v.account == conn.Status.Account && v.tenant == conn.Status.Tenant && (v.id == "" || v.id == conn.Account.ID) {
			m.restoreView(*v)
		}
	}
}

// leaveMain lets the main window shown so far go (mainWindow.leave): when
// another pane or account replaces it, and when the window closes.
func (sh *shell) leaveMain() {
	if sh.main == nil {
		return
	}
	sh.main.leave()
	sh.main = nil
}

// conn is the live connection shown, nil unless Ready.
func (sh *shell) conn() *session.Conn {
	if sh.state.Phase != session.Ready {
		return nil
	}
	return sh.state.Conn
}

// backupsFor is where conn's changes are backed up: the sandbox's apart
// from a real tenant's, so an undo never mixes the two, and each sandbox
// run's apart from the others' (it starts from its seed, without their
// changes), so an undo never offers a change this sandbox never had.
// Earlier runs' folders are kept, as every backup is.
func backupsFor(dir string, conn *session.Conn) string {
	if dir == "" || !conn.IsDemo() {
		return dir
	}
	return change.SandboxDir(dir, conn.DemoRun())
}

// warmUp has the account's engine fetch what the main window will show
// first — everyone, and the first person's photo at the default size —
// while the window is still being built and painted (app.Engine.WarmUp).
// It runs on the session's goroutine and touches no widget.
func (sh *shell) warmUp(conn *session.Conn) {
	conn.Engine.WarmUp(conn.Context(), app.KindUser, defaultPhotoSize(sh.prefs))
}
