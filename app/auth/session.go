package auth

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

// InitialScopes are asked for at sign-in: enough to search people and show
// their photos. Groups and contacts add theirs with EnsureScopes when first
// opened (incremental consent), so a first sign-in asks for little.
var InitialScopes = []string{"User.ReadBasic.All"}

// Session is the signed-in state of the app: one MSAL client for the cloud,
// the accounts in its cache, which one is current, and the scopes wanted so
// far. It is safe for concurrent use and is a graphapi.TokenSource.
type Session struct {
	cloud Cloud
	http  *http.Client
	log   *slog.Logger
	cache *persistentCache

	pub public.Client        // delegated sign-in; unset in an app session
	app *confidential.Client // application permissions; nil in a user session

	mu          sync.Mutex
	current     string   // home account id of the current account; "" when none
	currentAcct Account  // the current account, as Current reports it
	scopes      []string // permissions every account is asked for, bare names
	// remember, when set, is told which account is current (the
	// window's); follow is read for it at start (the command line's).
	remember, follow CacheStore

	// extra are the permissions each account (home account id) was given
	// since: one account's consent (a write permission, an admin's) is
	// never asked of another.
	extra map[string][]string

	// unforgotten are the accounts signed out whose removal the keyring
	// may not hold, by home account id (see Unforgotten).
	unforgotten map[string]UnfinishedSignOut
	// signingOut are the sign-outs running now, by home account id: not
	// recorded by the keyring yet, so a session replacing this one while
	// one waits on the keyring takes it over (UnfinishedSignOuts).
	signingOut map[string]UnfinishedSignOut
	// deferred are the sign-outs an earlier session handed over that this
	// one has not finished yet (DeferSignOuts): their accounts are out of
	// sight — never listed, current or given tokens — even when this
	// session read them back from the keyring.
	deferred map[string]UnfinishedSignOut
	// noteCurrent: DeferSignOuts or KeepAccounts made another account
	// current, and the note of it for the command line (rememberCurrent,
	// a keyring write) waits for FinishSignOuts.
	noteCurrent bool
	// finishing keeps two attempts at finishing sign-outs
	// (FinishSignOuts, ForgetSignedOut) from running at once, each
	// holding it while it decides and writes. A person's sign-in holds it
	// for reading from start to end, so its tokens and the end of a
	// sign-out of its account left to finish (forgotten) come together,
	// never between a finishing's look and its write, which would remove
	// the new tokens. Taken before s.mu, never while holding it.
	finishing sync.RWMutex
}

// Option configures a Session.
type Option func(*Session)

// WithCacheStore persists MSAL's cache in store (the keyring in the app).
// Without it, tokens are kept in memory only.
func WithCacheStore(store CacheStore) Option {
	return func(s *Session) { s.cache = newPersistentCache(store, s.log) }
}

// WithHTTPClient sets the client MSAL talks to Entra ID with; the sandbox's
// trusts the sandbox CA.
func WithHTTPClient(c *http.Client) Option {
	return func(s *Session) { s.http = c }
}

// WithLogger sets where warnings go (keyring unavailable, cache discarded).
// Nothing secret is ever logged.
func WithLogger(l *slog.Logger) Option {
	return func(s *Session) {
		s.log = l
		if s.cache != nil {
			s.cache.log = l
		}
	}
}

// New makes a session for a person to sign in to cloud with. Accounts
// already in the store are signed in at once; the first one (or the one
// SwitchAccount picks later) is current.
func New(ctx context.Context, cloud Cloud, opts ...Option) (*Session, error) {
	s, err := newSession(cloud, opts)
	if err != nil {
		return nil, err
	}
	popts := []public.Option{public.WithAuthority(cloud.AuthorityURL()), public.WithCache(s.cache)}
	if s.http != nil {
		popts = append(popts, public.WithHTTPClient(s.http))
	}
	if cloud.Kind == Sandbox {
		popts = append(popts, public.WithInstanceDiscovery(false))
	}
	s.pub, err = public.New(cloud.ClientID, popts...)
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	if cloud.Kind == Sandbox {
		if err := s.forgetStaleSandboxAccounts(ctx); err != nil {
			return nil, err
		}
	}
	accts, err := s.accounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("auth: read saved accounts: %w", err)
	}
	if len(accts) > 0 {
		pick := accts[0]
		if id, _ := RememberedAccount(ctx, s.follow); id != "" {
			for _, a := range accts {
				if a.HomeAccountID == id {
					pick = a
				}
			}
		}
		s.setCurrent(pick)
		// The window's pick at start is its current account too; the note
		// may name whoever was current when it last quit.
		s.rememberCurrent(ctx, s.account(pick))
	}
	return s, nil
}

func newSession(cloud Cloud, opts []Option) (*Session, error) {
	cloud = cloud.WithDefaults()
	if err := cloud.Validate(); err != nil {
		// Settings' words, field by field, shown to people as they are:
		// no package prefix for the command line to print twice.
		return nil, err
	}
	s := &Session{
		cloud:  cloud,
		log:    slog.New(slog.NewTextHandler(io.Discard, nil)),
		scopes: slices.Clone(InitialScopes),
	}
	for _, opt := range opts {
		opt(s)
	}
	if s.cache == nil {
		s.cache = newPersistentCache(nil, s.log)
	}
	return s, nil
}

// Cloud is the cloud the session signs in to.
func (s *Session) Cloud() Cloud { return s.cloud }

// Persistence says whether tokens are in the keyring or in memory only.
func (s *Session) Persistence() Persistence { return s.cache.persistence() }

// IsApp reports whether the session signs in as an application, whose
// tokens Graph refuses for some requests (group photos).
func (s *Session) IsApp() bool { return s.app != nil }

// Scopes are the Graph permissions the session asks for on behalf of the
// current account, bare names.
func (s *Session) Scopes() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.wantedLocked(s.current)
}

// wantedLocked is what account id is asked for: every account's
// permissions and the ones it was given since.
func (s *Session) wantedLocked(id string) []string {
	out := slices.Clone(s.scopes)
	for _, p := range s.extra[id] {
		if !hasScope(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// hasScope reports whether list names p (permission names ignore case).
func hasScope(list []string, p string) bool {
	return slices.ContainsFunc(list, func(have string) bool { return strings.EqualFold(have, p) })
}

// requestScopes are what account id is asked for, and extra ones, as
// scopes for this cloud; id "" (a new sign-in) is asked for what every
// account is.
func (s *Session) requestScopes(id string, extra ...string) []string {
	s.mu.Lock()
	wanted := s.wantedLocked(id)
	s.mu.Unlock()
	out := make([]string, 0, len(wanted)+len(extra))
	for _, p := range wanted {
		out = append(out, s.cloud.scope(p))
	}
	for _, p := range extra {
		if !hasScope(wanted, p) {
			out = append(out, s.cloud.scope(p))
		}
	}
	return out
}

// want adds permissions to what account id is asked for and reports
// whether any was new.
func (s *Session) want(id string, perms []string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	added := false
	for _, p := range perms {
		if !hasScope(s.wantedLocked(id), p) {
			if s.extra == nil {
				s.extra = map[string][]string{}
			}
			s.extra[id] = append(s.extra[id], p)
			added = true
		}
	}
	return added
}
