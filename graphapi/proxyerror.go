package graphapi

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// ProxyError is a proxy's refusal to open the tunnel to Graph or the
// sign-in service: its answer to CONNECT was not 200, so the request never
// left for the server. net/http reports such an answer only as the proxy's
// reason phrase ("Forbidden", "Proxy Authentication Required"), which no
// caller can tell from other errors; a transport whose
// OnProxyConnectResponse is CheckProxyConnect (NewHTTPClient's is)
// reports this instead. Test for it with errors.As.
type ProxyError struct {
	Proxy  string // the proxy's host:port, never its user name or password
	Target string // the host:port the tunnel was asked for
	Status int    // the proxy's status code, e.g. 407
	Reason string // the proxy's reason phrase, e.g. "Proxy Authentication Required"
	// SentCredentials reports that the CONNECT carried a
	// Proxy-Authorization header: the proxy URL held a user name and
	// password (HTTPS_PROXY=http://user:password@host:port), the only
	// proxy sign-in net/http can give.
	SentCredentials bool
}

func (e *ProxyError) Error() string {
	return fmt.Sprintf("proxy %s refused to connect to %s: %d %s", e.Proxy, e.Target, e.Status, e.Reason)
}

// CheckProxyConnect is an http.Transport's OnProxyConnectResponse that
// turns a proxy's refusal of CONNECT into a *ProxyError.
func CheckProxyConnect(_ context.Context, proxy *url.URL, connect *http.Request, resp *http.Response) error {
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	reason := http.StatusText(resp.StatusCode)
	if _, text, ok := strings.Cut(resp.Status, " "); ok && strings.TrimSpace(text) != "" {
		reason = strings.TrimSpace(text)
	}
	e := &ProxyError{Status: resp.StatusCode, Reason: reason, SentCredentials: connect.Header.Get("Proxy-Authorization") != ""}
	if proxy != nil {
		e.Proxy = proxy.Host
	}
	if connect.URL != nil {
		e.Target = connect.URL.Opaque
	}
	if e.Target == "" {
		e.Target = connect.Host
	}
	return e
}
