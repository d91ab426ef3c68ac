package session

import (
	"context"
	"errors"
	"fmt"

	"github.com/photodesk/photodesk/app/auth"
)

// ErrSignInStopped: Settings re-opened the connection while a person was
// signing in (the browser's page or a device code still waiting for
// them): the sign-in was for the connection that closed, so it stopped,
// and its outcome is not applied to the new one. Tokens it wrote to the
// keyring before, or by a keyring call under way then, are the keyring's
// as any saved sign-in's (see SignInStopped). Not context.Canceled: the
// person did not cancel, and is told so.
var ErrSignInStopped = errors.New("sign-in stopped: the connection settings changed")

// SignInBrowser signs a person in in the browser (the system browser, or
// the environment's own sign-in page player); hint pre-fills the username.
// The account becomes current: a new Conn is reported, unless it was the
// current account already (a re-sign-in to consent keeps its Conn).
// Settings re-opening the connection meanwhile stop it: ErrSignInStopped.
func (c *Controller) SignInBrowser(ctx context.Context, hint string, extra ...auth.SignInOption) (auth.Account, error) {
	opts := extra
	if hint != "" {
		opts = append(opts, auth.WithLoginHint(hint))
	}
	acct, err := c.signIn(ctx, func(ctx context.Context, env *Env) (auth.Account, error) {
		open := func(u string) error { return c.openSignInPage(ctx, env, u) }
		return env.Session.SignInInteractive(ctx, open, opts...)
	})
	if err != nil && hint != "" {
		err = &usernameError{username: hint, err: err}
	}
	return acct, err
}

// usernameError is a sign-in's failure with the username it was for, so
// Explain can name it: Entra ID's refusal of an unknown user hides it
// ("The user account {EmailHidden} does not exist"), and a person who
// typed a name cannot tell which spelling was refused.
type usernameError struct {
	username string
	err      error
}

func (e *usernameError) Error() string { return "sign in as " + e.username + ": " + e.err.Error() }

func (e *usernameError) Unwrap() error { return e.err }

// SignInDeviceCode signs a person in with a code entered on any device:
// show gets the code and the page as soon as Entra ID issues them, then it
// waits (until ctx ends) for the person to finish. As SignInBrowser after.
// On the sandbox, which enters the code itself, username (when given) is
// the account it enters it for, as its browser sign-in takes the login
// hint: it used to sign the demo account in whatever name was typed. A
// name the sandbox does not have fails as Entra ID's unknown user does.
// On Microsoft 365 the name is Entra ID's to ask for, not the device
// code's: whoever enters the code signs in.
func (c *Controller) SignInDeviceCode(ctx context.Context, username string, show func(code, url string)) (auth.Account, error) {
	acct, err := c.signIn(ctx, func(ctx context.Context, env *Env) (auth.Account, error) {
		ctx, stop := context.WithCancelCause(ctx)
		defer stop(nil)
		acct, err := env.Session.SignInDeviceCode(ctx, func(code, url, _ string) {
			show(code, url)
			if username == "" || env.EnterDeviceCode == nil {
				return
			}
			if err := env.EnterDeviceCode(code, username); err != nil {
				stop(errUnknownSandboxUser) // else it would sign the demo account in
			}
		})
		if cause := context.Cause(ctx); err != nil && errors.Is(cause, errUnknownSandboxUser) {
			return acct, cause
		}
		return acct, err
	})
	if errors.Is(err, errUnknownSandboxUser) {
		err = &usernameError{username: username, err: err}
	}
	return acct, err
}

// errUnknownSandboxUser is a device code sign-in for a username the
// sandbox has not, in Entra ID's words for an unknown user, so it is
// explained as one (AADSTS50034).
var errUnknownSandboxUser = errors.New("AADSTS50034: The user account does not exist in the sandbox tenant's directory")

// signIn runs a person's sign-in on the open environment and reports the
// account it signed in. Should Settings re-open the connection first, it
// answers ErrSignInStopped at once, without waiting for the sign-in (its
// tokens may be waiting on the keyring's unlock prompt): the sign-in's
// context ends, so it stops, and the closed environment makes no keyring
// call after the one it may be waiting on. That one cannot be called
// back: its tokens may still land once the keyring answers, and the new
// environment then lists the account, as it does one whose tokens
// reached the keyring before it read it. What the new environment wrote
// meanwhile is not lost to that write (auth's FinishSignOuts).
func (c *Controller) signIn(ctx context.Context, run func(context.Context, *Env) (auth.Account, error)) (auth.Account, error) {
	c.mu.Lock()
	env := c.env
	if env != nil {
		env.changes.Add(1) // the next environment's writes wait for it
	}
	c.mu.Unlock()
	if env == nil {
		return auth.Account{}, ErrNotConnected
	}
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(ErrSignInStopped) // before a stopped sign-in is answered: it starts no keyring call after
	unhook := context.AfterFunc(env.ctx, func() { stop(context.Cause(env.ctx)) })
	defer unhook()
	type outcome struct {
		acct auth.Account
		err  error
	}
	ended := make(chan outcome, 1)
	go func() {
		defer env.changes.Done()
		acct, err := run(ctx, env)
		ended <- outcome{acct, err}
	}()
	select {
	case o := <-ended:
		switch {
		case env.ctx.Err() != nil:
			return auth.Account{}, stopped(env)
		case o.err != nil:
			return o.acct, o.err
		case !c.signedIn(env, o.acct):
			return auth.Account{}, stopped(env)
		}
		return o.acct, nil
	case <-env.ctx.Done():
		return auth.Account{}, stopped(env)
	}
}

// stopped is why a sign-in on env, closed, ended: ErrSignInStopped when
// Settings re-opened the connection, the app's closing otherwise.
func stopped(env *Env) error {
	if errors.Is(context.Cause(env.ctx), ErrReconnected) {
		return ErrSignInStopped
	}
	return fmt.Errorf("%w: %w", context.Canceled, ErrClosed)
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
// live already, and whether env is still the open environment.
func (c *Controller) signedIn(env *Env, acct auth.Account) bool {
	c.mu.Lock()
	if env != c.env {
		c.mu.Unlock()
		return false
	}
	if c.conn != nil && c.conn.Account.ID == acct.ID {
		c.mu.Unlock()
		return true
	}
	c.endConnLocked(ErrAccountSwitched)
	st := c.enterLocked()
	c.mu.Unlock()
	c.emit(st)
	return true
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
