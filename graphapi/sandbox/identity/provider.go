package identity

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// Provider is the sandbox tenant's Entra ID: it issues and verifies tokens and
// serves the endpoints MSAL calls. It is safe for concurrent use.
type Provider struct {
	cfg    Config
	signer *signer

	mu      sync.Mutex
	base    string                   // "https://127.0.0.1:PORT", set after Listen
	codes   map[string]*authCode     // authorization codes, single use
	refresh map[string]*grantSession // refresh token -> whom it signs in
	devices map[string]*deviceGrant  // device_code -> its state
	consent map[string][]string      // account oid + client -> consented permissions
	stats   Stats
	outage  Outage // SetOutage: how the token endpoint fails, if it does
}

// Stats counts the requests the provider has answered, so tests can tell a
// silent refresh from a cache hit and a device poll from a sign-in.
type Stats struct {
	Discovery         int // OpenID configuration and instance discovery
	Authorize         int // authorize page loads
	AuthCode          int // authorization_code grants redeemed
	Refresh           int // refresh_token grants redeemed
	DeviceCodes       int // device codes handed out
	DevicePolls       int // device_code grant polls, pending or not
	ClientCredentials int // client_credentials grants
	Errors            int // requests answered with an OAuth error
}

// NewProvider makes a provider for cfg, signing with the sandbox's RSA key
// under a kid of its own (see signer). It fails for an invalid cfg, or if
// the key shipped in the binary does not parse.
func NewProvider(cfg Config) (*Provider, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	sig, err := newSigner()
	if err != nil {
		return nil, err
	}
	return &Provider{
		cfg:     cfg,
		signer:  sig,
		base:    "https://127.0.0.1",
		codes:   map[string]*authCode{},
		refresh: map[string]*grantSession{},
		devices: map[string]*deviceGrant{},
		consent: map[string][]string{},
	}, nil
}

// SetBaseURL tells the provider where it is served ("https://127.0.0.1:PORT"),
// known only after the listener is open; issuers and endpoints derive from it.
func (p *Provider) SetBaseURL(u string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.base = strings.TrimRight(u, "/")
}

// AuthorityURL is what MSAL takes as its authority: the base URL and the
// tenant id.
func (p *Provider) AuthorityURL() string {
	return p.baseURL() + "/" + p.cfg.TenantID
}

// TenantID is the sandbox tenant's id.
func (p *Provider) TenantID() string { return p.cfg.TenantID }

// Stats returns a snapshot of the request counters.
func (p *Provider) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stats
}

func (p *Provider) baseURL() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.base
}

func (p *Provider) count(f func(*Stats)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f(&p.stats)
}

func (p *Provider) now() time.Time {
	if p.cfg.Now != nil {
		return p.cfg.Now()
	}
	return time.Now()
}

func (p *Provider) tokenTTL() time.Duration {
	if p.cfg.TokenTTL > 0 {
		return p.cfg.TokenTTL
	}
	return defaultTokenTTL
}

// lookup finds an account by UPN or object id: the demo account first, then
// the configured directory.
func (p *Provider) lookup(upnOrID string) (Account, bool) {
	d := p.cfg.Demo
	if strings.EqualFold(upnOrID, d.UPN) || strings.EqualFold(upnOrID, d.ObjectID) {
		return d, true
	}
	if p.cfg.Lookup != nil {
		return p.cfg.Lookup(upnOrID)
	}
	return Account{}, false
}

// tenantOf is the tid of tokens issued to a.
func (p *Provider) tenantOf(a Account) string {
	if a.Personal {
		return ConsumerTenantID
	}
	return p.cfg.TenantID
}

// issuerV1 is the iss of access tokens (Graph's are v1.0 tokens).
func issuerV1(tid string) string { return "https://sts.windows.net/" + tid + "/" }

// knownTenant reports whether an authority path segment names this tenant
// (by id or domain) or one of Entra ID's multi-tenant aliases.
func (p *Provider) knownTenant(t string) bool {
	switch strings.ToLower(t) {
	case strings.ToLower(p.cfg.TenantID), TenantDomain, "common", "organizations", "consumers":
		return true
	}
	return false
}

func (p *Provider) String() string {
	return fmt.Sprintf("identity provider for tenant %s at %s", p.cfg.TenantID, p.baseURL())
}
