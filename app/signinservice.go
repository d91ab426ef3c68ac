package app

import (
	"context"
	"errors"
	"net"
	"net/url"

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

// SignInTrouble words a Graph request that failed for want of an access
// token because the sign-in service could not be reached or was kept
// from this computer (graphapi.TokenError): no DNS, a refused
// connection, a certificate not trusted, a proxy refusing the tunnel.
// Graph itself may well be reachable (a firewall may let only
// graph.microsoft.com through), so the words name the sign-in service
// and its host, never Graph. ok is false for any other error.
func SignInTrouble(err error) (words string, ok bool) {
	var te *graphapi.TokenError
	if !errors.As(err, &te) || errors.Is(err, context.Canceled) {
		return "", false
	}
	service := SignInService(te.Err)
	if words, ok := ConnectionTrouble(te.Err, service); ok {
		return words, true
	}
	switch {
	case isOffline(te.Err):
		return "Cannot reach " + service + ". Check the network connection (or the proxy) and try again.", true
	case errors.Is(te.Err, context.DeadlineExceeded):
		return service + " took too long to answer. Try again.", true
	}
	return "", false
}
