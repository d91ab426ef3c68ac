package views

import (
	"context"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/startup"
	"github.com/photodesk/photodesk/graphapi"
)

// shell is the one window around a connection: it opens the engine that
// Settings describe, shows "Connecting…", the sign-in panel or the main
// window, and opens everything afresh when the account or the connection
// settings change, without restarting the app.
type shell struct {
	a     fyne.App
	w     fyne.Window
	prefs app.Preferences
	cfg   shellConfig

	ctx    context.Context // ends when the window closes
	cancel context.CancelFunc

	throttle  *Throttle
	env       *startup.Env // nil while connecting and after a failure
	gen       int          // bumps on every connect; an Open answering for an older one is closed
	main      *mainWindow  // the main window's content; nil unless signed in
	retire    func()       // drops the late answers of what was shown last
	ensured   map[string]bool
	memSecret *memorySecret // a client secret the keyring refused, kept for this run

	// Shown last, for tests.
	connecting *widget.Label
	failure    *widget.Label
	panel      *signInPanel
	device     *deviceCodeDialog
	status     *statusBar // the sign-in panel's status bar
	settings   *settingsForm
}

// shellConfig is what tests replace: the UI hop, how the engine is opened,
// the browser and the keyring.
type shellConfig struct {
	do     func(func())                                                 // fyne.Do
	open   func(context.Context, startup.Options) (*startup.Env, error) // startup.Open
	adjust func(*startup.Options)                                       // tests: memory token stores
	// openURL shows a sign-in page; nil means the system browser (for the
	// sandbox, an in-process one: no browser trusts the sandbox's CA).
	openURL     func(ctx context.Context, env *startup.Env, url string) error
	secretStore func(auth.Cloud) auth.CacheStore // auth.KeyringSecretStore
	logger      *slog.Logger
}

func newShell(a fyne.App, cfg shellConfig) *shell {
	if cfg.do == nil {
		cfg.do = fyne.Do
	}
	if cfg.open == nil {
		cfg.open = startup.Open
	}
	if cfg.secretStore == nil {
		cfg.secretStore = func(c auth.Cloud) auth.CacheStore { return auth.KeyringSecretStore(c) }
	}
	sh := &shell{a: a, w: a.NewWindow("Photo Desk"), prefs: a.Preferences(), cfg: cfg, throttle: NewThrottle()}
	sh.ctx, sh.cancel = context.WithCancel(context.Background())
	w, h := float32(sh.prefs.Float(app.PrefWindowWidth)), float32(sh.prefs.Float(app.PrefWindowHeight))
	if w < 400 || h < 300 {
		w, h = defaultWidth, defaultHeight
	}
	sh.w.Resize(fyne.NewSize(w, h))
	return sh
}

// options are the startup options for the current preferences.
func (sh *shell) options() startup.Options {
	o := startup.FromPrefs(sh.prefs)
	o.ClientOptions = []graphapi.Option{graphapi.WithRetry(graphapi.RetryPolicy{Sleep: sh.throttle.Sleep})}
	o.Logger = sh.cfg.logger
	if o.App != nil && o.App.Secret != nil && sh.memSecret != nil && sh.memSecret.cloud == o.Cloud {
		o.App.Secret = sh.memSecret.store
	}
	if sh.cfg.adjust != nil {
		sh.cfg.adjust(&o)
	}
	return o
}

// epoch retires what was shown so far (its background answers are dropped
// from now on) and returns the UI hop for what is shown next.
func (sh *shell) epoch() func(func()) {
	if sh.retire != nil {
		sh.retire()
	}
	retired := false // read and written on the UI goroutine only
	sh.retire = func() { retired = true }
	return func(f func()) {
		sh.cfg.do(func() {
			if !retired {
				f()
			}
		})
	}
}

// connect closes the current connection, if any, and opens the one the
// preferences describe, showing "Connecting…" meanwhile.
func (sh *shell) connect() {
	sh.epoch()
	sh.leaveMain()
	old := sh.env
	sh.env = nil
	sh.ensured = map[string]bool{}
	sh.gen++
	gen := sh.gen
	opts := sh.options()
	sh.showConnecting(opts.Cloud)
	go func() {
		if old != nil {
			closeEnv(old)
		}
		env, err := sh.cfg.open(sh.ctx, opts)
		sh.cfg.do(func() {
			if gen != sh.gen || sh.ctx.Err() != nil {
				if env != nil {
					go closeEnv(env)
				}
				return
			}
			sh.opened(env, err)
		})
	}()
}

// opened shows the outcome of connect.
func (sh *shell) opened(env *startup.Env, err error) {
	if err != nil {
		sh.showFailure(err)
		return
	}
	sh.env = env
	if env.SignedIn() {
		sh.showMain()
		return
	}
	sh.showSignIn()
}

// accountChanged shows the account now current (after a sign-in, switch
// or sign-out) with an engine of its own: nothing the previous account
// fetched or cached can appear.
func (sh *shell) accountChanged() {
	sh.ensured = map[string]bool{}
	if !sh.env.SignedIn() {
		sh.showSignIn()
		return
	}
	sh.env.RenewEngine()
	sh.showMain()
}

// showMain shows the main window for the signed-in account.
func (sh *shell) showMain() {
	do := sh.epoch()
	sh.leaveMain()
	m := newMainWindowIn(sh.a, sh.w, sh.env.Engine, statusFor(sh.env, sh.throttle), do)
	m.shell = sh
	sh.main = m
	sh.panel, sh.status = nil, nil
	sh.w.SetOnClosed(sh.onClosed)
	sh.gateKinds(m)
	if sh.env.Session.IsApp() {
		applyAppLimits(m)
	}
	sh.setMenu()
}

// leaveMain stops the main window shown so far and remembers its geometry.
func (sh *shell) leaveMain() {
	if sh.main == nil {
		return
	}
	sh.main.saveGeometry()
	sh.main.photos.Stop()
	sh.main = nil
}

// showConnecting is the window while the engine opens.
func (sh *shell) showConnecting(cloud auth.Cloud) {
	where := "the sandbox tenant"
	if cloud.Kind == auth.Microsoft365 {
		where = cloud.TenantID
	}
	sh.connecting = widget.NewLabel("Connecting to " + where + "…")
	sh.connecting.Alignment = fyne.TextAlignCenter
	sh.setContent(container.NewCenter(sh.connecting))
	sh.setMenu()
}

// showFailure says why the connection could not open, with the way to
// Settings and another try, rather than exiting.
func (sh *shell) showFailure(err error) {
	sh.failure = widget.NewLabel("Photo Desk could not connect. " + signInFriendly(err))
	sh.failure.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox(
		widget.NewButton("Settings…", sh.onSettings),
		widget.NewButton("Try again", sh.connect),
	)
	sh.setContent(container.NewVBox(sh.failure, container.NewCenter(buttons)))
	sh.setMenu()
}

// setContent shows o in the window, in place of the main window.
func (sh *shell) setContent(o fyne.CanvasObject) {
	sh.w.SetContent(container.NewPadded(o))
}

// onClosed remembers the main window's geometry when the window closes.
func (sh *shell) onClosed() {
	if sh.main != nil {
		sh.main.saveGeometry()
	}
}

// close ends the connection: background work is cancelled, the sandbox
// stopped. Run calls it once the window has closed.
func (sh *shell) close() {
	sh.cancel()
	if sh.retire != nil {
		sh.retire()
	}
	if sh.env != nil {
		closeEnv(sh.env)
		sh.env = nil
	}
}

// closeEnv closes env, logging (not showing) a failure: nobody waits on it.
func closeEnv(env *startup.Env) {
	if err := env.Close(); err != nil {
		fyne.LogError("close the connection", err)
	}
}
