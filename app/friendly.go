package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/photodesk/photodesk/graphapi"
)

// Friendly words err for a helpdesk person rather than a developer: what
// happened and what to do about it, with the Graph request-id kept where
// support might ask for it. It is for the edge (dialogs, status bar, stderr
// of the command line); code keeps using the error itself. nil gives "".
// It speaks to a person signed in (delegated permissions); an application
// session uses FriendlyForApp.
func Friendly(err error) string {
	if err == nil {
		return ""
	}
	if words, ok := SignInTrouble(err); ok {
		// Before the offline words and the timeout's: no token came, so
		// the sign-in service is what could not be reached, not Graph.
		return words
	}
	var gerr *graphapi.Error
	isGraph := errors.As(err, &gerr)
	switch {
	case errors.Is(err, context.Canceled):
		return "Cancelled."
	case errors.Is(err, context.DeadlineExceeded):
		return "Microsoft Graph took too long to answer. Try again."
	case errors.Is(err, ErrExists):
		return "A file with that name already exists. Choose another name or allow replacing it."
	case errors.Is(err, ErrDamagedInTransit):
		return fmt.Sprintf("The photo arrived damaged %d times, differently each time: the network or a proxy on the way is garbling it, so it was not shown or saved. Try again in a moment.", PhotoReads)
	case errors.Is(err, ErrHeldDamaged):
		return "The photo Graph holds is damaged (it sent the same damaged bytes twice), so it was not shown or saved. Uploading a new photo fixes it."
	case errors.Is(err, ErrNotImage):
		return "The photo Graph sent is damaged or is not an image, so it was not shown or saved."
	case errors.Is(err, ErrImageTooLarge):
		return "The photo's dimensions are implausibly large, so it was refused before decoding."
	case errors.Is(err, graphapi.ErrSizeUnsupported):
		return "Contacts have one photo size; the default photo is shown instead."
	case graphapi.IsNoMailbox(err):
		return "This user has no Exchange mailbox, so Graph cannot read a photo for them."
	case errors.Is(err, ErrNoPhoto) || graphapi.IsNoPhoto(err):
		return "No photo has been uploaded for this person or group."
	case graphapi.IsThrottled(err):
		return throttledText(gerr)
	case graphapi.IsUnauthorized(err):
		return "Your sign-in has expired or is not valid. Sign in again."
	case graphapi.IsPersonalAccountUnsupported(err):
		return "Personal Microsoft accounts cannot read photo metadata, and can only read their own photo. Sign in with a work or school account to see other people's photos."
	case graphapi.IsAppOnlyGroupPhotoDenied(err):
		return groupPhotoDenied(gerr)
	case graphapi.IsForbidden(err) && isOthersContacts(gerr):
		return "You cannot open this person's contacts. Outlook shows another person's contacts only when they have shared " +
			"their Contacts folder with you (in Outlook: right-click Contacts > Sharing permissions), and Photo Desk also needs " +
			"the Contacts.Read.Shared permission, which an administrator may have to approve." + gerr.RequestIDNote()
	case graphapi.IsForbidden(err):
		return "Permission missing: " + permissionFor(gerr) + " An administrator can grant it in the Entra admin center under App registrations > API permissions > Grant admin consent." + gerr.RequestIDNote()
	case graphapi.IsMailboxNotEnabled(err):
		return "This user has no Exchange Online mailbox (it may be inactive or kept on-premises), so Outlook holds no contacts of theirs that Graph can open." + gerr.RequestIDNote()
	case graphapi.IsNotFound(err):
		return "Not found: no such user, group or contact in this tenant (it may have been deleted)." + gerr.RequestIDNote()
	case isGraph && gerr.Status >= 500:
		return fmt.Sprintf("Microsoft Graph is unavailable right now (%d %s). Try again in a moment.%s",
			gerr.Status, http.StatusText(gerr.Status), gerr.RequestIDNote())
	case isGraph:
		msg := gerr.Message
		if msg == "" {
			msg = http.StatusText(gerr.Status)
		}
		return fmt.Sprintf("Microsoft Graph refused the request: %s (%d %s).%s", msg, gerr.Status, gerr.Code, gerr.RequestIDNote())
	}
	// Before isOffline: a proxy's CONNECT or TLS failure may come wrapped
	// in a *net.OpError ("proxyconnect", "remote error"), and "cannot
	// reach" would send a person to check a network that works.
	if words, ok := ConnectionTrouble(err, "Microsoft Graph"); ok {
		return words
	}
	if isOffline(err) {
		return CannotReach("Microsoft Graph")
	}
	return upperFirst(err.Error())
}

// CannotReach is the words for service ("Microsoft Graph", SignInService's
// name) not reached for want of a network: no DNS, a refused or cut
// connection.
func CannotReach(service string) string {
	return "Cannot reach " + service + ". Check the network connection (or the proxy) and try again."
}

// LookupTrouble says in a few words why Graph did not answer a lookup
// (ListTally.Why), for a note that goes on to name the entries: Friendly's
// wording is a paragraph.
func LookupTrouble(err error) string {
	var ge *graphapi.Error
	switch {
	case graphapi.IsThrottled(err):
		return "Microsoft Graph is throttling"
	case errors.As(err, &ge) && ge.Status >= 500:
		return "Microsoft Graph is unavailable"
	case graphapi.IsForbidden(err):
		return "permission missing"
	case errors.As(err, &ge):
		return fmt.Sprintf("Graph answered %d %s", ge.Status, ge.Code)
	case errors.Is(err, context.DeadlineExceeded):
		return "Microsoft Graph took too long"
	}
	return "Microsoft Graph could not be reached"
}

// FriendlyForApp is Friendly for an application session (client
// credentials), which knows the group photo 403 for what it is: Graph's
// known refusal of group photos to applications, which no permission
// lifts. Exchange answers a signed-in person's missing permission with the
// same ErrorAccessDenied, so only the caller, knowing the kind of sign-in,
// can choose between the two wordings.
func FriendlyForApp(err error) string {
	if graphapi.IsAppOnlyGroupPhotoDenied(err) {
		var gerr *graphapi.Error
		errors.As(err, &gerr)
		return appGroupPhotoDenied + gerr.RequestIDNote()
	}
	return Friendly(err)
}

// appGroupPhotoDenied says why an application session shows no group
// photo, and the one way to see it.
const appGroupPhotoDenied = "Microsoft Graph refuses group photos to applications (a known limitation of " +
	"application permissions, whatever permissions the app has). Sign in as a user to see group photos."

// groupPhotoDenied words Exchange's 403 ErrorAccessDenied on a group photo
// for a person signed in: for them it is a permission the app was not
// given, or the group's photo being kept from their account — not the
// applications' known limitation (FriendlyForApp), whose advice, sign in
// as a user, they have already followed. A read's permission is
// permissionFor's, as for any other 403; only a change's is named here.
func groupPhotoDenied(gerr *graphapi.Error) string {
	perm, verb := strings.TrimSuffix(permissionFor(gerr), "."), "see"
	if gerr.Method != "" && gerr.Method != http.MethodGet {
		perm, verb = "changing group photos needs ProfilePhoto.ReadWrite.All (or Group.ReadWrite.All)", "change"
	}
	return "Microsoft Graph denied the signed-in account access to the group photo. Either a permission is missing — " + perm +
		"; an administrator can grant it in the Entra admin center under App registrations > API permissions > Grant admin consent — " +
		"or your organization does not allow this account to " + verb + " this group's photo." + gerr.RequestIDNote()
}

// throttledText words a 429 that outlasted the retry policy: Photo Desk
// has stopped asking (IsThrottled errors are never retried further), so it
// must not read as a wait still going on, and says when trying again makes
// sense.
func throttledText(gerr *graphapi.Error) string {
	if gerr == nil || gerr.RetryAfter <= 0 {
		return "Microsoft Graph is throttling requests and Photo Desk has stopped trying. Try again in a moment."
	}
	when := "in a moment"
	if gerr.RetryAfter > time.Minute {
		when = "later"
	}
	return "Microsoft Graph is throttling requests (it asked to wait " + WaitText(gerr.RetryAfter) +
		") and Photo Desk has stopped trying. Try again " + when + "."
}

// permissionFor names the delegated scope the failed request needed, from
// its URL, following the Get photo doc's permission table.
func permissionFor(gerr *graphapi.Error) string {
	u := ""
	if gerr != nil {
		u = strings.ToLower(gerr.URL)
	}
	switch {
	case strings.Contains(u, "/groups") && strings.Contains(u, "/photo"):
		return "reading group photos needs ProfilePhoto.Read.All (or Group.Read.All)."
	case strings.Contains(u, "/groups"):
		return "reading groups needs GroupMember.Read.All (or Group.Read.All)."
	case strings.Contains(u, "/contacts") || strings.Contains(u, "/contactfolders"):
		return "reading contacts needs Contacts.Read."
	case strings.Contains(u, "/photo"):
		return "reading photos needs ProfilePhoto.Read.All (or User.ReadBasic.All)."
	case strings.Contains(u, "/me/") || strings.HasSuffix(u, "/me"):
		return "reading your own profile needs User.Read."
	}
	return "reading other users needs User.ReadBasic.All (or User.Read.All)."
}

// isOffline reports errors that mean the network, not Graph, failed.
func isOffline(err error) bool {
	var opErr *net.OpError
	var dnsErr *net.DNSError
	return errors.As(err, &opErr) || errors.As(err, &dnsErr)
}

// upperFirst capitalises s when it starts with a plain word. A file name,
// a path, an address or an id ("keep.jpg exists", "adele@contoso.com has
// no photo") is left as written: capitalised it names another file. It
// cannot tell a name without an extension ("portraits", "img") from a
// word, nor a name before a colon from a field label ("tenant: enter the
// directory ID"), so a message about a file puts its words first and the
// name after them ("no such file: ./photo.jpg", "cannot use img: …"), as
// photoedit.ReadFile and the command line's set do.
func upperFirst(s string) string {
	if s == "" || !startsWithWord(s) {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// startsWithWord reports whether s's first word, up to a space or a
// punctuation mark that ends a word, is ASCII letters only.
func startsWithWord(s string) bool {
	end := strings.IndexAny(s, " \t\n:;,!?")
	if end < 0 {
		end = len(s)
	}
	word := strings.TrimSuffix(s[:end], ".")
	if word == "" {
		return false
	}
	for _, r := range word {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && r != '\'' && r != '-' {
			return false
		}
	}
	return true
}

// Sentence makes s — an error's words, often lowercase and unpunctuated —
// read as a sentence: trimmed, capitalised, ending in a full stop.
func Sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = upperFirst(s)
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// isOthersContacts reports a request for the contacts of a user other than
// the signed-in one (/users/{id}/contacts…), which Graph allows only with
// Contacts.Read.Shared and a folder that person shared. Photo Desk reads
// its own contacts through /me.
func isOthersContacts(gerr *graphapi.Error) bool {
	if gerr == nil {
		return false
	}
	u := strings.ToLower(gerr.URL)
	return (strings.Contains(u, "/users/") || strings.Contains(u, "/users(")) && (strings.Contains(u, "/contacts") || strings.Contains(u, "/contactfolders"))
}
