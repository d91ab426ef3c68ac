package session

import (
	"context"
	"errors"

	"github.com/photodesk/photodesk/app/auth"
)

// SignInBrowser signs a person in in the browser (the system browser, or
// the environment's own sign-in page player); hint pre-fills the username.
// The account becomes current: a new Conn is reported, unless it was the
// current account already (a re-sign-in to consent keeps its Conn).
func (c *Controller) SignInBrowser(ctx context.Context, hint string, extra ...auth.SignInOption) (auth.Account, error) {
	env, err := c.openEnv()
	if err != nil {
		return auth.Account{}, err
	}
	opts := extra
	if hint != "" {
		opts = append(opts, auth.WithLoginHint(hint))
	}
	open := func(u string) error { return c.openSignInPage(ctx, env, u) }
	acct, err := env.Session.SignInInteractive(ctx, open, opts...)
	if err != nil {
		return acct, err
	}
	c.signedIn(env, acct)
	return acct, nil
}

// SignInDeviceCode signs a person in with a code entered on any device:
// show gets the code and the page as soon as Entra ID issues them, then it
// waits (until ctx ends) for the person to finish. As SignInBrowser after.
func (c *Controller) SignInDeviceCode(ctx context.Context, show func(code, url string)) (auth.Account, error) {
	env, err := c.openEnv()
	if err != nil {
		return auth.Account{}, err
	}
	acct, err := env.Session.SignInDeviceCode(ctx, func(code, url, _ string) { show(code, url) })
	if err != nil {
		return acct, err
	}
	c.signedIn(env, acct)
	return acct, nil
}

// Consent signs conn's account in again in the browser to grant perm,
// which Conn.EnsureScope found needs the person. It reports whether conn
// now has perm; if the person signed in with another account instead, that
// account becomes current (a new Conn is reported) and conn has not.
func (c *Controller) Consent(ctx context.Context, conn *Conn, perm string) (bool, error) {
	if err := conn.Ended(); err != nil {
		return false, err
	}
	acct, err := c.SignInBrowser(ctx, conn.Account.Username, auth.WithScopes(perm))
	if err != nil {
		return false, err
	}
	if acct.ID != conn.Account.ID {
		return false, nil
	}
	conn.grant(perm)
	return true, nil
}

// signedIn reports the account just signed in to env, unless its Conn is
// live already.
func (c *Controller) signedIn(env *Env, acct auth.Account) {
	c.mu.Lock()
	if env != c.env || (c.conn != nil && c.conn.Account.ID == acct.ID) {
		c.mu.Unlock()
		return
	}
	c.endConnLocked(ErrAccountSwitched)
	st := c.enterLocked()
	c.mu.Unlock()
	c.emit(st)
}

// openSignInPage shows a sign-in page: env's own player (the sandbox), or
// the system browser.
func (c *Controller) openSignInPage(ctx context.Context, env *Env, u string) error {
	signInPageShown(ctx)
	switch {
	case env.SignInPage != nil:
		return env.SignInPage(ctx, u)
	case c.cfg.OpenBrowser != nil:
		return c.cfg.OpenBrowser(u)
	}
	return errors.New("no browser to show the sign-in page in: use a device code")
}
