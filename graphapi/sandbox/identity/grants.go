package identity

import "time"

// Lifetimes Entra ID uses for the short-lived secrets of its flows.
const (
	authCodeTTL   = 10 * time.Minute
	deviceCodeTTL = 15 * time.Minute
	// devicePollInterval is the interval the device code response asks
	// clients to poll at, in seconds (MSAL polls faster, which is allowed).
	devicePollInterval = 5
)

// authCode is an authorization code waiting to be redeemed with its PKCE
// verifier, once.
type authCode struct {
	account     Account
	clientID    string
	redirectURI string
	challenge   string
	method      string   // S256 or plain; "" when the client sent no challenge
	scopes      []string // as requested, verbatim
	expires     time.Time
	redeemed    bool
}

// grantSession is what a refresh token stands for: a person signed in to a
// client. Refresh tokens are opaque random strings mapped to one of these.
type grantSession struct {
	account  Account
	clientID string
}

// deviceGrant is a device code: pending on its first poll, approved for the
// demo account (or whoever ApproveDevice named) from then on.
type deviceGrant struct {
	userCode string
	clientID string
	scopes   []string
	expires  time.Time
	polls    int
	approved *Account
	redeemed bool
}
