package auth

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	msalerrors "github.com/AzureAD/microsoft-authentication-library-for-go/apps/errors"
)

// unavailable reports whether err, a failed silent token request, is the
// sign-in service not reached or not able to answer now — no network, no
// DNS, a refused or cut connection, TLS, a proxy, a timeout (all an
// *url.Error: the request got no answer), or an answer that it is down
// or busy (5xx, 429, temporarily_unavailable) — rather than its word that
// the refresh token no longer serves (invalid_grant, interaction_required,
// consent: a 400). Only the latter needs the person: a laptop that woke up
// without a network keeps its account and tokens, and the next request
// simply tries again.
func unavailable(err error) bool {
	var call msalerrors.CallErr
	if errors.As(err, &call) && call.Resp != nil {
		return busyStatus(call.Resp.StatusCode) || temporarilyUnavailable(err)
	}
	var u *url.Error
	return errors.As(err, &u)
}

// busyStatus is an HTTP status that says the service is down or busy.
func busyStatus(code int) bool {
	return code >= http.StatusInternalServerError || code == http.StatusTooManyRequests
}

// temporarilyUnavailable reports OAuth's temporarily_unavailable error
// in an answer's body (MSAL's error quotes it), whatever its status.
func temporarilyUnavailable(err error) bool {
	return strings.Contains(err.Error(), `"temporarily_unavailable"`)
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
