package startup

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// UserAgent names Photo Desk to Graph, so a tenant's admins can tell its
// traffic apart in their sign-in and audit logs.
const UserAgent = "PhotoDesk/0.1"

// Options says how to open the engine.
type Options struct {
	// Cloud is the sandbox or a Microsoft 365 tenant (see CloudFromPrefs).
	Cloud auth.Cloud
	// Sandbox configures the in-process sandbox tenant when Cloud is the
	// sandbox: seed, number of people, faults.
	Sandbox sandbox.Options
	// Store keeps MSAL's token cache; nil means the OS keyring. The
	// session falls back to memory (and says so) when the keyring fails.
	Store auth.CacheStore
	// CacheTTL is the photo cache lifetime; 0 means app.DefaultCacheTTL.
	CacheTTL time.Duration
	// ClientOptions are added to the Graph client's options, e.g. a retry
	// policy whose Sleep reports throttling waits to the status bar.
	ClientOptions []graphapi.Option
	// Logger receives warnings (keyring unavailable, cache discarded);
	// nothing secret is ever logged. Nil discards them.
	Logger *slog.Logger
}

// Env is an opened engine with what produced it.
type Env struct {
	Engine  *app.Engine
	Session *auth.Session
	Cloud   auth.Cloud
	// Sandbox is the running sandbox tenant, nil for Microsoft 365.
	Sandbox *sandbox.Server
}

// Open starts the sandbox when the cloud is the sandbox and signs its demo
// account in through MSAL; for Microsoft 365 it restores the accounts saved
// in the keyring (a person who never signed in must call SignIn… on the
// session before the first Graph call). The caller must Close the Env.
func Open(ctx context.Context, opts Options) (*Env, error) {
	env := &Env{Cloud: opts.Cloud}
	var identityClient *http.Client
	if opts.Cloud.Kind == auth.Sandbox {
		srv, err := sandbox.Start(opts.Sandbox)
		if err != nil {
			return nil, fmt.Errorf("start the sandbox tenant: %w", err)
		}
		env.Sandbox = srv
		cloud, err := auth.SandboxCloud(srv.AuthorityURL(), srv.PublicClientID())
		if err != nil {
			env.Close()
			return nil, err
		}
		if opts.Cloud.APIVersion != "" {
			cloud.APIVersion = opts.Cloud.APIVersion
		}
		env.Cloud = cloud
		identityClient = srv.IdentityHTTPClient()
	}

	store := opts.Store
	if store == nil {
		store = auth.KeyringCacheStore(env.Cloud)
	}
	sessOpts := []auth.Option{auth.WithCacheStore(store)}
	if identityClient != nil {
		sessOpts = append(sessOpts, auth.WithHTTPClient(identityClient))
	}
	if opts.Logger != nil {
		sessOpts = append(sessOpts, auth.WithLogger(opts.Logger))
	}
	sess, err := auth.New(ctx, env.Cloud, sessOpts...)
	if err != nil {
		env.Close()
		return nil, err
	}
	env.Session = sess
	if env.Sandbox != nil {
		if _, err := sess.SignInDemo(ctx); err != nil {
			env.Close()
			return nil, fmt.Errorf("sign in to the sandbox tenant: %w", err)
		}
	}

	clientOpts := []graphapi.Option{
		graphapi.WithBaseURL(env.GraphURL()),
		graphapi.WithTokenSource(sess),
		graphapi.WithUserAgent(UserAgent),
	}
	if env.Sandbox != nil && opts.Sandbox.TLS {
		clientOpts = append(clientOpts, graphapi.WithHTTPClient(env.Sandbox.GraphHTTPClient()))
	}
	clientOpts = append(clientOpts, opts.ClientOptions...)
	env.Engine = app.NewEngine(app.Config{Client: graphapi.New(clientOpts...), CacheTTL: opts.CacheTTL})
	return env, nil
}

// GraphURL is the Graph base URL, with its API version, the engine talks to.
func (e *Env) GraphURL() string {
	if e.Sandbox != nil {
		return e.Sandbox.GraphURL(e.Cloud.APIVersion)
	}
	return e.Cloud.GraphBaseURL()
}

// SignedIn reports whether a person (or the demo account) is signed in, so
// the window knows whether to offer sign-in first.
func (e *Env) SignedIn() bool {
	if e.Session == nil {
		return false
	}
	if e.Session.IsApp() {
		return true
	}
	_, ok := e.Session.Current()
	return ok
}

// Close stops the sandbox, if one was started.
func (e *Env) Close() error {
	if e.Sandbox == nil {
		return nil
	}
	err := e.Sandbox.Close()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}
