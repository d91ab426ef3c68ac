package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"

	msalerrors "github.com/AzureAD/microsoft-authentication-library-for-go/apps/errors"
)

// ErrForeignAnswer means the answer to a token request was not the
// sign-in service's: a web page where its JSON should have been (MSAL
// could not decode it), or 511 Network Authentication Required. That is
// a captive portal (a hotel's or an airport's Wi-Fi wanting its terms
// accepted) or a proxy answering in the service's place. It comes wrapped
// with ErrSignInUnavailable: no new sign-in can help, the account is
// kept, and the network's own sign-in, done in a browser, is what does.
var ErrForeignAnswer = errors.New("the answer was not the sign-in service's")

// unavailableError wraps err, a failed token request, with
// ErrSignInUnavailable (and ErrForeignAnswer when the answer was not the
// service's) when unavailable says so; nil when it does not.
func unavailableError(what string, err error) error {
	if !unavailable(err) {
		return nil
	}
	if foreignAnswer(err) {
		return fmt.Errorf("auth: %s%w: %w: %w", what, ErrSignInUnavailable, ErrForeignAnswer, err)
	}
	return fmt.Errorf("auth: %s%w: %w", what, ErrSignInUnavailable, err)
}

// unavailable reports whether err, a failed token request, is the
// sign-in service not reached or not able to answer now — no network, no
// DNS, a refused or cut connection, TLS, a proxy, a timeout (the request
// got no answer, or not all of it), an answer that it is down or busy
// (5xx, 429, temporarily_unavailable), or an answer that was not its own
// (foreignAnswer) — rather than its word that the refresh token no longer
// serves (invalid_grant, interaction_required, consent: a 400). Only the
// latter needs the person: a laptop that woke up without a network keeps
// its account and tokens, and the next request simply tries again.
func unavailable(err error) bool {
	if foreignAnswer(err) {
		return true
	}
	var call msalerrors.CallErr
	if errors.As(err, &call) && call.Resp != nil {
		return busyStatus(call.Resp.StatusCode) || oauthError(call.Resp) == "temporarily_unavailable"
	}
	return noAnswer(err)
}

// noAnswer reports a request that got no answer (MSAL's *url.Error from
// the HTTP client), or lost it while MSAL read its body: MSAL (v1.10,
// comm.go) wraps that read's error, untyped, as "could not read the body
// of an HTTP Response: %w". The read's error is the connection's — a cut
// before the end (io.ErrUnexpectedEOF), a reset (*net.OpError), a timeout
// — matched by type; HTTP/2's stream and connection errors have no type
// outside net/http, so MSAL's words are the last resort for them.
func noAnswer(err error) bool {
	var u *url.Error
	var op *net.OpError
	var ne net.Error
	return errors.As(err, &u) || errors.As(err, &op) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, context.DeadlineExceeded) ||
		(errors.As(err, &ne) && ne.Timeout()) ||
		strings.Contains(err.Error(), "could not read the body of an HTTP Response")
}

// foreignAnswer reports an answer that was not the sign-in service's (see
// ErrForeignAnswer): a body MSAL could not decode as JSON, or a 511.
func foreignAnswer(err error) bool {
	var call msalerrors.CallErr
	var notJSON msalerrors.InvalidJsonErr
	return errors.As(err, &notJSON) ||
		(errors.As(err, &call) && call.Resp != nil && call.Resp.StatusCode == http.StatusNetworkAuthenticationRequired)
}

// busyStatus is an HTTP status that says the service is down or busy.
func busyStatus(code int) bool {
	return code >= http.StatusInternalServerError || code == http.StatusTooManyRequests
}

// oauthError is the "error" field of an OAuth error answer's JSON body
// (RFC 6749 §5.2: "invalid_grant", "temporarily_unavailable"), "" when
// the body is not one. MSAL keeps the body in resp for its caller; it is
// put back as it was for the next reader (CallErr.Verbose).
func oauthError(resp *http.Response) string {
	if resp.Body == nil {
		return ""
	}
	data, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	if err != nil {
		return ""
	}
	var body struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(data, &body) != nil {
		return ""
	}
	return body.Error
}

// UnavailableAnswer gives the sign-in service's host and HTTP status when
// err (wrapping ErrSignInUnavailable) is its answer that it is down or
// busy rather than no answer at all; ok is false otherwise.
func UnavailableAnswer(err error) (host string, status int, ok bool) {
	var call msalerrors.CallErr
	if !errors.Is(err, ErrSignInUnavailable) || !errors.As(err, &call) || call.Resp == nil {
		return "", 0, false
	}
	if call.Req != nil && call.Req.URL != nil {
		host = call.Req.URL.Hostname()
	}
	return host, call.Resp.StatusCode, true
}
