// Package session is Photo Desk's connection lifecycle in one place: it
// opens and closes the environment the preferences describe (the sandbox
// tenant or a Microsoft 365 tenant), signs people in and out, switches
// accounts, asks for more consent, keeps a client secret the keyring
// refused for this run only, and words sign-in errors for people.
//
// A Controller reports plain states (connecting, failed, signed out,
// ready) through a callback; the window renders them and the command line
// uses the same words. Every account generation gets a Conn with a root
// context and an engine whose tokens are pinned to that account: switching
// account, signing out, changing settings or quitting ends the context, so
// every job started under the account stops, and none of its requests is
// ever sent with another account's token.
//
// The package knows neither Fyne nor the sandbox: the composition root
// (app/startup) hands it an Opener.
package session
