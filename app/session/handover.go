package session

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/photodesk/photodesk/app/auth"
)

// leftOver is what the environments Settings closed leave for the next
// one: their unfinished sign-outs, what they kept from a late keyring
// write and had not settled, and what it waits for before it writes
// (busy).
type leftOver struct {
	signOuts []auth.UnfinishedSignOut
	kept     []auth.KeptAccounts
	busy     []<-chan struct{}
}

// handOver puts unfinished, the unfinished sign-outs of old, the
// environment a Connect closed, in signOuts — those still running
// included, waiting on the keyring (an unlock prompt left open): taken
// after them, a reconnect waited as long as the prompt stayed open — and
// kept, what old kept from a late write, in kept, then closes handedOver
// and returns them all for the next environment to take over, with what
// it must wait for before it writes (busy): old's account changes, and
// its session's keyring calls, which a token refresh's write-back is
// among. An earlier Connect's hand-over comes first, or its
// environment's would be missed.
func (c *Controller) handOver(old *Env, unfinished []auth.UnfinishedSignOut, kept []auth.KeptAccounts, earlier <-chan struct{}, handedOver chan<- struct{}) leftOver {
	defer close(handedOver)
	if earlier != nil {
		<-earlier
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old != nil {
		c.signOuts = append(c.signOuts, unfinished...)
		c.kept = append(c.kept, kept...)
		calls := old.Session.Close()
		quiet := make(chan struct{})
		go func() {
			old.changes.Wait() // nothing is added to a closed environment's
			<-calls
			close(quiet)
		}()
		c.busy = append(c.busy, quiet)
	}
	c.busy = slices.DeleteFunc(c.busy, func(b <-chan struct{}) bool {
		select {
		case <-b:
			return true
		default:
			return false
		}
	})
	return leftOver{slices.Clone(c.signOuts), slices.Clone(c.kept), slices.Clone(c.busy)}
}

// finishSignOuts finishes, on env, the sign-outs handed over to it, once
// the environments closed before it have no keyring call running: its
// writes come after theirs, and a keyring still waiting on the unlock
// prompt one of them opened is not asked again meanwhile. It gives up
// when env closes too; the next environment takes them over then.
func (c *Controller) finishSignOuts(env *Env, busy []<-chan struct{}) {
	defer env.changes.Done()
	for _, b := range busy {
		select {
		case <-b:
		case <-env.ctx.Done():
			return
		}
	}
	if env.Session.FinishSignOuts(env.ctx) && c.cfg.OnAccounts != nil {
		c.mu.Lock()
		current := env == c.env
		c.mu.Unlock()
		if current {
			c.cfg.OnAccounts()
		}
	}
}

// ErrHandedOver: Settings re-opened the connection before the keyring
// recorded a sign-out (its unlock prompt may be open). The sign-out took
// effect in the window; the new connection finishes it in the keyring
// once the keyring answers, and lists it as unfinished until then — or,
// when the new settings name another tenant, app registration or an
// application (errHeldBack), the first later connection to its tenant
// and app registration does.
var ErrHandedOver = errors.New("the settings changed before the system keyring recorded the sign-out")

// errNewEntry marks a sign-out handed over that the new connection does
// not finish: its tokens are another keyring entry's.
var errNewEntry = errors.New("the new settings name another tenant or app registration")

// errHandedOver is what a sign-out, or finishing one, still running when
// Settings re-open the connection reports: not recorded in the keyring
// yet, and the new connection's to finish; errHeldBack when the new
// connection is another entry's, and a later one finishes it.
var (
	errHandedOver = fmt.Errorf("%w: %w", ErrHandedOver, auth.ErrKeyringNotUpdated)
	errHeldBack   = fmt.Errorf("%w: %w: %w", ErrHandedOver, errNewEntry, auth.ErrKeyringNotUpdated)
)

// signOutRetired is what a sign-out, or finishing one, running on env
// reports when Settings re-open the connection: errHandedOver, or
// errHeldBack when the new settings name another keyring entry.
func (c *Controller) signOutRetired(env *Env) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if env.heldBack {
		return errHeldBack
	}
	return errHandedOver
}

// takesOver reports whether an environment opened with next takes over
// the sign-outs of one opened with old: a person's session on the same
// keyring entry.
func takesOver(next, old Options) bool {
	return next.App == nil && auth.SameTokenEntry(next.Cloud, old.Cloud)
}

// reportOnce is done, called once: with the outcome of what runs on env,
// or — should Settings re-open the connection first — with what retired
// says then (nil when it is nil) at once, since that may be waiting on
// the keyring's unlock prompt, and stops at its next keyring call now
// anyway (Env.ctx). An outcome that comes after the environment closed
// is reported as it is if it succeeded, as retired otherwise. The
// closing of the app reports nil.
func (c *Controller) reportOnce(env *Env, retired func(*Env) error, done func(error)) func(error) {
	var once sync.Once
	report := func(err error) {
		once.Do(func() {
			if done != nil {
				done(err)
			}
		})
	}
	onRetire := func() error {
		if retired != nil && errors.Is(context.Cause(env.ctx), ErrReconnected) {
			return retired(env)
		}
		return nil
	}
	stop := context.AfterFunc(env.ctx, func() { report(onRetire()) })
	return func(err error) {
		stop()
		if err != nil && env.ctx.Err() != nil {
			err = onRetire()
		}
		report(err)
	}
}
