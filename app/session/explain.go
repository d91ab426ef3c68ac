package session

import (
	"context"
	"errors"
	"html"
	"net"
	"regexp"
	"strconv"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/auth/keyringcache"
)

// entraCode finds Entra ID's error code in an MSAL error ("AADSTS65001:
// The user or administrator has not consented…") and the OAuth error name.
var (
	entraCode      = regexp.MustCompile(`AADSTS(\d+)`)
	entraErrorName = regexp.MustCompile(`"error"\s*:\s*"([a-z_]+)"`)
	entraDesc      = regexp.MustCompile(`"error_description"\s*:\s*"(AADSTS\d+: [^"\\]*?)(?:\\r|\\n| Trace ID|")`)
	// entraPlainDesc is the description as an interactive sign-in reports
	// it: MSAL's redirect listener passes error_description on as the
	// error's text (HTML-escaped), not inside a JSON body.
	entraPlainDesc = regexp.MustCompile(`(AADSTS\d+: [^\r\n]*?)(?:\r|\n| Trace ID|$)`)
)

// entraAdvice words the sign-in refusals helpdesk staff meet while setting
// Photo Desk up, by AADSTS code, with what to change and where.
var entraAdvice = map[string]string{
	"65001":   "Photo Desk has not been given this permission yet. Sign in again to consent, or ask an administrator to grant admin consent (Entra admin center > App registrations > API permissions).",
	"65004":   "The permission request was declined, so Photo Desk cannot read what needs it.",
	"90094":   "An administrator must approve the permissions Photo Desk asks for (admin consent) before you can sign in.",
	"700016":  "The client ID in Settings is not an app registered in this tenant. Copy the Application (client) ID from the app registration.",
	"50034":   "There is no account with that username in the tenant set in Settings. Check the username (typed without spaces), or sign in with an account of that tenant.",
	"90002":   "The tenant in Settings does not exist. Check the tenant ID or domain, and the authority for national clouds.",
	"900023":  "The tenant in Settings is not a valid tenant ID or domain.",
	"7000218": "The app registration does not allow device code sign-in: turn on \"Allow public client flows\" under Authentication, or sign in with your browser.",
	"50011":   "The app registration has no http://localhost redirect URI for \"Mobile and desktop applications\". Add it under Authentication.",
	"500113":  "The app registration has no redirect URI. Add http://localhost under Authentication, as \"Mobile and desktop applications\".",
	"7000215": "The client secret is wrong. Paste the secret's Value (not its ID) in Settings.",
	"7000222": "The client secret has expired. Create a new one in the app registration and paste it in Settings.",
	"700027":  "The certificate is not the one uploaded to the app registration, or has expired.",
	"50020":   "This account is not in the tenant set in Settings. Sign in with an account of that tenant, or change the tenant.",
	"50053":   "The account is locked after too many sign-in attempts. Try again later.",
	"50076":   "Your organization requires multi-factor authentication: sign in with your browser.",
	"53003":   "A Conditional Access policy of your organization blocked this sign-in.",
}

// Explain words a sign-in or connection error for a person: what happened
// and what to do, from Entra ID's AADSTS codes when there is one. Graph
// errors and the rest go through app.Friendly. The window and the command
// line both use it, so both give the same advice; callers log the error
// itself for developers.
func Explain(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrSignInStopped):
		return SignInStopped
	case errors.Is(err, context.Canceled):
		return "Sign-in cancelled."
	}
	if words, ok := app.SignInTrouble(err); ok {
		// First: a token that could not be had for want of the sign-in
		// service (auth.ErrSignInUnavailable, or a Graph request's
		// graphapi.TokenError) is no sign-in to renew; the account stays.
		return words
	}
	switch {
	case errors.Is(err, errNewEntry):
		return signOutHeldBack
	case errors.Is(err, ErrHandedOver):
		return signOutHandedOver
	case errors.Is(err, auth.ErrKeyringNotUpdated):
		// Before the rest: the sign-out took effect, and the keyring's
		// own error names an entry and D-Bus internals nobody can act on.
		return signedOutUnsaved(err)
	case keyringcache.IsUnavailable(err):
		return keyringUnusable(err)
	case errors.Is(err, auth.ErrSignInRequired):
		return SignInAgain
	case errors.Is(err, auth.ErrNoSuchAccount):
		// Not the error's words: they end in MSAL's home account id.
		return "That account is no longer signed in: it " + SignedOutElsewhere
	case errors.Is(err, auth.ErrStillSignedIn):
		// Finishing a sign-out of an account signed in since: nothing
		// was done, and "signed out" would be false.
		return "That account is signed in (again, or by another Photo Desk window), so the keyring keeps its sign-in. " +
			"To sign it out, choose it in the Account menu and then Sign out… there."
	case errors.Is(err, auth.ErrAppSession):
		return "Photo Desk signs in as an application (see Settings), so there is no person to sign in."
	}
	if inv, ok := errors.AsType[*auth.InvalidCloudError](err); ok {
		return settingsProblems(inv)
	}
	msg := err.Error()
	if code := entraCode.FindStringSubmatch(msg); code != nil {
		if u, ok := errors.AsType[*usernameError](err); ok && code[1] == "50034" {
			return "There is no account " + strconv.Quote(u.username) + " in the tenant set in Settings. " +
				"Check the username (typed without spaces), or sign in with an account of that tenant. (AADSTS50034)"
		}
		if advice, ok := entraAdvice[code[1]]; ok {
			return advice + " (AADSTS" + code[1] + ")"
		}
		if d := entraDesc.FindStringSubmatch(msg); d != nil {
			return "Microsoft's sign-in service refused: " + app.Sentence(d[1])
		}
		if d := entraPlainDesc.FindStringSubmatch(msg); d != nil {
			return "Microsoft's sign-in service refused: " + app.Sentence(html.UnescapeString(d[1]))
		}
		return "Microsoft's sign-in service refused (AADSTS" + code[1] + ")."
	}
	if name := entraErrorName.FindStringSubmatch(msg); name != nil && name[1] == "access_denied" {
		return "The sign-in was declined, so Photo Desk was not given access."
	}
	if strings.Contains(msg, "auth: ") {
		// MSAL's requests meet a company network as Graph's do: a
		// proxy inspecting HTTPS, or refusing the tunnel (before the
		// offline words: its errors may come as a *net.OpError).
		if words, ok := app.ConnectionTrouble(err, app.SignInService(err)); ok {
			return words
		}
	}
	var dns *net.DNSError
	var op *net.OpError
	if strings.Contains(msg, "auth: ") && (errors.As(err, &dns) || errors.As(err, &op)) {
		return app.CannotReach(app.SignInService(err))
	}
	if strings.Contains(msg, "auth: ") && !strings.Contains(msg, "http call") {
		// The session's own words (a certificate that cannot be read),
		// wrapped or not ("sign in as the application: auth: …"), are
		// written for people already; only the package prefix goes.
		return app.Sentence(strings.ReplaceAll(msg, "auth: ", ""))
	}
	return app.Friendly(err)
}

// settingsProblems words what is wrong with the connection settings, each
// problem a sentence on a line of its own ("Tenant: …." then "Client ID:
// …."): joined as they are, only the first started with a capital.
func settingsProblems(inv *auth.InvalidCloudError) string {
	lines := make([]string, len(inv.Problems))
	for i, p := range inv.Problems {
		lines[i] = app.Sentence(p.Error())
	}
	return strings.Join(lines, "\n")
}

// keyringLocked reports whether the keyring's words for a failure say it
// is locked (go-keyring: "failed to unlock correct collection …", after
// the unlock prompt was dismissed).
func keyringLocked(err error) bool {
	r := strings.ToLower(keyringcache.Reason(err))
	return strings.Contains(r, "unlock") || strings.Contains(r, "locked")
}

// signedOutUnsaved words a sign-out that took effect for this run only:
// the keyring could not be updated, so it may still hold the sign-in. The
// window offers Try again (and the Account menu "Finish signing out"),
// which removes it once the keyring works (auth's ForgetSignedOut). Left
// as it is, the next start with a working keyring may have the account
// signed in again (auth's TestSignOutTheKeyringMissedIsUndoneAtTheNextStart):
// hence "may".
func signedOutUnsaved(err error) string {
	if keyringLocked(err) {
		return "Signed out for this session, but the keyring is locked, so it may still hold the sign-in. " +
			"Unlock the keyring and choose Try again to remove it (the Account menu offers it too). " +
			"Otherwise this account may be signed in again the next time Photo Desk starts with the keyring unlocked."
	}
	return "Signed out for this session, but the system keyring could not be updated, so it may still hold the sign-in. " +
		"Make sure the keyring is running and unlocked (on Linux, in your desktop session) and choose Try again to remove it (the Account menu offers it too). " +
		"Otherwise this account may be signed in again the next time Photo Desk starts with the keyring working."
}

// keyringUnusable words any other keyring failure (a client secret that
// could not be read), with the keyring's reason and never the entry's name.
func keyringUnusable(err error) string {
	if keyringLocked(err) {
		return "The system keyring is locked. Unlock it and try again."
	}
	why := ""
	if r := keyringcache.Reason(err); r != "" {
		why = " (" + r + ")"
	}
	return "The system keyring could not be used" + why + ". Make sure it is running and unlocked (on Linux, start Photo Desk in your desktop session) and try again."
}

// SignInStopped is what a person reads when Settings re-opened the
// connection while they were signing in: that sign-in was for the
// settings they replaced, so it stopped rather than sign them in to a
// connection the window no longer shows. Its tokens may have reached the
// keyring all the same (just before the reconnect, or by a keyring call
// under way, which cannot be called back), and the new connection then
// shows the account: the person is told to sign in again only if it
// does not.
const SignInStopped = "Sign-in stopped: the settings changed before you finished signing in. " +
	"If Photo Desk does not show the account once it has connected again, sign in again."

// signOutHandedOver words a sign-out (or the finishing of one) the
// keyring had not recorded when Settings re-opened the connection: it
// may be waiting on the keyring's unlock prompt. The new connection
// finishes it once the keyring answers.
const signOutHandedOver = "Signed out. The settings changed before the system keyring recorded the sign-out (if it asks to be unlocked, answer it): " +
	"Photo Desk finishes it on the new connection as soon as the keyring answers, and the Account menu offers Finish signing out until then."

// signOutHeldBack words a sign-out the keyring had not recorded when
// Settings changed to another tenant, app registration or to signing in
// as an application: the new connection keeps its tokens in another
// keyring entry, so it neither finishes it nor offers to; a later
// connection to the account's tenant and app registration does.
const signOutHeldBack = "Signed out for this session. The settings changed before the system keyring recorded the sign-out, " +
	"and now name another tenant or app registration, so the keyring may still hold the sign-in (if it asks to be unlocked, answer it): " +
	"Photo Desk finishes the sign-out when Settings name the account's tenant and app registration again, " +
	"and the Account menu there offers Finish signing out until then."

// SignOutHeldBack reports a sign-out handed over to a connection of
// another tenant or app registration (see signOutHeldBack): trying again
// there cannot reach the keyring entry that may hold it.
func SignOutHeldBack(err error) bool { return errors.Is(err, errNewEntry) }

// SignedOutUnsaved reports an error from signing out that took effect for
// this run but could not be recorded in the keyring, so the window can
// title it as a sign-out rather than a failure.
func SignedOutUnsaved(err error) bool { return errors.Is(err, auth.ErrKeyringNotUpdated) }

// SignInAgain is app.SignInAgain, the words for auth.ErrSignInRequired.
const SignInAgain = app.SignInAgain

// SignedOutElsewhere ends a sentence that names an account the window
// still offered: what can have signed it out, since nothing in this
// window did.
const SignedOutElsewhere = "was signed out elsewhere (in another Photo Desk window, or its tokens were removed from the keyring)."

// KeyringNotice is the status bar's line when tokens cannot be saved, so a
// person knows why Photo Desk asks them to sign in at every start. It is
// the run's rule, true before a sign-in as after, so the sign-in panel
// shows it too. On the sandbox (demo) signing in again is not theirs to
// do: its demo account signs itself in at every start, kept or not.
func KeyringNotice(p auth.Persistence, demo bool) string {
	if p.Keyring {
		return ""
	}
	lead := "Sign-ins are not remembered after Photo Desk quits: " + KeyringWhy(p)
	if demo {
		return lead + ". The sandbox signs its demo account in again by itself at every start."
	}
	return lead + ", so you sign in again next time."
}

// KeyringWhy says why the keyring keeps no sign-ins this run, once: the
// reason names the keyring itself ("the keyring cannot be read"), and
// "the system keyring is not available (the keyring cannot be read)"
// said it twice.
func KeyringWhy(p auth.Persistence) string {
	switch r := p.Reason; {
	case r == "":
		return "the system keyring is not available"
	case strings.HasPrefix(r, "the keyring "):
		return "the system " + strings.TrimPrefix(r, "the ")
	default:
		return "the system keyring is not available (" + r + ")"
	}
}
