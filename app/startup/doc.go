// Package startup opens Photo Desk's engine for either face, the window or
// the command line: it picks the cloud from the preferences, starts the
// in-process sandbox tenant when that is the cloud, signs in through MSAL and
// hands back an app.Engine talking to Graph with the session's tokens. It is
// the one place where the sandbox, the sign-in and the Graph client meet, so
// the demo and a real tenant go down the same path.
package startup
