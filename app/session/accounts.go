package session

import (
	"context"
	"errors"

	"github.com/photodesk/photodesk/app/auth"
)

// Accounts lists everyone signed in to the open tenant, current or not;
// none for an application session.
func (c *Controller) Accounts(ctx context.Context) ([]auth.Account, error) {
	env, err := c.openEnv()
	if err != nil {
		return nil, err
	}
	return env.Session.Accounts(ctx)
}

// SwitchAccount makes the signed-in account id current. The Conn of the
// account current so far ends before it returns, so none of its jobs goes
// on and none of its answers is shown; the switch itself runs in the
// background, and a new Conn is reported for whoever is current afterwards
// (the same account again if the switch failed). done, if not nil, hears
// the switch's error, from that goroutine.
func (c *Controller) SwitchAccount(id string, done func(error)) {
	c.changeAccount(accountChange{
		why: ErrAccountSwitched, unless: id, done: done,
		run: func(ctx context.Context, env *Env) error { return env.Session.SwitchAccount(ctx, id) },
	})
}

// SignOut removes the account's tokens from this computer: its Conn ends
// before SignOut returns, and the sign-out runs in the background. Another
// signed-in account, if any, takes over; otherwise the state is SignedOut.
// done, if not nil, hears the sign-out's error, from that goroutine: one
// wrapping ErrHandedOver when Settings re-open the connection before the
// keyring has recorded it (it may be waiting on the keyring's unlock
// prompt), which the new connection then finishes — or, when the new
// settings name another tenant or app registration (SignOutHeldBack), a
// later connection to the account's. The tenant's photos on disk (Config.PhotoCache) go with the account.
func (c *Controller) SignOut(id string, done func(error)) {
	var photos signOutPhotos
	change := accountChange{why: ErrSignedOut, done: done}
	// Handed over, the sign-out took effect in the window there and then,
	// and its keyring call may never come back (an unlock prompt left
	// open): the photos go at once, before done hears so, not with it.
	change.retired = func(env *Env) error {
		photos.drop(c, env)
		return c.signOutRetired(env)
	}
	change.mark = func(env *Env) { env.Session.SigningOut(id) } // a reconnect from now on hands it over
	change.run = func(ctx context.Context, env *Env) error {
		photos.know(c, env, signOutTenants(ctx, env, id))
		err := env.Session.SignOut(ctx, id)
		if err != nil && !errors.Is(err, auth.ErrKeyringNotUpdated) && !errors.Is(context.Cause(ctx), ErrReconnected) {
			return err
		}
		photos.drop(c, env) // signed out for this run, even if the keyring kept the tokens
		return err
	}
	c.changeAccount(change)
}

// Unforgotten are the accounts signed out in this run whose tokens the
// keyring may still hold (its update failed: locked, unavailable), for
// the window to offer finishing their sign-out: the open tenant's, also
// those signed out before Settings re-opened the connection; none when
// not connected.
func (c *Controller) Unforgotten() []auth.Account {
	env, err := c.openEnv()
	if err != nil {
		return nil
	}
	return env.Session.Unforgotten()
}

// ForgetSignedOut tries again, in the background, to remove from the
// keyring the tokens of an account signed out while it could not be
// updated. done, if not nil, hears the outcome from that goroutine: nil
// once the keyring no longer holds them, an error wrapping
// auth.ErrKeyringNotUpdated while it still cannot be updated (wrapping
// ErrHandedOver too when Settings re-opened the connection meanwhile).
func (c *Controller) ForgetSignedOut(id string, done func(error)) {
	c.mu.Lock()
	env := c.env
	if env != nil {
		env.changes.Add(1) // the next environment's writes wait for it, as for a sign-out
	}
	c.mu.Unlock()
	if env == nil {
		if done != nil {
			go done(ErrNotConnected)
		}
		return
	}
	report := c.reportOnce(env, c.signOutRetired, done)
	go func() {
		err := env.Session.ForgetSignedOut(env.ctx, id)
		env.changes.Done()
		report(err)
	}()
}

// accountChange is a change of account for changeAccount to run.
type accountChange struct {
	// why ends the live Conn.
	why error
	// unless is an account id for which nothing needs doing when it is
	// current already.
	unless string
	// retired, if not nil, is what done hears should Settings re-open
	// the connection before run ends (see reportOnce).
	retired func(*Env) error
	// mark, if not nil, runs first, as long as no Connect can come
	// between (a sign-out marks itself running, for a reconnect to hand
	// over).
	mark func(*Env)
	// done, if not nil, hears run's error.
	done func(error)
	// run makes the change on the session.
	run func(context.Context, *Env) error
}

// changeAccount ends the live Conn with ch.why, then in the background
// runs ch on the session and reports the account current afterwards.
func (c *Controller) changeAccount(ch accountChange) {
	finish := func(err error) {
		if ch.done != nil {
			ch.done(err)
		}
	}
	c.mu.Lock()
	env := c.env
	if env == nil {
		c.mu.Unlock()
		go finish(ErrNotConnected)
		return
	}
	if ch.unless != "" && c.conn != nil && c.conn.Account.ID == ch.unless {
		c.mu.Unlock()
		go finish(nil)
		return
	}
	c.endConnLocked(ch.why)
	env.changes.Add(1) // the next environment's writes wait for it
	if ch.mark != nil {
		ch.mark(env)
	}
	c.mu.Unlock()
	report := c.reportOnce(env, ch.retired, ch.done)

	go func() {
		err := ch.run(env.ctx, env)
		env.changes.Done()
		c.mu.Lock()
		if env != c.env {
			c.mu.Unlock()
			report(err) // Settings re-opened the connection meanwhile
			return
		}
		c.endConnLocked(ch.why)
		st := c.enterLocked()
		c.mu.Unlock()
		c.emit(st)
		report(err)
	}()
}
