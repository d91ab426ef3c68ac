package cli

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/diskcache"
	"github.com/photodesk/photodesk/app/export"
	appsession "github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/app/startup"
	"github.com/photodesk/photodesk/graphapi"
)

// Environment variables of the command line.
const (
	EnvGraphURL    = "PHOTODESK_GRAPH_URL"
	EnvAccessToken = "PHOTODESK_ACCESS_TOKEN"
)

// connUsage documents the flags every Graph-talking command shares.
const connUsage = `Connection (every command that talks to Graph):
  --graph-url URL   Graph root to talk to, e.g. http://127.0.0.1:8080/v1.0
                    (default $PHOTODESK_GRAPH_URL); the bearer token is read
                    from $PHOTODESK_ACCESS_TOKEN
  --api v1.0|beta   API version; by default the one --graph-url names (else
                    v1.0), v1.0 with --sandbox, and otherwise the Graph
                    version set in the window's Settings
  --sandbox         start the built-in offline sandbox tenant and use it
Without --graph-url or --sandbox, the account signed in to Photo Desk is used.
`

// connFlags are --graph-url, --api and --sandbox.
type connFlags struct {
	graphURL string
	api      string
	sandbox  bool
	// writePerm, when the command changes a photo, is the permission
	// that change needs (change.WritePermission); "" for reading only.
	writePerm string
	// maxWait, when set, caps the client's own waits between retries of
	// one request, so they too stay within the command's --max-wait.
	maxWait time.Duration
	// sharedContacts: the command reads another user's contacts, which
	// need Contacts.Read.Shared (Contacts.Read covers one's own only).
	sharedContacts bool
}

func (c *connFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.graphURL, "graph-url", "", "Graph root URL")
	fs.StringVar(&c.api, "api", "", "v1.0 or beta")
	fs.BoolVar(&c.sandbox, "sandbox", false, "use the built-in sandbox")
}

// session is an open connection to a Graph endpoint.
type session struct {
	engine *app.Engine
	meter  *export.WaitMeter // sees the client's Retry-After waits
	where  string            // the Graph root, for messages
	close  func()
	// grant gets the signed-in account a write permission known only
	// once the session is open (undo: the permission of the change
	// undone); nil when tokens come from elsewhere (--graph-url).
	grant func(ctx context.Context, perm string) error
	// windowCache is true when changes also clear the window's disk
	// cache (the window's account on a Microsoft 365 tenant): targets are
	// then named by object id, as the window keeps them.
	windowCache bool
	tokens      graphapi.TokenSource // the window's account's, when used
	// sandboxRun names the sandbox tenant started for this command alone
	// (startup.Env.SandboxRun), gone when it ends; "" for a tenant that
	// outlives the command.
	sandboxRun string
}

// elsewhere is the window's disk cache of this session's tenant, when the
// session is the window's account and the window keeps one.
func (s *session) elsewhere() (app.ForgetElsewhere, bool) {
	scoped, ok := s.tokens.(interface{ PhotoCacheScope() (cloud, tenant string) })
	if !ok {
		return app.ForgetElsewhere{}, false
	}
	dir, err := diskcache.DefaultDir()
	if err != nil {
		return app.ForgetElsewhere{}, false
	}
	cloud, tenant := scoped.PhotoCacheScope()
	return app.ForgetElsewhere{Dir: dir, Cloud: cloud, Tenant: tenant}, tenant != ""
}

// ensureWrite gets the session's account perm, as open does for the
// permission a command names up front.
func (s *session) ensureWrite(ctx context.Context, perm string) error {
	if s.grant == nil || perm == "" {
		return nil
	}
	return s.grant(ctx, perm)
}

// client is the session's Graph client.
func (s *session) client() *graphapi.Client { return s.engine.Client() }

// SignedIn gives, when main.go sets it, the token source and Graph root
// of the account signed in to Photo Desk's window: it knows the saved
// cloud settings and the keyring. The root is for API version api, or for
// the version saved in Settings when api is "" (no --api): the command
// takes the window's tenant, client ID and sign-in from there, and its
// Graph version too. Commands run without --graph-url or --sandbox use it.
var SignedIn func(ctx context.Context, api string) (graphapi.TokenSource, string, error)

// errNotSignedIn is the answer when there is no signed-in account to use.
var errNotSignedIn = errors.New("no signed-in account: sign in with the Photo Desk window first, " +
	"or pass --sandbox, or --graph-url with " + EnvAccessToken + " set")

// sandboxScopes are what the demo account is signed in with for the
// command line: the least privileged permissions for everything get and
// export may touch (photos, group members, own contacts, own profile).
// Another user's contacts add Contacts.Read.Shared.
var sandboxScopes = []string{appsession.PermPhotos, appsession.PermGroupMembers, appsession.PermContacts, "User.Read"}

// sharedContactsScope reads contacts other users shared.
const sharedContactsScope = appsession.PermSharedContacts

// writeScopes are what the demo account is signed in with besides for
// set, remove, undo and import: the least privileged permissions that
// change users', groups' and its own contacts' photos (graph-facts,
// "Changing photos"), and the change's own when it is another one (a
// contact in someone else's mailbox).
func writeScopes(perm string) []string {
	scopes := []string{change.PermPhotoWrite, change.PermContactWrite}
	if !slices.Contains(scopes, perm) {
		scopes = append(scopes, perm)
	}
	return scopes
}

// open connects as the flags say.
func (c *connFlags) open(ctx context.Context, e *env) (*session, error) {
	api := strings.TrimSpace(c.api)
	if api != "" && api != "v1.0" && api != "beta" {
		return nil, usagef("--api must be v1.0 or beta, not %q", api)
	}
	graphURL := c.graphURL
	if graphURL == "" && !c.sandbox {
		graphURL = e.getenv(EnvGraphURL)
	}
	if c.sandbox && c.graphURL != "" {
		return nil, usagef("give --sandbox or --graph-url, not both")
	}
	hc, err := httpClient(e)
	if err != nil {
		return nil, err
	}
	meter := &export.WaitMeter{}
	opts := []graphapi.Option{
		graphapi.WithHTTPClient(hc),
		graphapi.WithRetry(meter.Policy(graphapi.RetryPolicy{MaxWait: min(c.maxWait, graphapi.DefaultMaxWait)})),
	}
	s := &session{meter: meter, close: func() {}}
	switch {
	case c.sandbox:
		// The window's path: sandbox started (Outlook's rule on, as in
		// the demo), demo account signed in through MSAL, tokens in the
		// keyring like any account's.
		sb, err := startup.DemoSandbox(e.getenv(startup.EnvSandboxFaults))
		if err != nil {
			return nil, usagef("%v", err)
		}
		if sb.Users, err = startup.SandboxUsers(e.getenv(startup.EnvSandboxUsers)); err != nil {
			return nil, usagef("%v", err)
		}
		env, err := startup.Open(ctx, startup.Options{
			Cloud:         auth.Cloud{Kind: auth.Sandbox, APIVersion: orDefault(api, "v1.0")},
			ClientOptions: opts,
			Sandbox:       sb,
		})
		if err != nil {
			return nil, forPeople(err)
		}
		notePersistence(e, env.Session)
		scopes := slices.Clone(sandboxScopes)
		if c.writePerm != "" {
			scopes = append(scopes, writeScopes(c.writePerm)...)
		}
		if c.sharedContacts {
			scopes = append(scopes, sharedContactsScope)
		}
		if err := env.Session.EnsureScopes(ctx, scopes...); err != nil {
			_ = env.Close()
			return nil, fmt.Errorf("sandbox sign-in: %w", err)
		}
		s.engine, s.where, s.sandboxRun = env.Engine, env.GraphURL(), env.SandboxRun
		s.grant = func(ctx context.Context, perm string) error {
			if err := env.Session.EnsureScopes(ctx, writeScopes(perm)...); err != nil {
				return fmt.Errorf("sandbox sign-in: %w", err)
			}
			return nil
		}
		s.close = func() { _ = env.Close() }
		return s, nil
	case graphURL != "":
		base, err := withAPI(graphURL, api)
		if err != nil {
			return nil, err
		}
		s.where = base
		opts = append(opts, graphapi.WithBaseURL(base), graphapi.WithUserAgent(startup.UserAgent))
		if tok := bareAccessToken(e.getenv(EnvAccessToken)); tok != "" {
			opts = append(opts, graphapi.WithTokenSource(graphapi.StaticToken(tok)))
			e.bareToken = true
			if id, err := graphapi.TokenIdentity(tok); err == nil && id.App {
				e.appOnly = true
			}
		} else {
			state := "is not set"
			if e.isSet(EnvAccessToken) {
				state = "is empty" // exported with nothing in it, or spaces only
			}
			fmt.Fprintf(e.stderr, "photodesk: %s %s; sending requests without a token\n", EnvAccessToken, state)
			// Nobody signed in either: a 401 is answered with what to set,
			// not "sign in again", nor that a token nobody sent expired.
			e.bareToken, e.noToken = true, true
		}
	default:
		if SignedIn == nil {
			return nil, errNotSignedIn
		}
		ts, base, err := SignedIn(ctx, api) // "": the window's version
		if err != nil {
			return nil, forPeople(err)
		}
		notePersistence(e, ts)
		noteSettings(e, ts)
		if a, ok := ts.(interface{ IsApp() bool }); ok && a.IsApp() {
			e.appOnly = true // the window's application sign-in
		}
		if err := ensureWrite(ctx, c.writePerm, ts); err != nil {
			return nil, err
		}
		s.grant = func(ctx context.Context, perm string) error { return ensureWrite(ctx, perm, ts) }
		if err := ensureSharedContacts(ctx, c, ts); err != nil {
			return nil, err
		}
		s.where, s.tokens = base, ts
		if r, ok := ts.(interface{ SandboxRun() string }); ok {
			// The window is set to the sandbox: this command runs one of
			// its own, as --sandbox does.
			s.sandboxRun = r.SandboxRun()
		}
		opts = append(opts, graphapi.WithBaseURL(base), graphapi.WithTokenSource(ts), graphapi.WithUserAgent(startup.UserAgent))
	}
	s.engine = app.NewEngine(app.Config{Client: graphapi.New(append(opts, graphapi.WithNetworkProbes())...)})
	if f, ok := s.elsewhere(); ok {
		s.engine.ForgetOnDiskElsewhere(f)
		s.windowCache = true
	}
	return s, nil
}

// openError is an error opening the connection as a person reads it: the
// auth package's "auth: " prefixes, which tell developers where a wrapped
// error came from, are left out, since the command line prints the whole
// chain under its advice. errors.Is and As see the error unchanged.
type openError struct{ err error }

func (e openError) Error() string { return strings.ReplaceAll(e.err.Error(), "auth: ", "") }
func (e openError) Unwrap() error { return e.err }

// forPeople is err as an openError.
func forPeople(err error) error { return openError{err} }

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// withAPI makes u end in the API version: a trailing /v1.0 or /beta is
// replaced by api when api is given, and a root without one gets api (or
// v1.0) appended.
func withAPI(u, api string) (string, error) {
	parsed, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Host == "" {
		return "", usagef("--graph-url %q: want an http or https URL like http://127.0.0.1:8080/v1.0", u)
	}
	path := strings.TrimRight(parsed.Path, "/")
	dir, last := "", path
	if i := strings.LastIndex(path, "/"); i >= 0 {
		dir, last = path[:i], path[i+1:]
	}
	switch {
	case strings.EqualFold(last, "v1.0") || strings.EqualFold(last, "beta"):
		if api != "" {
			path = dir + "/" + api
		}
	default:
		path += "/" + orDefault(api, "v1.0")
	}
	parsed.Path = path
	parsed.RawPath = ""
	return strings.TrimRight(parsed.String(), "/"), nil
}

// httpClient is the HTTP client for Graph: the window's, with its
// stuck-network timeouts (graphapi.NewHTTPClient), trusting the extra CA of
// $PHOTODESK_CA_CERT (photodesk sandbox --tls) if set.
func httpClient(e *env) (*http.Client, error) {
	path := e.getenv(EnvCACert)
	if path == "" {
		return graphapi.NewHTTPClient(), nil
	}
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", EnvCACert, err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s=%s holds no PEM certificate", EnvCACert, path)
	}
	return graphapi.NewHTTPClient(graphapi.WithTLSConfig(&tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12})), nil
}

// notePersistence tells a person, once, when their tokens cannot be kept in
// the keyring and will be gone when the command ends: a headless Linux box
// without a Secret Service signs in again on every run.
func notePersistence(e *env, ts any) {
	p, ok := ts.(interface{ Persistence() auth.Persistence })
	if !ok || p.Persistence().Keyring {
		return
	}
	fmt.Fprintf(e.stderr, "photodesk: note: %s\n", p.Persistence())
}

// noteSettings says, one note line each, which saved settings of the
// window the command read as their defaults because it does not know
// their values (a hand-edited or deployed file, or a newer Photo Desk's):
// an admin who scripted them would otherwise not learn why the default is
// used. The values are from a file anyone may have edited, so they go
// through printf's sanitizing.
func noteSettings(e *env, ts any) {
	s, ok := ts.(interface{ SettingsNotUnderstood() []string })
	if !ok {
		return
	}
	for _, n := range s.SettingsNotUnderstood() {
		printf(e.stderr, "photodesk: note: %s\n", n)
	}
}

// ensureWrite gets the window's account a token that may change photos,
// when the command changes photos. A permission that needs the person's
// consent is granted in the window (the command line has no browser to
// show): it says so.
func ensureWrite(ctx context.Context, perm string, ts graphapi.TokenSource) error {
	scoped, ok := ts.(interface {
		EnsureScopes(ctx context.Context, perms ...string) error
	})
	if perm == "" || !ok {
		return nil
	}
	if err := scoped.EnsureScopes(ctx, perm); err != nil {
		return windowGrants(perm, "change one photo", err)
	}
	return nil
}

// ensureSharedContacts gets the window's account Contacts.Read.Shared when
// the command reads another user's contacts; consent is given in the
// window, as for writes.
func ensureSharedContacts(ctx context.Context, c *connFlags, ts graphapi.TokenSource) error {
	scoped, ok := ts.(interface {
		EnsureScopes(ctx context.Context, perms ...string) error
	})
	if !c.sharedContacts || !ok {
		return nil
	}
	if err := scoped.EnsureScopes(ctx, sharedContactsScope); err != nil {
		return windowGrants(sharedContactsScope, "open another user's contacts", err)
	}
	return nil
}

// notGiven is a permission the window's account has not been given yet
// (Entra ID's AADSTS65001): the command line has no browser to ask for it;
// the window asks the first time the person does what needs it.
type notGiven struct {
	perm, doOnce string // doOnce: what to do once in the window
	err          error
}

func (n notGiven) Error() string { return n.perm + " not consented: " + n.err.Error() }
func (n notGiven) Unwrap() error { return n.err }

// advice is the first line a person reads: the permission and where it is
// granted. "Sign in again", the words for an expired sign-in, would send
// them in circles: a sign-in asks for no new permission.
func (n notGiven) advice() string {
	return "the signed-in account has not been given the " + n.perm + " permission yet: " + n.doOnce +
		" in the Photo Desk window once; it asks for the permission (your organization may need an administrator to approve it)"
}

// windowGrants is the error for a silent request for perm that failed:
// notGiven when the tenant answered that perm was never consented to, and
// otherwise the error as it is (a sign-in that expired or was revoked, the
// keyring, the network), which fail words as for any other command.
func windowGrants(perm, doOnce string, err error) error {
	if auth.IsConsentRequired(err) {
		return notGiven{perm: perm, doOnce: doOnce, err: err}
	}
	return fmt.Errorf("get a token with %s: %w", perm, err)
}

// bareAccessToken is the token in $PHOTODESK_ACCESS_TOKEN without the
// spaces around it or an Authorization header's "Bearer " in front,
// which comes along when the token is copied out of a request (a
// browser's developer tools, a curl line): sent on as part of the token,
// Graph refused it and the command said the token was "expired or not
// valid here", and changes were refused as made with a token that is not
// a JWT.
func bareAccessToken(v string) string {
	tok := strings.TrimSpace(v)
	if i := strings.IndexFunc(tok, unicode.IsSpace); i > 0 && strings.EqualFold(tok[:i], "Bearer") {
		tok = strings.TrimSpace(tok[i:])
	}
	return tok
}
