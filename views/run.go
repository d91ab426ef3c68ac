package views

import (
	"log/slog"
	"net/url"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/internal/starttrace"
	"github.com/photodesk/photodesk/resources"
)

// Run shows the window on the cloud chosen in Settings (the sandbox tenant
// until someone picks Microsoft 365), opened with open, and returns when
// it closes. The window opens at once and renders the session
// controller's states: sign-in, account switches and Settings changes
// happen in it without a restart, and a connection that fails says why,
// with the way to Settings, rather than exiting.
func Run(a fyne.App, open session.Opener) {
	starttrace.Mark("window code started")
	text := startTextWarmUp(fyne.MeasureText, theme.TextSize())
	a.SetIcon(resources.AppIcon)
	throttle := NewThrottle()
	hop := newUIHop()
	hop.hold() // until the window is shown: see uiHop.hold
	sh := newWindowlessShell(a, hop.do, throttle)
	sh.photos, sh.photosErr = openPhotoCache(a.Preferences())
	sh.ctrl = session.New(session.Config{
		Prefs:         a.Preferences(),
		Open:          open,
		OnChange:      sh.onState,
		OnAccounts:    func() { sh.do(sh.rereadAccounts) },
		OpenBrowser:   func(u string) error { return openURL(a, u) },
		ClientOptions: []graphapi.Option{graphapi.WithRetry(graphapi.RetryPolicy{Sleep: throttle.Sleep})},
		Logger:        slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
		PhotoCache:    sh.photos,
	})
	// Connecting (on the sandbox: starting it and signing in) begins before
	// the window is made, which keeps the main thread 25-45 ms (GLFW's
	// start, `make bench` scenario 4); its states wait in hop until the
	// window is shown, and nothing else of the shell is used before then.
	sh.ctrl.Connect()
	sh.makeWindow()
	sh.w.SetIcon(resources.WindowIcon)
	native := &nativeDrags{w: sh.w}
	defer native.close()
	sh.dragSrc = native.get
	sh.backups = change.DefaultDir()
	if drags, err := app.NewDragFiles(app.DefaultDragRoot()); err == nil {
		sh.drags = drags
	} else {
		logError("photos cannot be dragged out of the window", err)
	}
	a.Lifecycle().SetOnStarted(windowShown(text, hop))
	sh.w.ShowAndRun()
	hop.close()
	// The jobs the quit stopped get the answers to what they sent, then the
	// account's work ends (the controller closes) and winds down its own
	// way — an import's journal, an export's lock — before the process goes.
	sh.settleWorkOnQuit()
	if sh.photos != nil {
		sh.photos.Settle() // a photo forgotten after a change must not be found by the next run
	}
}

// windowShown is the app's OnStarted: Fyne calls it on the main goroutine
// once the window has been created and shown, just before its loop runs.
// The held states are rendered in it, after the fonts have loaded — text
// may be measured on this goroutine from then on (see textWarmUp).
func windowShown(text *textWarmUp, hop *uiHop) func() {
	return func() {
		starttrace.Mark("window shown")
		text.wait()
		hop.release()
	}
}

// openURL opens u in the system browser.
func openURL(a fyne.App, u string) error {
	parsed, err := url.Parse(u)
	if err != nil {
		return err
	}
	return a.OpenURL(parsed)
}

// showSettingsDialog edits the preferences in a form over w. saved hears
// what changed once the preferences are written; connection settings take
// effect through it (the controller re-opens the connection).
//
// The form scrolls inside a dialog that fits the window, its buttons below
// it: it is taller than a small window, and Fyne's form dialog neither
// scrolls nor shrinks (Save and Cancel sat on the last settings, and
// some could not be reached at all). Sideways too, for a long path in a
// narrow window: Fyne does not wrap a form's hints.
func showSettingsDialog(f *settingsForm, w fyne.Window, saved func(settingsChange)) {
	form := f.form()
	d := newKeyFormIn("Settings", "Save", "Cancel", form, container.NewScroll(form), func(ok bool) {
		if !ok {
			return
		}
		change := f.save()
		if saved != nil {
			saved(change)
		}
	}, w)
	d.Resize(settingsSize(w.Canvas().Size(), form.MinSize()))
	d.Show()
	focusFirst(w) // Cloud, then Tab down the form
}

// settingsSize is the Settings dialog's size in a window of size win for
// a form of size form: the form's own, as far as the window leaves room
// (the title and buttons take about 130 px; a dialog's sides 32, Fyne's
// padWidth, which the form lost and scrolled sideways for), and at least
// settingsMinWidth, since the form's size leaves its hints out and they
// were cut off at the right.
func settingsSize(win, form fyne.Size) fyne.Size {
	const chrome, sides, margin = 130, 32, 24
	return fyne.NewSize(
		min(max(form.Width+sides+2*theme.Padding(), settingsMinWidth), win.Width-margin),
		min(form.Height+chrome, win.Height-margin),
	)
}

// settingsMinWidth fits the longest of Settings' hints (the tenant's).
const settingsMinWidth = 720

// pickerSize is the size of Fyne's file and folder pickers: room for a
// folder of many pictures (its default is a cramped 500x330 or so), but
// never larger than the window, which may be at its minimum.
func pickerSize(w fyne.Window) fyne.Size {
	const margin = 24
	win := w.Canvas().Size()
	return fyne.NewSize(min(900, win.Width-margin), min(620, win.Height-margin))
}
