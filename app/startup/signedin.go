package startup

import (
	"context"
	"errors"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi"
)

// ErrNotSignedIn says the window's tenant has no signed-in account yet.
var ErrNotSignedIn = errors.New("no account is signed in to the tenant in Settings: sign in with the Photo Desk window first")

// SignedIn opens the cloud the window is set to (prefs are read when
// called, so the command line pays for them only when it needs them) and
// returns its signed-in account's token source and Graph root for API
// version api. On the sandbox that is the demo account, signed in through
// MSAL as in the window; with application sign-in chosen in Settings, the
// application. The returned close func stops what was started.
func SignedIn(ctx context.Context, prefs func() app.Preferences, api string) (graphapi.TokenSource, string, func() error, error) {
	opts := session.FromPrefs(prefs())
	if api != "" {
		opts.Cloud.APIVersion = api
	}
	env, err := Open(ctx, Options{Cloud: opts.Cloud, App: opts.App})
	if err != nil {
		return nil, "", nil, err
	}
	if !env.SignedIn() {
		env.Close()
		return nil, "", nil, ErrNotSignedIn
	}
	return env.Session, env.GraphURL(), env.Close, nil
}
