// Package auth signs Photo Desk users in with MSAL for Go and hands out
// access tokens for Microsoft Graph: interactive sign-in in the system
// browser, device code as the fallback, silent refresh on every call,
// incremental scopes, several accounts, and a confidential client for
// tenants that run helpdesk tools with application permissions.
//
// MSAL's token cache goes through a CacheStore, in the app the OS keyring
// (package keyringcache). When the keyring is missing or locked the session
// keeps tokens in memory and says so (Persistence); it never falls back to a
// file. The sandbox tenant signs its demo account in through the very same
// MSAL path. The package knows nothing of Fyne.
package auth
