package graphapi

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// maxRedirects is net/http's own limit, kept because a custom CheckRedirect
// replaces it.
const maxRedirects = 10

// errDowngrade marks a move from https to plain http: whoever is on the
// path could read or change what follows, so it is refused outright.
var errDowngrade = errors.New("refusing to leave https for http")

// checkOrigin is the one rule for where the bearer token may go: only to
// the scheme, host and port of the Graph base URL. Both @odata.nextLink
// (refused when it fails) and redirects (followed without the token, or
// refused for errDowngrade) use it, so the two can never disagree.
func (c *Client) checkOrigin(u *url.URL) error {
	base, err := url.Parse(c.baseURL)
	if err != nil {
		return fmt.Errorf("bad base URL %q: %w", c.baseURL, err)
	}
	if strings.EqualFold(base.Scheme, "https") && strings.EqualFold(u.Scheme, "http") {
		return fmt.Errorf("%w: %s://%s", errDowngrade, u.Scheme, u.Host)
	}
	if origin(u) != origin(base) {
		return fmt.Errorf("%s://%s is not %s://%s", u.Scheme, u.Host, base.Scheme, base.Host)
	}
	return nil
}

// origin is scheme://host:port with the default port spelled out and case
// folded, so graph.microsoft.com and GRAPH.microsoft.com:443 compare equal
// while 127.0.0.1:8080 and 127.0.0.1:9090 do not (net/http's own redirect
// rule looks at host names only, and lets subdomains in).
func origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// guardRedirects returns a copy of h whose redirects obey checkOrigin: a
// hop off the Graph origin loses the Authorization header (for the rest of
// the chain, even back on the origin, as the server that sent us away
// chose the path), and an https to http hop is an error. h's own
// CheckRedirect, if any, still runs afterwards.
func (c *Client) guardRedirects(h *http.Client) *http.Client {
	guarded := *h
	next := h.CheckRedirect
	guarded.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return fmt.Errorf("stopped after %d redirects", maxRedirects)
		}
		err := c.checkOrigin(req.URL)
		if errors.Is(err, errDowngrade) {
			return fmt.Errorf("redirect: %w", err)
		}
		offOrigin := err != nil
		for _, prev := range via {
			if c.checkOrigin(prev.URL) != nil {
				offOrigin = true
			}
		}
		if offOrigin {
			req.Header.Del("Authorization")
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
	return &guarded
}
