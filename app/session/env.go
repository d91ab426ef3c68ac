package session

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi"
)

// Options say how to open an environment.
type Options struct {
	// Cloud is the sandbox or a Microsoft 365 tenant (see CloudFromPrefs).
	Cloud auth.Cloud
	// App, when set, signs in as the application (client credentials)
	// instead of as a person.
	App *auth.AppCredential
	// Store keeps MSAL's token cache; nil means the OS keyring.
	Store auth.CacheStore
	// CacheTTL is the photo cache lifetime; 0 means app.DefaultCacheTTL.
	CacheTTL time.Duration
	// ClientOptions are added to every Graph client's options, e.g. a retry
	// policy whose Sleep reports throttling waits to the status bar.
	ClientOptions []graphapi.Option
	// Logger receives warnings; nothing secret is ever logged. Nil
	// discards them.
	Logger *slog.Logger
	// NotUnderstood are the saved settings FromPrefs could not read and
	// took the default for, one sentence each, for the status bar and
	// the command line to say (see notUnderstood).
	NotUnderstood []string
}

// Env is an opened environment: a tenant's sign-in session and how to make
// engines that talk to its Graph.
type Env struct {
	Session *auth.Session
	// Cloud is the cloud as opened (the sandbox's own authority and client).
	Cloud auth.Cloud
	// Demo is true for the built-in sandbox tenant.
	Demo bool
	// DemoRun names this sandbox tenant among those run before and beside
	// it (each starts afresh from its seed), readable in a file manager;
	// "" when not Demo.
	DemoRun string
	// TenantName is what the status bar calls the tenant.
	TenantName string
	// SignInPage opens a sign-in page; nil means the system browser. The
	// sandbox plays it in-process, since no browser trusts its own CA.
	SignInPage func(ctx context.Context, url string) error
	// EnterDeviceCode plays the person who enters a device code on the
	// sandbox, signing username in with it (as its sign-in page signs the
	// login hint in); an error when the sandbox has no such account. nil
	// on Microsoft 365, where whoever enters the code signs in.
	EnterDeviceCode func(userCode, username string) error
	// NewEngine makes an engine, with empty caches, whose Graph requests
	// carry tokens from tokens.
	NewEngine func(tokens graphapi.TokenSource) *app.Engine
	// Close stops what opening started (the sandbox); it may be nil.
	Close func() error

	// ctx ends when Settings re-open the connection (its cause
	// ErrReconnected) or the app closes (ErrClosed): the sign-ins and
	// account changes running on the environment stop at their next
	// keyring call, and their callers are answered at once (see
	// Controller.signIn and reportOnce). The controller sets it as it
	// takes the environment on.
	ctx context.Context
	// opened are the options the environment was opened with, and
	// heldBack says the settings that replaced it name another keyring
	// entry, or an application: its sign-outs handed over wait for a
	// later connection to its entry (see Controller.signOutRetired). The
	// controller sets both, heldBack under its lock.
	opened   Options
	heldBack bool
	// changes are the sign-ins and account changes (sign-outs, switches)
	// running on the environment, and the finishing of the sign-outs
	// handed over to it: the next environment finishes those it takes
	// over once these and its session's keyring calls (auth's Close: a
	// token refresh's write-back too) have ended, so its keyring writes
	// come after the closed one's last call.
	changes sync.WaitGroup
}

// Opener opens the environment o describes. The composition root
// (app/startup) provides it, so only it knows the sandbox.
type Opener func(ctx context.Context, o Options) (*Env, error)

// signedIn reports whether a person (or the application) is signed in.
func (e *Env) signedIn() bool {
	if e.Session.IsApp() {
		return true
	}
	_, ok := e.Session.Current()
	return ok
}

func (e *Env) close() error {
	if e.Close == nil {
		return nil
	}
	return e.Close()
}
