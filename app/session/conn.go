package session

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
)

// Why a Conn ended: its context's cause, so a job that stopped can say why
// ("you chose another account") instead of "cancelled". A switch ends the
// Conn as it begins, before it is known to work (the account chosen may
// have been signed out elsewhere, and the same account goes on), so
// ErrAccountSwitched says what the person did, not that the switch
// happened.
var (
	ErrAccountSwitched = errors.New("you chose another account")
	ErrSignedOut       = errors.New("the account was signed out")
	ErrReconnected     = errors.New("the connection settings changed")
	ErrClosed          = errors.New("the app is closing")
)

// Conn is one account generation: the signed-in account (or the
// application) and everything done on its behalf. Jobs derive their
// contexts from Context; its Engine's requests carry tokens of this
// account only, and stop being sent once the Conn has ended.
type Conn struct {
	// Engine is the account's engine, with caches of its own.
	Engine *app.Engine
	// Account is who is signed in; zero for an application session.
	Account auth.Account
	// Status is the status bar's line for this account.
	Status Status

	ctx     context.Context
	end     context.CancelCauseFunc
	session *auth.Session
	demo    bool
	demoRun string

	mu      sync.Mutex
	granted map[string]bool // permissions known to be consented for this account
	// photoProbed: the tenant has answered whether ProfilePhoto.Read.All
	// may be had (granted[PermPhotos] says which way).
	photoProbed bool
}

// Context ends when the account stops being current, Settings re-open the
// connection, or Photo Desk quits; context.Cause says which.
func (c *Conn) Context() context.Context { return c.ctx }

// Ended is why the Conn ended (ErrAccountSwitched, ErrSignedOut,
// ErrReconnected, ErrClosed), nil while it is live.
func (c *Conn) Ended() error {
	if c.ctx.Err() == nil {
		return nil
	}
	return context.Cause(c.ctx)
}

// IsApp reports whether Photo Desk signs in as an application here.
func (c *Conn) IsApp() bool { return c.session.IsApp() }

// IsDemo reports whether this is the built-in sandbox tenant.
func (c *Conn) IsDemo() bool { return c.demo }

// DemoRun names the sandbox tenant this is (Env.DemoRun): what is kept of
// its changes is kept under it, as the next sandbox starts without them.
// "" when not IsDemo.
func (c *Conn) DemoRun() string { return c.demoRun }

// Granted reports whether perm is known to be consented for this account.
func (c *Conn) Granted(perm string) bool {
	if c.IsApp() {
		return true // an application's permissions are fixed
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.granted[perm]
}

// EnsureScope gets a token with perm without the person if it can
// (incremental consent: a first sign-in asks for little). An error
// wrapping auth.ErrSignInRequired means the person must consent: see
// Controller.Consent.
func (c *Conn) EnsureScope(ctx context.Context, perm string) error {
	if c.Granted(perm) {
		return nil
	}
	if err := c.Ended(); err != nil {
		return err
	}
	if err := c.session.EnsureScopesFor(ctx, c.Account.ID, perm); err != nil {
		return err
	}
	c.grant(perm)
	return nil
}

func (c *Conn) grant(perm string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.granted[perm] = true
}

// pinnedTokens is a Conn's token source: the Conn's account's tokens,
// whoever is current, and none at all once the Conn has ended.
type pinnedTokens struct {
	conn *Conn
	id   string
}

// Token implements graphapi.TokenSource.
func (p pinnedTokens) Token(ctx context.Context) (string, error) {
	if err := p.conn.Ended(); err != nil {
		return "", fmt.Errorf("%w: %w", context.Canceled, err)
	}
	return p.conn.session.TokenFor(ctx, p.id)
}
