package graphapi

import (
	"context"
	"net/http"
	"strings"
)

// DefaultBaseURL is the Microsoft Graph v1.0 endpoint in the global cloud;
// beta and the sandbox are reached by passing another base to WithBaseURL.
const DefaultBaseURL = "https://graph.microsoft.com/v1.0"

// DefaultMaxInFlight is Graph's Outlook limit of four concurrent photo
// requests per app; going over it only buys 429s.
const DefaultMaxInFlight = 4

// TokenSource hands out bearer tokens. It is an interface so graphapi never
// depends on MSAL: the app adapts its auth package, tests use StaticToken.
type TokenSource interface {
	// Token returns a currently valid access token, refreshing it if needed.
	Token(ctx context.Context) (string, error)
}

// StaticToken is a fixed bearer token, for tests, the sandbox and the
// PHOTODESK_ACCESS_TOKEN escape hatch.
type StaticToken string

// Token returns the token itself; a static token never needs refreshing.
func (t StaticToken) Token(context.Context) (string, error) { return string(t), nil }

// Client talks to one Graph endpoint (v1.0, beta or a compatible emulator).
// It is safe for concurrent use; the photo limiter is shared by all callers
// of the same Client, which is the point of it.
type Client struct {
	baseURL   string
	http      *http.Client
	tokens    TokenSource
	userAgent string
	retry     RetryPolicy
	limiter   *limiter
	probe     probing // light requests timing the network for the pacer (probe.go)
}

// Option configures a Client in New.
type Option func(*Client)

// New builds a Client for Graph v1.0 with a shared NewHTTPClient (default
// timeouts), no token, the default retry policy and a limit of four photo
// requests in flight. Whatever HTTP client is used, its redirects are
// guarded so the bearer token never leaves the base URL's origin.
func New(opts ...Option) *Client {
	c := &Client{
		baseURL:   DefaultBaseURL,
		http:      defaultHTTPClient(),
		userAgent: "photodesk-graphapi",
		limiter:   newLimiter(DefaultMaxInFlight),
	}
	for _, opt := range opts {
		opt(c)
	}
	c.retry = c.retry.withDefaults()
	c.http = c.guardRedirects(c.http)
	return c
}

// WithBaseURL points the client at another Graph root, such as
// "https://graph.microsoft.com/beta" or "http://127.0.0.1:8080/v1.0".
// A trailing slash is ignored.
func WithBaseURL(u string) Option {
	return func(c *Client) { c.baseURL = strings.TrimRight(u, "/") }
}

// WithHTTPClient replaces the HTTP client, for custom transports, proxies or
// the sandbox's TLS root. A nil client keeps the default. Build it with
// NewHTTPClient to keep the stuck-network timeouts.
func WithHTTPClient(h *http.Client) Option {
	return func(c *Client) {
		if h != nil {
			c.http = h
		}
	}
}

// WithTokenSource sets where bearer tokens come from; without one, requests
// carry no Authorization header.
func WithTokenSource(ts TokenSource) Option {
	return func(c *Client) { c.tokens = ts }
}

// WithUserAgent sets the User-Agent header, so a tenant's logs can tell
// Photo Desk apart from other Graph clients.
func WithUserAgent(ua string) Option {
	return func(c *Client) { c.userAgent = ua }
}

// WithMaxInFlight changes how many photo requests may run at once (batch
// items count one each). Values below 1 mean 1.
func WithMaxInFlight(n int) Option {
	return func(c *Client) { c.limiter = newLimiter(n) }
}

// WithNetworkProbes lets the client time the network with a few light
// requests of its own (GET /me?$select=id) when a job begins with photo
// requests and nothing has timed it yet, so the pacer can send ahead from
// the first envelopes (probe.go). The app and the command line turn it
// on; unit tests that count requests leave it off.
func WithNetworkProbes() Option {
	return func(c *Client) { c.probe.enabled = true }
}

// WithRetry replaces the retry policy; zero fields keep their defaults.
func WithRetry(p RetryPolicy) Option {
	return func(c *Client) { c.retry = p }
}

// BaseURL reports the Graph root the client talks to, without a trailing
// slash, so callers can show the API version and build absolute links.
func (c *Client) BaseURL() string { return c.baseURL }
