package session

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/graphapi"
)

// ErrNotConnected means an account operation was asked for while no
// environment is open (connecting, or the connection failed).
var ErrNotConnected = errors.New("not connected yet: wait for the connection, or check Settings")

// Config is what a Controller needs from its caller.
type Config struct {
	// Prefs are the Settings the environment is opened with, read at
	// every Connect.
	Prefs app.Preferences
	// Open opens an environment; the composition root provides it.
	Open Opener
	// OnChange hears every state, from any goroutine; a window hops it
	// onto its UI thread and drops states older (by Seq) than the last.
	OnChange func(State)
	// OnAccounts, if set, hears from any goroutine that the unfinished
	// sign-outs (Unforgotten) changed with no new state: a sign-out a
	// reconnect handed over was finished in the background. The window
	// reads its Account menu again.
	OnAccounts func()
	// OpenBrowser shows a sign-in page in the system browser; an Env's own
	// SignInPage (the sandbox's) takes precedence.
	OpenBrowser func(url string) error
	// SecretStore is where a cloud's client secret is kept; nil means the
	// OS keyring (auth.KeyringSecretStore).
	SecretStore func(auth.Cloud) auth.CacheStore
	// TokenStore keeps MSAL's token cache for a cloud; nil means the OS
	// keyring.
	TokenStore func(auth.Cloud) auth.CacheStore
	// ClientOptions are added to every Graph client, e.g. a retry policy
	// that reports throttling waits.
	ClientOptions []graphapi.Option
	// Logger receives warnings; nil discards them.
	Logger *slog.Logger
	// PhotoCache keeps photos on disk between runs, per cloud and tenant;
	// signing out drops the tenant's entries. Nil keeps them in memory only.
	PhotoCache *diskcache.Cache
}

// Controller owns the connection: one environment at a time, and for the
// signed-in account one Conn at a time. Its methods may be called from any
// goroutine; those that take a context block (sign-in, account changes)
// and are meant to run off the UI thread.
type Controller struct {
	cfg Config

	root    context.Context // ends with Close
	closeFn context.CancelFunc

	mu      sync.Mutex
	seq     uint64
	env     *Env // nil while connecting or failed
	opening int  // bumps on every Connect; an Open answering for an older one is closed
	// stopOpen ends the context of the latest Connect's Open (and of the
	// environment it opened, Env.ctx): the next Connect ends it with
	// ErrReconnected, so an attempt overtaken — a tenant's discovery
	// hanging, a keyring read — stops rather than runs on for an answer
	// nobody takes, and so does what runs on the environment it closes.
	stopOpen  context.CancelCauseFunc
	conn      *Conn
	memSecret *memorySecret
	closed    bool
	// signOuts are the unfinished sign-outs of the environments Settings
	// closed, for the next one on their keyring entry to take over: the
	// Account menu's "Finish signing out" lasts as long as the process.
	signOuts []auth.UnfinishedSignOut
	// kept are what those environments kept from a late keyring write
	// of the ones closed before them and had not settled yet, for the
	// next one on their keyring entry to keep on (auth's KeepAccounts).
	kept []auth.KeptAccounts
	// handedOver closes once the latest Connect has put the closed
	// environment's unfinished sign-outs in signOuts; the next Connect
	// waits for it before taking them (see Connect).
	handedOver chan struct{}
	// busy close, one for each environment closed, once nothing runs on
	// it any more; those still open are what the sign-outs handed over
	// wait for before they are finished (see finishSignOuts).
	busy []<-chan struct{}
}

// New makes a Controller; nothing opens before Connect.
func New(cfg Config) *Controller {
	if cfg.SecretStore == nil {
		cfg.SecretStore = func(c auth.Cloud) auth.CacheStore { return auth.KeyringSecretStore(c) }
	}
	c := &Controller{cfg: cfg}
	c.root, c.closeFn = context.WithCancel(context.Background())
	return c
}

// Connect closes the environment open now, if any (ending its Conn), and
// opens the one the preferences describe in the background: Connecting
// now, then Ready, SignedOut or Failed. It waits for nothing running on
// the closed one — a keyring call there may be an unlock prompt left
// open: a sign-in there is stopped (ErrSignInStopped) and its outcome
// never applied to the new one; a sign-out still running is handed over
// with the unfinished ones (the account is signed out of the new one at
// once, and its keyring write is finished once the closed one's calls
// have ended). The closed one makes no keyring call after the one it may
// be waiting on; that one cannot be called back, and a write of its,
// prepared before — a token refresh's write-back too — may land on what
// the new one wrote since: the new one puts right what a person signed in
// or out on it meanwhile, or on a closed one that had not yet, once the
// closed ones' calls have ended, before it finishes the sign-outs.
func (c *Controller) Connect() {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	c.endConnLocked(ErrReconnected)
	old := c.env
	c.env = nil
	var unfinished []auth.UnfinishedSignOut
	var kept []auth.KeptAccounts
	if old != nil {
		// Now, as its context ends: a sign-out running on it is cut off at
		// its next keyring call, and leaves no note of itself there.
		unfinished, kept = old.Session.UnfinishedSignOuts(), old.Session.KeptAccounts()
	}
	earlier, handedOver := c.handedOver, make(chan struct{})
	c.handedOver = handedOver
	c.opening++
	opening := c.opening
	opts := c.optionsLocked()
	if old != nil {
		// Before its context ends: what runs on it is answered then.
		old.heldBack = !takesOver(opts, old.opened)
	}
	if c.stopOpen != nil {
		c.stopOpen(ErrReconnected)
	}
	openCtx, stopOpen := context.WithCancelCause(c.root)
	c.stopOpen = stopOpen
	st := c.setLocked(State{Phase: Connecting, Where: where(opts.Cloud)})
	c.mu.Unlock()
	c.emit(st)

	go func() {
		h := c.handOver(old, unfinished, kept, earlier, handedOver)
		if old != nil {
			c.closeEnv(old)
		}
		env, err := c.cfg.Open(openCtx, opts)
		var others []auth.UnfinishedSignOut
		var otherKept []auth.KeptAccounts
		if err == nil {
			env.ctx, env.opened = openCtx, opts
			c.forgetEarlierSandboxRuns(env) // every Open of the sandbox starts a new one
			// Before the account is entered: one signed out, read back
			// from the keyring, is not signed in by the reconnect, nor
			// one a closed connection signed out while it kept it from a
			// late write. No keyring write: finishSignOuts writes, later.
			others = env.Session.DeferSignOuts(openCtx, h.signOuts)
			otherKept = env.Session.KeepAccounts(openCtx, h.kept)
		}
		c.mu.Lock()
		if opening != c.opening || c.closed {
			c.mu.Unlock()
			if env != nil {
				c.closeEnv(env)
			}
			return
		}
		var st State
		if err != nil {
			st = c.setLocked(State{Phase: Failed, Where: where(opts.Cloud), Err: err, Reason: Explain(err)})
		} else {
			c.env, c.signOuts, c.kept = env, others, otherKept // unchanged since: a later Connect would have overtaken this one
			st = c.enterLocked()
			env.changes.Add(1)
		}
		c.mu.Unlock()
		c.emit(st)
		if err == nil {
			go c.finishSignOuts(env, h.busy)
		}
	}()
}

// Close ends everything: the Conn's jobs are cancelled and the environment
// closed. Nothing is reported afterwards.
func (c *Controller) Close() {
	c.mu.Lock()
	c.closed = true
	c.endConnLocked(ErrClosed)
	env := c.env
	c.env = nil
	if c.stopOpen != nil {
		c.stopOpen(ErrClosed)
	}
	c.mu.Unlock()
	c.closeFn()
	if env != nil {
		c.closeEnv(env)
	}
}

// options are the Options for the current preferences.
func (c *Controller) optionsLocked() Options {
	o := FromPrefs(c.cfg.Prefs)
	o.ClientOptions = c.cfg.ClientOptions
	o.Logger = c.cfg.Logger
	if c.cfg.TokenStore != nil {
		o.Store = c.cfg.TokenStore(o.Cloud)
	}
	if o.App != nil && o.App.Secret != nil {
		o.App.Secret = c.cfg.SecretStore(o.Cloud)
		if m := c.memSecret; m != nil && m.cloud == o.Cloud {
			o.App.Secret = m.store
		}
	}
	return o
}

// enterLocked reports the open environment's account: a new Conn when
// someone is signed in, SignedOut otherwise. Any Conn live now must have
// been ended by the caller.
func (c *Controller) enterLocked() State {
	env := c.env
	if !env.signedIn() {
		return c.setLocked(State{Phase: SignedOut, Where: whereEnv(env), Status: statusOf(env)})
	}
	ctx, end := context.WithCancelCause(c.root)
	acct, _ := env.Session.Current()
	conn := &Conn{
		Account: acct, Status: statusOf(env),
		ctx: ctx, end: end, session: env.Session, demo: env.Demo, demoRun: env.DemoRun,
		granted: map[string]bool{},
	}
	conn.Engine = env.NewEngine(pinnedTokens{conn: conn, id: acct.ID})
	c.usePhotoCache(env, conn)
	c.conn = conn
	return c.setLocked(State{Phase: Ready, Where: whereEnv(env), Status: conn.Status, Conn: conn})
}

// endConnLocked ends the live Conn, if any, with why.
func (c *Controller) endConnLocked(why error) {
	if c.conn != nil {
		c.conn.end(why)
		if c.conn.Engine != nil {
			c.conn.Engine.Retire() // before a sign-out drops the tenant's photos
		}
		c.conn = nil
	}
}

func (c *Controller) setLocked(st State) State {
	c.seq++
	st.Seq = c.seq
	return st
}

func (c *Controller) emit(st State) {
	if c.cfg.OnChange != nil {
		c.cfg.OnChange(st)
	}
}

// closeEnv closes env, logging (not reporting) a failure: nobody waits on it.
func (c *Controller) closeEnv(env *Env) {
	if err := env.close(); err != nil {
		c.warn("close the connection", err)
	}
}

// warn logs err, through app.Sanitize (it may carry a server's words), when
// there is a logger.
func (c *Controller) warn(msg string, err error) {
	if c.cfg.Logger != nil {
		c.cfg.Logger.Warn(msg, "err", app.Sanitize(err.Error()))
	}
}

// openEnv is the environment open now, or ErrNotConnected.
func (c *Controller) openEnv() (*Env, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.env == nil {
		return nil, ErrNotConnected
	}
	return c.env, nil
}

// where names the cloud for "Connecting to …".
func where(cloud auth.Cloud) string {
	if cloud.Kind == auth.Microsoft365 {
		return cloud.TenantID
	}
	return "the sandbox tenant"
}

func whereEnv(env *Env) string {
	if env.Demo {
		return "the sandbox tenant"
	}
	return env.Cloud.TenantID
}

// statusOf is the status bar's line for env's current account.
func statusOf(env *Env) Status {
	st := Status{Tenant: env.TenantName, APIVersion: env.Cloud.APIVersion, Demo: env.Demo}
	if st.Tenant == "" {
		st.Tenant = env.Cloud.TenantID
	}
	if acct, ok := env.Session.Current(); ok {
		st.Account = acct.Username
	}
	st.Tokens = env.Session.Persistence()
	st.Notice = KeyringNotice(st.Tokens, env.Demo)
	if env.Session.IsApp() {
		st.Account = AppAccount
		st.Notice = joinNotices(st.Notice, AppLimits)
	}
	for _, n := range env.opened.NotUnderstood {
		st.Notice = joinNotices(st.Notice, sentence(n))
	}
	return st
}

// sentence makes a note (lowercase, no full stop, as the command line
// prints it) a sentence of the status bar's notice.
func sentence(note string) string {
	if note == "" {
		return ""
	}
	return strings.ToUpper(note[:1]) + note[1:] + "."
}

// joinNotices puts two status bar notices in one line.
func joinNotices(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}
