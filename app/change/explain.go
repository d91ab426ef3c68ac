package change

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi"
)

// Explain words why a change to p's photo failed, for a person: what
// happened and what they can do. The window and the command line both
// use it.
func Explain(err error, p app.Person) string {
	var ge *graphapi.Error
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrCannotCheck):
		return "Nothing was undone: the change log does not show how that change ended, and Photo Desk cannot tell whether it went through: " +
			"Microsoft Graph answers for " + TargetOf(p).String() + " as for a user without an Exchange Online mailbox (400 AuthenticationError), " +
			"so their photo cannot be read. The change log is as it was; once they have a mailbox, undo can look again."
	case errors.Is(err, ErrNotSent):
		// Said plainly: "Cancelled." alone (the context's error it
		// wraps) leaves open whether it went.
		return app.Sentence(ErrNotSent.Error())
	case signInTrouble(err) != "" && (errors.Is(err, ErrWhoUnknown) || !Unanswered(err)):
		// No token came, for want of the sign-in service — to tell who
		// changes, to read the photo for its backup, or to send the
		// change: the service is named rather than Graph, and nothing
		// was sent. After an earlier try that got no answer the words
		// below, that it may have gone through, stand.
		return signInTrouble(err) + " Nothing was changed."
	case errors.Is(err, auth.ErrSignInRequired) && (errors.Is(err, ErrWhoUnknown) || !Unanswered(err)):
		// The sign-in service's word that the refresh token no longer
		// serves (expired, revoked, MFA), to tell who changes, to read the
		// photo for its backup, or to send the change: a sign-in is what
		// it takes, as everywhere else, not the token request's raw text.
		return app.SignInAgain + " Nothing was changed."
	case errors.Is(err, ErrBackupFailed) && errors.As(err, &ge):
		// Graph would not let the photo be read: say why as a read does
		// (no such person, the folder not shared, throttled), not as a
		// backup folder's trouble.
		return "Nothing was changed: the current photo could not be read for its backup. " + app.Friendly(err)
	case errors.Is(err, ErrBackupFailed) && errors.Is(err, app.ErrDamagedInTransit):
		// The decoder's words ("invalid JPEG format: short Huffman
		// data") tell a helpdesk person nothing; the log keeps them.
		return fmt.Sprintf("Nothing was changed: the current photo could not be backed up first, since it arrived damaged %d times, "+
			"differently each time (the network or a proxy on the way is garbling it). Try again in a moment.", app.PhotoReads)
	case errors.Is(err, ErrBackupFailed):
		return "Nothing was changed: the current photo could not be backed up first (" + strings.TrimPrefix(err.Error(), ErrBackupFailed.Error()+": ") + ")."
	case errors.Is(err, ErrWhoUnknown):
		return "Nothing was changed: Photo Desk could not tell from the sign-in which account and tenant it works as, so the change could not be undone later. " +
			"Sign in again; a bare token from PHOTODESK_ACCESS_TOKEN must be a work or school account's JWT access token."
	case errors.Is(err, ErrNotLogged):
		return "The photo was changed, but the change log could not record it, so Undo last change cannot undo it; its backup is in the backups folder (" + rootCause(err) + ")."
	case errors.Is(err, ErrNothingToRemove), errors.Is(err, ErrNothingToUndo), errors.Is(err, ErrContactsCannotBeRemoved), errors.Is(err, ErrUndoMovedOn),
		errors.Is(err, ErrChangedSince):
		return app.Sentence(rootCause(err))
	case errors.Is(err, graphapi.ErrPhotoTooLarge):
		return "The picture is larger than the 4 MB Microsoft Graph accepts. Change photo… makes it small enough; pick the picture there."
	case errors.Is(err, graphapi.ErrNeverSent) && !Unanswered(err):
		// The change never left this machine (a refused dial, DNS, a
		// proxy's CONNECT, TLS): "lost while on its way" and the window's
		// and the command line's "it may have gone through" were wrong.
		return app.Friendly(err) + " Nothing was changed."
	case !errors.As(err, &ge) && cutWrite(err):
		// No answer at all to the change itself: app.Friendly's words for
		// a connection cut, "Cannot reach Microsoft Graph. … try again",
		// or for a try that timed out, "… took too long to answer. Try
		// again.", came before the window's and the command line's "it
		// may have gone through: look first", and tried again before
		// looking, the change may be made twice, as after a gateway's 504
		// below.
		if errors.Is(err, context.DeadlineExceeded) {
			return "Microsoft Graph took too long to answer the change, and Photo Desk stopped waiting."
		}
		return "The connection to Microsoft Graph was lost while the change was on its way."
	case !errors.As(err, &ge):
		return app.Friendly(err)
	case graphapi.IsAdminRoleRequired(err):
		return "Microsoft Graph refused: changing another person's photo needs a directory role that may manage users — User Administrator or higher — " +
			"as well as the ProfilePhoto.ReadWrite.All permission. A Privileged Role Administrator or Global Administrator can assign the role " +
			"(Entra admin center > Roles & admins). Nothing was changed."
	case ge.Status == http.StatusForbidden && p.Kind == app.KindGroup:
		// No application permission would do: Graph refuses group photo
		// changes to applications (graph-facts), so none is suggested.
		return "Microsoft Graph refused: Photo Desk may not change this group's photo. It needs " + WritePermission(p) +
			" — delegated, with admin consent where your organization asks for it; signing in as an application would not help, " +
			"as Graph refuses group photo changes to applications whatever their permissions. Nothing was changed."
	case ge.Status == http.StatusForbidden:
		return "Microsoft Graph refused: Photo Desk may not change this photo. It needs " + WritePermission(p) +
			" — delegated, with admin consent where your organization asks for it, or as an application permission when Photo Desk signs in as an application. Nothing was changed."
	case IsUploadTooLargeForUser(err):
		return "Microsoft Graph answered 404 to the upload. Users without an Exchange Online mailbox have refused photos over about 100 KB; try a smaller version. Nothing was changed."
	case ge.Status == http.StatusRequestEntityTooLarge:
		return "Microsoft Graph found the picture too large. Nothing was changed."
	case graphapi.IsNoMailbox(err) && ge.Method == http.MethodGet:
		// The read before the change: Graph may well take the change
		// (small uploads to such users went through), but a photo that
		// cannot be read cannot be backed up, so none was sent.
		return "Nothing was changed: Microsoft Graph answers for " + TargetOf(p).String() +
			" as for a user without an Exchange Online mailbox (400 AuthenticationError), so their current photo cannot be read, " +
			"and Photo Desk changes no photo it could not back up first."
	case graphapi.IsNoMailbox(err):
		return "Microsoft Graph refused with its answer for a user without an Exchange Online mailbox (400 AuthenticationError): " +
			"it cannot change " + TargetOf(p).Possessive() + " photo this way. Nothing was changed."
	case graphapi.IsInvalidPhoto(err):
		return "Microsoft Graph did not take the picture as an image. Try another file (JPEG or PNG). Nothing was changed."
	case ge.Method != http.MethodGet && Unanswered(err):
		// A gateway's 502 or 504 to the change itself: it may have gone
		// through, as the window and the command line go on to say, and
		// "Nothing was changed" before that contradicted them. Nor does it
		// say "Try again in a moment" (app.Friendly's words for a 5xx):
		// tried again before looking, the change may be made twice, so
		// the look comes first, in the words that follow.
		return unansweredWrite(ge)
	}
	return app.Friendly(err) + " Nothing was changed."
}

// signInTrouble is app.SignInTrouble's words for err, "" when it has none.
func signInTrouble(err error) string {
	words, _ := app.SignInTrouble(err)
	return words
}

// unansweredWrite words ge, the answer to a change that leaves open
// whether Graph took it, with no advice to try again.
func unansweredWrite(ge *graphapi.Error) string {
	if ge.Status == http.StatusBadGateway || ge.Status == http.StatusGatewayTimeout {
		return fmt.Sprintf("A gateway on the way answered %d %s in Microsoft Graph's place%s.",
			ge.Status, http.StatusText(ge.Status), ge.RequestIDNote())
	}
	return fmt.Sprintf("Microsoft Graph answered %d %s, after an earlier try of the change got no answer%s.",
		ge.Status, http.StatusText(ge.Status), ge.RequestIDNote())
}

// cutWrite reports err, the error of a change, as a write (not the read
// before it) that the connection failed under, or that timed out, before
// any answer came. The http client's *url.Error names the request's
// method ("Put", "Delete", "Post" for a $batch of uploads); graphapi wraps
// it as it is. A cancelled change keeps Friendly's "Cancelled.", which the
// window and the command line follow with their own words on it.
func cutWrite(err error) bool {
	var ue *url.Error
	if !errors.As(err, &ue) || errors.Is(err, context.Canceled) {
		return false // no request failed on the wire, or Friendly's own words fit
	}
	switch strings.ToUpper(ue.Op) {
	case http.MethodGet, http.MethodHead:
		return false
	}
	return Unanswered(err)
}

// ExplainForApp is Explain for an application session. Graph refuses group
// photos to applications, to read and to change, whatever their
// permissions: any 403 to a group's change — the read for the backup or
// the write, whatever its code — is that refusal, which Explain, speaking
// to a signed-in person, words as a missing permission or role.
func ExplainForApp(err error, p app.Person) string {
	var ge *graphapi.Error
	if errors.As(err, &ge) && (graphapi.IsAppOnlyGroupPhotoDenied(err) || p.Kind == app.KindGroup && ge.Status == http.StatusForbidden) {
		return appGroupChangeRefused + ge.RequestIDNote()
	}
	return Explain(err, p)
}

// appGroupChangeRefused says plainly that no permission lets an
// application change a group's photo, and the one way to change it.
const appGroupChangeRefused = "Nothing was changed: Microsoft Graph refuses group photos to applications — changing them as well as " +
	"reading them — whatever permissions the application has (ProfilePhoto.ReadWrite.All and Group.ReadWrite.All included), " +
	"so no permission to grant would help. Sign in as a user who may change the group's photo to change it."

// IsUploadTooLargeForUser reports the bare 404 Graph has answered an
// upload to a user without a mailbox when the picture was over ~100 KB
// (see graph-facts): worth retrying with a smaller re-encode.
func IsUploadTooLargeForUser(err error) bool { return graphapi.IsPhotoTooLargeForEntraOnly(err) }

// rootCause is the innermost error's words.
func rootCause(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}
