package sandbox

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// Well-known client registrations of the sandbox tenant.
const (
	// PublicClientID is Photo Desk's public client (MSAL interactive and
	// device code sign-in) in the sandbox tenant.
	PublicClientID = "7d6b5e3a-4c1f-4b8e-9f2a-1c0d5e6f7a8b"
	// DaemonClientID is a confidential client with the application
	// permissions User.Read.All, Group.Read.All and Contacts.Read, for
	// client-credentials sign-in with DaemonClientSecret.
	DaemonClientID = "c0ffee00-5a6d-4b0c-8e1a-0d15ea5e0001"
	// DaemonClientSecret is DaemonClientID's client secret.
	DaemonClientSecret = "sandbox-daemon-secret"
	// PhotoSyncClientID is a confidential client with the application
	// permissions ProfilePhoto.ReadWrite.All and User.Read.All, like an HR
	// system that keeps everyone's photo up to date: it may change any
	// user's photo with no directory role (but not groups', as for reads).
	// The export daemon stays read-only, as least privilege wants.
	PhotoSyncClientID = "c0ffee00-5a6d-4b0c-8e1a-0d15ea5e0002"
	// PhotoSyncClientSecret is PhotoSyncClientID's client secret.
	PhotoSyncClientSecret = "sandbox-photo-sync-secret"
)

// Options configure Start. The zero value is a 200-user tenant from seed 1
// on a free loopback port with no faults.
type Options struct {
	// Seed picks the generated people; 0 means 1 (so the zero Options is
	// the documented default tenant).
	Seed int64
	// Users is how many tenant users to generate (DefaultUsers when 0, at
	// most MaxUsers).
	Users int
	// Addr is the Graph listen address, "127.0.0.1:0" when empty.
	Addr string
	// TLS serves Graph over TLS too (certificate from the start-up CA);
	// the identity endpoints are always TLS, as MSAL requires.
	TLS bool
	// Faults applies to every request without an X-Sandbox-Faults header.
	Faults Faults
	// Apps adds confidential clients to DaemonClientID.
	Apps map[string]identity.App
	// Now is the tenant's clock: the identity provider's (for token expiry
	// tests) and that of Graph's per-mailbox and directory limits, so a
	// test moves one clock for both; nil means time.Now.
	Now func() time.Time
	// TokenTTL is the access token lifetime; 0 means an hour.
	TokenTTL time.Duration
	// Unconsented are delegated permissions the tenant's admin never
	// consented to (and users may not): asking for one fails with
	// AADSTS65001. E.g. "ProfilePhoto.Read.All" for a tenant where the
	// client must fall back to the Get photo document's scopes.
	Unconsented []string
	// UserConsent are delegated permissions each user consents to on the
	// sign-in page when first asked (a silent request for one fails with
	// AADSTS65001 until then), e.g. "ProfilePhoto.ReadWrite.All" to see
	// the window ask before the first change. Empty: the admin consented
	// to everything, and nothing is asked.
	UserConsent []string
}

// Server is a running sandbox tenant: Graph on one listener, Entra ID on
// another, both on loopback.
type Server struct {
	dir      *Directory
	handler  *Handler
	provider *identity.Provider
	ca       *identity.CA
	graph    *http.Server
	ident    *http.Server
	graphURL string // scheme://host:port, without a version
}

// Start generates the tenant and starts serving. Close stops it.
func Start(opts Options) (*Server, error) {
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.Users > MaxUsers {
		return nil, fmt.Errorf("start sandbox: %d users asked for; the sandbox generates at most %d", opts.Users, MaxUsers)
	}
	s := &Server{dir: NewDirectory(opts.Seed, opts.Users)}
	ca, err := identity.NewCA()
	if err != nil {
		return nil, fmt.Errorf("start sandbox: %w", err)
	}
	s.ca = ca
	apps := map[string]identity.App{
		DaemonClientID: {Secret: DaemonClientSecret, Roles: []string{"User.Read.All", "Group.Read.All", "Contacts.Read"}, DisplayName: "Photo Desk export daemon"},
		PhotoSyncClientID: {
			Secret: PhotoSyncClientSecret, Roles: []string{"ProfilePhoto.ReadWrite.All", "User.Read.All"},
			DisplayName: "Photo Desk photo sync",
		},
	}
	for id, app := range opts.Apps {
		apps[id] = app
	}
	s.provider, err = identity.NewProvider(identity.Config{
		TenantID:       s.dir.TenantID(),
		Demo:           accountOf(s.dir.Examples().Helpdesk),
		Lookup:         s.lookupAccount,
		Apps:           apps,
		PublicClientID: PublicClientID,
		Now:            opts.Now,
		TokenTTL:       opts.TokenTTL,
		Unconsented:    opts.Unconsented,
		UserConsent:    opts.UserConsent,
	})
	if err != nil {
		return nil, fmt.Errorf("start sandbox: %w", err)
	}
	if err := s.listenIdentity(); err != nil {
		return nil, err
	}
	s.handler = NewHandler(s.dir, s.provider)
	if opts.Now != nil {
		s.handler.now = opts.Now
	}
	s.handler.SetFaults(opts.Faults)
	if err := s.listenGraph(opts.Addr, opts.TLS); err != nil {
		_ = s.ident.Close()
		return nil, err
	}
	return s, nil
}

func (s *Server) listenIdentity() error {
	cfg, err := s.ca.ServerTLSConfig("127.0.0.1", "localhost")
	if err != nil {
		return fmt.Errorf("start sandbox identity: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("start sandbox identity: %w", err)
	}
	s.provider.SetBaseURL("https://" + ln.Addr().String())
	s.ident = &http.Server{Handler: s.provider.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.ident.Serve(tls.NewListener(ln, cfg)) }()
	return nil
}

func (s *Server) listenGraph(addr string, useTLS bool) error {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("start sandbox graph: %w", err)
	}
	s.graphURL = "http://" + ln.Addr().String()
	if useTLS {
		host, _, _ := net.SplitHostPort(addr)
		hosts := []string{"127.0.0.1", "::1", "localhost"}
		if host != "" && !strings.Contains(strings.Join(hosts, " "), host) {
			hosts = append(hosts, host)
		}
		cfg, err := s.ca.ServerTLSConfig(hosts...)
		if err != nil {
			_ = ln.Close()
			return fmt.Errorf("start sandbox graph: %w", err)
		}
		ln = tls.NewListener(ln, cfg)
		s.graphURL = "https://" + ln.Addr().String()
	}
	s.graph = &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.graph.Serve(ln) }()
	return nil
}

// lookupAccount lets the identity provider sign in any sandbox account.
func (s *Server) lookupAccount(upnOrID string) (identity.Account, bool) {
	u, ok := s.dir.Account(upnOrID)
	if !ok {
		return identity.Account{}, false
	}
	return accountOf(u), true
}

func accountOf(u *User) identity.Account {
	return identity.Account{ObjectID: u.ID, UPN: u.UserPrincipalName, DisplayName: u.DisplayName, Personal: u.Personal}
}

// GraphURL is the Graph base for a version ("v1.0" or "beta"; "" means
// v1.0), e.g. "http://127.0.0.1:PORT/v1.0".
func (s *Server) GraphURL(version string) string {
	if version == "" {
		version = "v1.0"
	}
	return s.graphURL + "/" + version
}

// GraphHTTPClient is a client for GraphURL: it trusts the sandbox CA (for
// Options.TLS) and ignores proxies.
func (s *Server) GraphHTTPClient() *http.Client { return s.ca.HTTPClient() }

// AuthorityURL is the MSAL authority of the sandbox tenant
// ("https://127.0.0.1:PORT/{tenant id}").
func (s *Server) AuthorityURL() string { return s.provider.AuthorityURL() }

// IdentityHTTPClient is an HTTP client trusting the sandbox CA, for MSAL's
// WithHTTPClient.
func (s *Server) IdentityHTTPClient() *http.Client { return s.ca.HTTPClient() }

// CA is the certificate authority made at start-up (curl --cacert wants
// its CertPEM).
func (s *Server) CA() *identity.CA { return s.ca }

// TenantID is the sandbox tenant's GUID.
func (s *Server) TenantID() string { return s.dir.TenantID() }

// PublicClientID is the client id MSAL public-client sign-in must use.
func (s *Server) PublicClientID() string { return PublicClientID }

// DemoToken is a delegated access token for the demo helpdesk account with
// the default scopes (User.ReadBasic.All Group.Read.All Contacts.Read
// User.Read), as `photodesk sandbox` prints for curl.
func (s *Server) DemoToken() (string, error) {
	return s.provider.IssueDelegated(accountOf(s.dir.Examples().Helpdesk), identity.DefaultDelegatedScopes)
}

// UserToken is a delegated token for any sandbox account with the given
// scopes (the default scopes when none are given), e.g.
// UserToken(identity.FrontdeskUPN, "ProfilePhoto.ReadWrite.All") for the
// account without an admin role.
func (s *Server) UserToken(upnOrID string, scopes ...string) (string, error) {
	u, ok := s.dir.Account(upnOrID)
	if !ok {
		return "", fmt.Errorf("user token: no sandbox account %q", upnOrID)
	}
	if len(scopes) == 0 {
		scopes = identity.DefaultDelegatedScopes
	}
	return s.provider.IssueDelegated(accountOf(u), scopes)
}

// AppToken is an application token for a registered confidential client
// (DaemonClientID, PhotoSyncClientID or one from Options.Apps).
func (s *Server) AppToken(clientID string) (string, error) { return s.provider.IssueApp(clientID) }

// Provider is the sandbox's identity provider.
func (s *Server) Provider() *identity.Provider { return s.provider }

// Directory is the generated tenant, for tests to know what to expect.
func (s *Server) Directory() *Directory { return s.dir }

// Handler is the Graph handler (for its Stats and faults).
func (s *Server) Handler() *Handler { return s.handler }

// SetFaults replaces the server-wide faults.
func (s *Server) SetFaults(f Faults) { s.handler.SetFaults(f) }

// Stats returns a snapshot of the Graph counters.
func (s *Server) Stats() Stats { return s.handler.Stats() }

// ResetStats zeroes the Graph counters.
func (s *Server) ResetStats() { s.handler.ResetStats() }

// Close stops both listeners and drops open connections.
func (s *Server) Close() error {
	return errors.Join(s.graph.Close(), s.ident.Close())
}

// Shutdown stops both listeners gracefully, waiting for requests in flight
// until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	return errors.Join(s.graph.Shutdown(ctx), s.ident.Shutdown(ctx))
}
