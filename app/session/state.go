package session

import "github.com/photodesk/photodesk/app/auth"

// Phase is where the connection is.
type Phase int

// The phases a Controller reports, in the order a start goes through them.
const (
	// Connecting: the environment is opening (sandbox start, keyring read).
	Connecting Phase = iota
	// Failed: the environment could not open; State.Reason says why and
	// what to do, in a person's words.
	Failed
	// SignedOut: the tenant is open and nobody is signed in to it.
	SignedOut
	// Ready: an account (or the application) is signed in; State.Conn is
	// its connection.
	Ready
)

func (p Phase) String() string {
	switch p {
	case Connecting:
		return "connecting"
	case Failed:
		return "failed"
	case SignedOut:
		return "signed out"
	case Ready:
		return "ready"
	}
	return "unknown"
}

// State is what the window shows. Seq grows with every state a Controller
// reports, so a window that hops states onto its UI thread can drop one
// that arrives after a newer one.
type State struct {
	Seq   uint64
	Phase Phase
	// Where names what is being connected to, for "Connecting to …" and
	// "Sign in to …": "the sandbox tenant" or the tenant in Settings.
	Where string
	// Err is why the connection failed (Failed); Reason is it in a
	// person's words, with what they can do about it.
	Err    error
	Reason string
	// Status is the status bar's line: tenant, API version, account,
	// notices. Set in every phase but Connecting and Failed.
	Status Status
	// Conn is the signed-in account's connection (Ready only).
	Conn *Conn
}

// Status is what the status bar says about the connection.
type Status struct {
	Account    string // the signed-in UPN, AppAccount for an application; "" when signed out
	Tenant     string // the tenant's domain or id
	APIVersion string // "v1.0" or "beta"
	Demo       bool   // the built-in sandbox tenant, not Microsoft 365
	Notice     string // e.g. tokens kept in memory only; the limits of application permissions
	// Tokens is where the connection keeps sign-ins: the system keyring,
	// or memory only and why, for Help > About to say which.
	Tokens auth.Persistence
}

// AppAccount is the status bar's account while Photo Desk signs in as an
// application rather than as a person.
const AppAccount = "Signed in as the application"

// AppLimits says what application permissions cannot do, before anyone
// tries: Graph has no "me" for an app, so no Me and no My contacts, and it
// refuses group photos to apps with 403 (a known issue).
const AppLimits = "Application permissions: no Me, no My contacts, and Graph refuses group photos to applications (a known 403)."
