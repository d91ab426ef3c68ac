// Package identity is the sandbox tenant's Entra ID: the OAuth 2.0 and
// OpenID Connect endpoints that MSAL for Go calls (OpenID configuration,
// authorize, token, device code, instance discovery), served over TLS by a
// certificate authority made at start-up, issuing RS256-signed JWT access
// tokens that the sandbox's Graph server checks with Provider.Verify.
//
// It exists so that the app's real sign-in code, MSAL unmodified, runs end to
// end offline: the demo account signs in without a password (the authorize
// page approves it, a device code is approved on the second poll), and the
// tokens it gets behave like Entra ID's (expiry, scopes, roles, refresh).
package identity
