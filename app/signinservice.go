package app

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strconv"

	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi"
)

// SignInService names Microsoft's sign-in service with the host err could
// not reach — "Microsoft's sign-in service (login.microsoftonline.com)",
// a national cloud's host from Settings, or the sandbox's — so an
// offline machine, a firewall or a wrong Authority shows which; without
// the host when err names none. The request's URL comes first: behind a
// proxy the name looked up is the proxy's.
func SignInService(err error) string {
	const service = "Microsoft's sign-in service"
	if host, _, ok := auth.UnavailableAnswer(err); ok && host != "" {
		return service + " (" + host + ")"
	}
	var u *url.Error
	if errors.As(err, &u) {
		if parsed, perr := url.Parse(u.URL); perr == nil && parsed.Hostname() != "" {
			return service + " (" + parsed.Hostname() + ")"
		}
	}
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.Name != "" {
		return service + " (" + dns.Name + ")"
	}
	return service
}

// SignInTrouble words a request that failed for want of an access token
// because the sign-in service could not be reached or was kept from this
// computer (graphapi.TokenError, or a token or permission asked for
// directly that failed with auth.ErrSignInUnavailable): no DNS, a refused
// connection, a certificate not trusted, a proxy refusing the tunnel, or
// the service answering that it is down or busy, or a captive portal's
// page answering in its place. Graph itself may well be
// reachable (a firewall may let only graph.microsoft.com through), so the
// words name the sign-in service and its host, never Graph, and never ask
// for a new sign-in: the account is kept, and trying again once the
// network is back is all it takes. ok is false for any other error.
func SignInTrouble(err error) (words string, ok bool) {
	if errors.Is(err, context.Canceled) {
		return "", false
	}
	cause := err
	if te, isToken := errors.AsType[*graphapi.TokenError](err); isToken {
		cause = te.Err
	} else if !errors.Is(err, auth.ErrSignInUnavailable) {
		return "", false
	}
	service := SignInService(cause)
	if words, ok := ConnectionTrouble(cause, service); ok {
		return words, true
	}
	if errors.Is(cause, auth.ErrForeignAnswer) {
		return foreignAnswer(service), true
	}
	if _, status, answered := auth.UnavailableAnswer(cause); answered {
		return service + " is not answering right now (" + statusWords(status) + "). " +
			"You are still signed in: try again in a few minutes.", true
	}
	offline := CannotReach(service)
	switch {
	case isOffline(cause):
		return offline, true
	case errors.Is(cause, context.DeadlineExceeded):
		return service + " took too long to answer. Try again.", true
	case errors.Is(cause, auth.ErrSignInUnavailable):
		// No answer at all, for want of a network (a connection cut
		// before one came, an EOF): still not a sign-in to renew.
		return offline, true
	}
	return "", false
}

// foreignAnswer words a token request answered by something other than
// service (auth.ErrForeignAnswer): a web page where its answer should
// have been. Nearly always a captive portal — a hotel's, an airport's, a
// train's Wi-Fi — that lets nothing through until its terms are accepted
// in a browser; else a proxy or a web filter. Signing in to Microsoft
// again cannot help (it would meet the same page), so the words say to
// finish the network's sign-in and that the account is kept.
func foreignAnswer(service string) string {
	return "Something other than " + service + " answered: a web page came where its answer should have been, " +
		"as when a hotel's or an airport's Wi-Fi wants you to sign in to it first, or a proxy answers in its place. " +
		"Open a web browser and finish the network's sign-in (or ask your IT department), then try again. You are still signed in."
}

// SignInAgain is what a person reads when no token can be had without
// them (auth.ErrSignInRequired): MSAL cannot refresh silently (expired,
// revoked, or a permission that needs consent). Signing in again with the
// same username replaces the account's tokens. Here, not in session, so
// that change.Explain words a change that failed for it as the rest do.
const SignInAgain = "Your sign-in has expired, was revoked, or needs your approval. Sign in again in the Photo Desk window: Account > Add another account…, with your username."

// statusWords is an HTTP status as "503 Service Unavailable".
func statusWords(code int) string {
	if text := http.StatusText(code); text != "" {
		return strconv.Itoa(code) + " " + text
	}
	return strconv.Itoa(code)
}
