package startup

import (
	"context"
	"errors"
	"fmt"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// ErrNotSignedIn says the window's tenant has no signed-in account yet.
var ErrNotSignedIn = errors.New("no account is signed in to the tenant in Settings: sign in with the Photo Desk window first")

// ErrKeyringUnread says the window's signed-in account could not be looked
// up because the system keyring, where its sign-in is kept, could not be
// read (locked, or no Secret Service in this session).
var ErrKeyringUnread = errors.New("the system keyring could not be read, so the account signed in to the Photo Desk window cannot be used here")

// keyringUnread is ErrKeyringUnread with the keyring's reason and what to do.
func keyringUnread(p auth.Persistence) error {
	why := ""
	if p.Cause != "" {
		why = " (" + p.Cause + ")"
	}
	return fmt.Errorf("%w%s: unlock the keyring, or run the command in the desktop session where it is unlocked, and try again", ErrKeyringUnread, why)
}

// SignedIn opens the cloud the window is set to (prefs are read when
// called, so the command line pays for them only when it needs them) and
// returns its signed-in account's token source and Graph root for API
// version api ("" is the version saved in Settings, as the cloud is the
// one saved there): the account current in the window (the first signed in
// when the window noted none). On the sandbox that account, or the demo
// one, is signed in through MSAL to this process's own sandbox; with
// application sign-in chosen in Settings, it is the application. The returned close func stops what was started.
func SignedIn(ctx context.Context, prefs func() app.Preferences, api string) (graphapi.TokenSource, string, func() error, error) {
	opts := session.FromPrefs(prefs())
	if api != "" {
		opts.Cloud.APIVersion = api
	}
	var sb sandbox.Options
	if opts.Cloud.Kind == auth.Sandbox {
		// The demo's, as the window and --sandbox run it: Outlook's
		// concurrency rule on, the environment's faults and people.
		sb = sandboxFromEnv()
	}
	env, err := Open(ctx, Options{Cloud: opts.Cloud, App: opts.App, FollowWindow: true, Sandbox: sb})
	if err != nil {
		return nil, "", nil, err
	}
	if !env.SignedIn() {
		env.Close()
		if p := env.Session.Persistence(); p.Unread {
			// Nobody found, because nothing could be looked at: saying
			// "sign in first" would send a signed-in person in circles.
			return nil, "", nil, keyringUnread(p)
		}
		return nil, "", nil, ErrNotSignedIn
	}
	if env.Sandbox != nil {
		// Its own sandbox, not the window's: named, so the command keeps
		// its changes apart and knows no earlier command's are in it.
		return &sandboxTokens{Session: env.Session, run: env.SandboxRun, notUnderstood: opts.NotUnderstood}, env.GraphURL(), env.Close, nil
	}
	acct, _ := env.Session.Current()
	w := &windowTokens{Session: env.Session, notUnderstood: opts.NotUnderstood}
	w.cloud, w.tenant = session.PhotoCacheScope(env.ForSession(), acct)
	return w, env.GraphURL(), env.Close, nil
}

// sandboxTokens is the window's account signed in to a sandbox started for
// one command: it starts from its seed and is gone when the command ends.
type sandboxTokens struct {
	*auth.Session
	notUnderstood
	run string
}

// SandboxRun names the sandbox (Env.SandboxRun), as the window's sandbox
// runs are named: the command keeps its changes in that run's own folder.
func (s *sandboxTokens) SandboxRun() string { return s.run }

// windowTokens is the window's account as the command line uses it: its
// tokens, and where the window keeps that tenant's photos on disk, so a
// change made from the command line clears them there.
type windowTokens struct {
	*auth.Session
	notUnderstood
	cloud, tenant string
}

// PhotoCacheScope is the cloud and tenant of the window's disk cache
// entries for this account.
func (w *windowTokens) PhotoCacheScope() (cloud, tenant string) { return w.cloud, w.tenant }

// notUnderstood are the saved settings the window's preferences held that
// Photo Desk read as their defaults (session.Options.NotUnderstood), for
// the command line to say as the window's status bar does.
type notUnderstood []string

// SettingsNotUnderstood is one sentence per saved setting read as its
// default because Photo Desk does not know its value.
func (n notUnderstood) SettingsNotUnderstood() []string { return n }
