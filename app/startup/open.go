package startup

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/internal/starttrace"
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
	// App, when set, signs in as the application (client credentials with
	// a secret or certificate) instead of as a person. In the sandbox the
	// sandbox's own confidential client (sandbox.DaemonClientID) stands in.
	App *auth.AppCredential
	// Window marks the window's session: which account is current is
	// noted (auth.WithRememberCurrent) for the command line to follow.
	Window bool
	// FollowWindow marks the command line's session: it starts at the
	// window's current account; on the sandbox it signs that account in
	// by name rather than the demo account.
	FollowWindow bool
	// CurrentStore is where the window's current account is noted; nil
	// means the keyring's entry when Store is nil too, and nowhere when
	// tokens are kept elsewhere (tests).
	CurrentStore auth.CacheStore
}

// Env is an opened engine with what produced it.
type Env struct {
	Engine  *app.Engine
	Session *auth.Session
	Cloud   auth.Cloud
	// Sandbox is the running sandbox tenant, nil for Microsoft 365.
	Sandbox *sandbox.Server
	// SandboxRun names this sandbox, made as it started (newSandboxRun);
	// "" for Microsoft 365.
	SandboxRun string

	clientOpts []graphapi.Option // how RenewEngine builds a Graph client
	cacheTTL   time.Duration
}

// Open starts the sandbox when the cloud is the sandbox and signs its demo
// account in through MSAL; for Microsoft 365 it restores the accounts saved
// in the keyring (a person who never signed in must call SignIn… on the
// session before the first Graph call). With Options.App it signs in as the
// application instead. The caller must Close the Env.
func Open(ctx context.Context, opts Options) (*Env, error) {
	env := &Env{Cloud: opts.Cloud}
	var identityClient *http.Client
	if opts.Cloud.Kind == auth.Sandbox {
		srv, err := sandbox.Start(opts.Sandbox)
		if err != nil {
			return nil, fmt.Errorf("start the sandbox tenant: %w", err)
		}
		starttrace.Mark("sandbox started")
		env.Sandbox, env.SandboxRun = srv, newSandboxRun(time.Now())
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

	if identityClient == nil {
		identityClient = signInHTTPClient()
	}
	sessOpts := []auth.Option{auth.WithHTTPClient(identityClient)}
	if opts.Logger != nil {
		sessOpts = append(sessOpts, auth.WithLogger(opts.Logger))
	}
	var sess *auth.Session
	var err error
	if opts.App != nil {
		sess, err = openAppSession(ctx, env, *opts.App, opts.Store, sessOpts)
	} else {
		sess, err = openUserSession(ctx, env, opts, sessOpts)
	}
	if err != nil {
		env.Close()
		return nil, err
	}
	env.Session = sess
	starttrace.Mark("signed in")

	env.clientOpts = []graphapi.Option{
		graphapi.WithBaseURL(env.GraphURL()),
		graphapi.WithUserAgent(UserAgent),
	}
	if env.Sandbox != nil && opts.Sandbox.TLS {
		// The window's timeouts, trusting the sandbox's CA; without TLS
		// (and for Microsoft 365) graphapi.New's default has them.
		tlsConfig := &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: env.Sandbox.CA().CertPool()}
		env.clientOpts = append(env.clientOpts, graphapi.WithHTTPClient(graphapi.NewHTTPClient(graphapi.WithTLSConfig(tlsConfig))))
	}
	env.clientOpts = append(env.clientOpts, opts.ClientOptions...)
	env.cacheTTL = opts.CacheTTL
	env.RenewEngine()
	return env, nil
}

// openUserSession makes env's session for people, restoring the accounts
// saved in o.Store (the keyring when nil); in the sandbox it signs the
// demo account in, or the window's current one for the command line.
func openUserSession(ctx context.Context, env *Env, o Options, opts []auth.Option) (*auth.Session, error) {
	store, current := o.Store, o.CurrentStore
	if store == nil {
		store = auth.KeyringCacheStore(env.Cloud)
		if current == nil {
			current = auth.KeyringCurrentStore(env.Cloud)
		}
	}
	opts = append(opts, auth.WithCacheStore(store))
	switch {
	case current == nil:
	case o.Window:
		opts = append(opts, auth.WithRememberCurrent(current))
	case o.FollowWindow:
		opts = append(opts, auth.WithFollowCurrent(current))
	}
	sess, err := auth.New(ctx, env.Cloud, opts...)
	if err != nil {
		return nil, err
	}
	if env.Sandbox != nil {
		// A sandbox is new on every run (a new signing key id, no memory of
		// refresh tokens), so the demo account signs in afresh, through the
		// same interactive MSAL flow as a real tenant. The command line's
		// own sandbox signs in the account the window shows, by name, as
		// Add another account… would.
		var hint []auth.SignInOption
		// Only the command line follows the window's note; and a keyring
		// that could not be read (locked, its unlock prompt dismissed) is
		// not asked again for it.
		if o.FollowWindow && !sess.Persistence().Unread {
			if _, name := auth.RememberedAccount(ctx, current); name != "" {
				hint = append(hint, auth.WithLoginHint(name))
			}
		}
		if _, err := sess.SignInInteractive(ctx, env.signInPage(ctx), hint...); err != nil {
			if len(hint) == 0 {
				return nil, fmt.Errorf("sign in to the sandbox tenant: %w", err)
			}
			// Not in this sandbox (another seed): the demo account, as before.
			if _, err := sess.SignInInteractive(ctx, env.signInPage(ctx)); err != nil {
				return nil, fmt.Errorf("sign in to the sandbox tenant: %w", err)
			}
		}
	}
	return sess, nil
}

// signInPage plays the system browser on the sandbox's sign-in page, which
// approves at once (the login hint's account, or the demo one): no browser
// trusts the sandbox's own CA.
func (e *Env) signInPage(ctx context.Context) func(string) error {
	return func(u string) error { return identity.PlayBrowser(ctx, e.Sandbox.IdentityHTTPClient(), u) }
}

// RenewEngine replaces Engine with a new one, with empty caches, on the
// same session, and returns it. Call it whenever the current account
// changes (switch, sign-in, sign-out): the caches hold what the previous
// account was allowed to see, and must never answer for the next one.
func (e *Env) RenewEngine() *app.Engine {
	e.Engine = e.newEngine(e.Session)
	return e.Engine
}

// newEngine makes an engine with empty caches whose requests carry tokens
// from tokens.
func (e *Env) newEngine(tokens graphapi.TokenSource) *app.Engine {
	opts := append([]graphapi.Option{graphapi.WithTokenSource(tokens), graphapi.WithNetworkProbes()}, e.clientOpts...)
	return app.NewEngine(app.Config{Client: graphapi.New(opts...), CacheTTL: e.cacheTTL})
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

// signInHTTPClient is the client MSAL reaches Microsoft's sign-in service
// with: net/http's default (MSAL's own is too), but a proxy refusing the
// tunnel fails with a *graphapi.ProxyError, which session.Explain words
// ("The proxy … wants a sign-in …"), instead of its bare reason phrase.
func signInHTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.OnProxyConnectResponse = graphapi.CheckProxyConnect
	return &http.Client{Transport: tr}
}
