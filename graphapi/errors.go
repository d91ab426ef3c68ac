package graphapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// CodeNoPhotoPlaceholder is the Code of the Error made when Graph answers
// 200 but describes the 1x1 placeholder (or sends no bytes) instead of a
// photo, as old tenants do; IsNoPhoto is true for it.
const CodeNoPhotoPlaceholder = "NoPhotoPlaceholder"

// CodeNoPhotoBytes is the Code of the Error made when a photo's bytes are
// asked for and the answer is a success with none (IsNoPhoto is true for
// it, IsAnsweredNoPhoto false).
const CodeNoPhotoBytes = "NoPhotoBytes"

// Error is a failed Graph request: the HTTP status, Graph's error code and
// message, and the ids Microsoft support needs to trace it. Use errors.As
// or the Is* predicates rather than comparing strings.
type Error struct {
	Status          int           // HTTP status (200 for a placeholder photo)
	Code            string        // Graph error code, e.g. "ImageNotFound"; "" for a non-JSON body
	Message         string        // Graph's message, or the start of a non-JSON body
	RequestID       string        // request-id from the response (header or innerError)
	ClientRequestID string        // the client-request-id we sent
	RetryAfter      time.Duration // parsed Retry-After, 0 if absent
	URL             string        // the request URL
	Method          string        // the request method, e.g. "GET"; tells an upload's 404 from a read's
	InBatch         bool          // an item of a $batch envelope Graph answered (items carry no request-id)
}

// Error reads like "graph 404 ImageNotFound: message (request-id …)".
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "graph %d", e.Status)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	b.WriteString(e.RequestIDNote())
	return b.String()
}

// RequestIDNote is " (request-id …)", the note that keeps the id support
// asks for at the end of a sentence, or "" when the answer carried none
// (or e is nil). Error ends with it, and so do the words app and the
// command line give people, which is why the command line can take the
// repeats out of what it prints by this one spelling.
func (e *Error) RequestIDNote() string {
	if e == nil || e.RequestID == "" {
		return ""
	}
	return " (request-id " + e.RequestID + ")"
}

// graphErrorBody is Graph's error envelope:
// https://learn.microsoft.com/graph/errors
type graphErrorBody struct {
	Error struct {
		Code       string `json:"code"`
		Message    string `json:"message"`
		InnerError struct {
			RequestID       string `json:"request-id"`
			ClientRequestID string `json:"client-request-id"`
		} `json:"innerError"`
	} `json:"error"`
}

// maxMessage keeps a non-JSON error body (an HTML gateway page, say) from
// flooding logs and dialogs.
const maxMessage = 200

// decodeError builds an Error from a failed response. It never fails: a
// body that is not Graph's JSON still gives the status and a short message.
func decodeError(status int, header http.Header, body []byte, url string, now time.Time) *Error {
	e := &Error{Status: status, URL: url}
	var ge graphErrorBody
	if err := json.Unmarshal(body, &ge); err == nil && (ge.Error.Code != "" || ge.Error.Message != "") {
		e.Code = ge.Error.Code
		e.Message = ge.Error.Message
		e.RequestID = ge.Error.InnerError.RequestID
		e.ClientRequestID = ge.Error.InnerError.ClientRequestID
	} else {
		e.Message = shortText(body)
	}
	if e.Message == "" {
		e.Message = strings.ToLower(http.StatusText(status))
	}
	if header != nil {
		if id := header.Get("request-id"); id != "" {
			e.RequestID = id
		}
		if id := header.Get("client-request-id"); id != "" && e.ClientRequestID == "" {
			e.ClientRequestID = id
		}
		if d, ok := parseRetryAfter(header.Get("Retry-After"), now); ok {
			e.RetryAfter = d
		}
	}
	return e
}

// shortText turns an arbitrary body into one printable line of at most
// maxMessage runes.
func shortText(body []byte) string {
	s := strings.ToValidUTF8(string(body), "\uFFFD")
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > maxMessage {
		r := []rune(s)
		s = string(r[:maxMessage]) + "…"
	}
	return s
}

// asError unwraps err to a Graph *Error.
func asError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// IsAnsweredNoPhoto is IsNoPhoto when Graph said so in words — a 404
// that says it, metadata or bytes of the 1x1 placeholder — and not for a
// success with no bytes (CodeNoPhotoBytes), which IsNoPhoto reads as "no
// photo" for viewing. Before a change, where "no photo" means "nothing to
// back up", an empty answer (a proxy's, say) must not let a photo be
// replaced without its backup.
func IsAnsweredNoPhoto(err error) bool {
	e, ok := asError(err)
	return ok && e.Code != CodeNoPhotoBytes && IsNoPhoto(err)
}

// IsNoPhoto reports that the subject simply has no photo (or not at that
// size): 404 ImageNotFound today, ErrorItemNotFound or GetUserPhoto in older
// tenants, the old text/plain 404 without a code for a photo read
// (microsoft-graph-docs #2319), a 200 that describes the 1x1 placeholder,
// or the historic 400 for a user without a mailbox (IsNoMailbox tells that
// one apart). It is the answer to cache, not a failure to show.
func IsNoPhoto(err error) bool {
	e, ok := asError(err)
	if !ok {
		return false
	}
	switch e.Code {
	case CodeNoPhotoPlaceholder, CodeNoPhotoBytes:
		return true
	case "ImageNotFound", "ErrorItemNotFound", "GetUserPhoto":
		return e.Status == http.StatusNotFound
	case "AuthenticationError":
		return IsNoMailbox(err) && isPhotoRead(e) // to a write it is a refusal
	case "":
		// Only from Graph itself (a request-id, or an item of a $batch
		// Graph answered): a bare 404 from some other web server is not
		// "no photo".
		return e.Status == http.StatusNotFound && isPhotoRead(e) && (e.RequestID != "" || e.InBatch)
	}
	return false
}

// isPhotoRead reports an error answering a read of a photo route; an
// upload's bare 404 (an Entra-only person's photo over 100 KB) is a
// refusal, not "no photo".
func isPhotoRead(e *Error) bool {
	return (e.Method == "" || e.Method == http.MethodGet) && isPhotoPath(e.URL)
}

// IsThrottled reports a 429 that survived the retry policy.
func IsThrottled(err error) bool { return hasStatus(err, http.StatusTooManyRequests) }

// IsUnauthorized reports a 401: the token is missing, bad or expired, and
// signing in again is the fix.
func IsUnauthorized(err error) bool { return hasStatus(err, http.StatusUnauthorized) }

// IsBadRequest reports a 400: Graph refused the request itself (a filter
// it cannot parse, something that is not an id), not the caller's rights.
func IsBadRequest(err error) bool { return hasStatus(err, http.StatusBadRequest) }

// IsForbidden reports a 403: the token lacks a scope or app role.
func IsForbidden(err error) bool { return hasStatus(err, http.StatusForbidden) }

// IsNotFound reports any 404, including "no photo"; check IsNoPhoto first
// when the difference matters (unknown user vs user without a photo).
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsPersonalAccountUnsupported reports ConsumerPhotoIsNotSupported: photo
// metadata does not exist for personal Microsoft accounts.
func IsPersonalAccountUnsupported(err error) bool {
	e, ok := asError(err)
	return ok && e.Code == "ConsumerPhotoIsNotSupported"
}

// IsAppOnlyGroupPhotoDenied reports the known issue where a group photo
// request with application permissions is refused with 403
// ErrorAccessDenied; the fix is delegated sign-in, not more permissions.
func IsAppOnlyGroupPhotoDenied(err error) bool {
	e, ok := asError(err)
	return ok && e.Status == http.StatusForbidden && e.Code == "ErrorAccessDenied" &&
		strings.Contains(e.URL, "/groups/") && strings.Contains(e.URL, "/photo")
}

// IsNoMailbox reports the historic 400 AuthenticationError "Error
// authenticating with resource" for a user who has no Exchange mailbox, so
// the photo cannot be read (microsoft-graph-docs #8877). IsNoPhoto is true
// for it too.
func IsNoMailbox(err error) bool {
	e, ok := asError(err)
	return ok && e.Status == http.StatusBadRequest && e.Code == "AuthenticationError"
}

// IsMailboxNotEnabled reports Outlook's 404 MailboxNotEnabledForRESTAPI
// ("The mailbox is either inactive, soft-deleted, or is hosted
// on-premise."): the user exists, but has no Exchange Online mailbox to
// read contacts from. IsNotFound is true for it too, but it names nobody
// missing.
func IsMailboxNotEnabled(err error) bool {
	e, ok := asError(err)
	return ok && e.Status == http.StatusNotFound && e.Code == "MailboxNotEnabledForRESTAPI"
}

func hasStatus(err error, status int) bool {
	e, ok := asError(err)
	return ok && e.Status == status
}
