package app

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
	"github.com/photodesk/photodesk/internal/testkit"
)

// TestFriendlyWordsACompanyNetworkInTheWay: the failures a company
// network causes most — a proxy inspecting HTTPS with a root certificate
// this computer does not trust, a certificate for another host, something
// not speaking TLS, a proxy refusing the tunnel or wanting a sign-in —
// read as Go's own words ("Get "https://…/me": tls: failed to verify
// certificate: x509: certificate signed by unknown authority", "…:
// Proxy Authentication Required"). Each now says what failed and what to
// do, Go's words kept once in brackets. The errors are real: the sandbox
// over TLS with a client that does not trust its CA, and an httptest
// proxy answering CONNECT with 407 or 403.
func TestFriendlyWordsACompanyNetworkInTheWay(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20, TLS: true})
	graph := tn.GraphURL("v1.0")
	plain := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(plain.Close)
	notTLS := sshLike(t)
	through := func(status int, user *url.Userinfo) *http.Client {
		proxy := testkit.RefusingProxy(t, status)
		proxy.User = user
		return &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy), OnProxyConnectResponse: graphapi.CheckProxyConnect}}
	}
	wrongHost := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: tn.CA().CertPool(), ServerName: "graph.microsoft.com"}}}
	proxyHost := func(c *http.Client) string {
		u, _ := c.Transport.(*http.Transport).Proxy(nil)
		return u.Host
	}
	auth407, pass407, forbid := through(http.StatusProxyAuthRequired, nil), through(http.StatusProxyAuthRequired, url.UserPassword("kim", "secret")), through(http.StatusForbidden, nil)

	tests := []struct {
		name   string
		base   string
		client *http.Client
		want   string
	}{
		{"a root certificate not trusted", graph, graphapi.NewHTTPClient(), `The connection to Microsoft Graph is not trusted: its certificate was signed by "Photo Desk sandbox CA", ` +
			"an authority this computer does not trust (x509: certificate signed by unknown authority). " +
			"If your company's proxy inspects HTTPS, its root certificate must be installed on this computer; ask your IT department."},
		{"a certificate for another host", graph, wrongHost, "The connection to Microsoft Graph is not trusted: its certificate is for another server " +
			"(x509: certificate is valid for localhost, not graph.microsoft.com): a proxy or a network filter may be answering in its place. " +
			"If your company's proxy inspects HTTPS, ask your IT department."},
		{"an answer that is not TLS", "https://" + notTLS + "/v1.0", graphapi.NewHTTPClient(), "Something other than Microsoft Graph answered: " +
			"the connection should have been secure (HTTPS) and the answer was not (tls: first record does not look like a TLS handshake). " +
			"Check the proxy setting (HTTPS_PROXY) and the address, or ask your IT department."},
		{"plain HTTP where HTTPS was asked for", "https" + strings.TrimPrefix(plain.URL, "http") + "/v1.0", graphapi.NewHTTPClient(), "Something other than Microsoft Graph answered: " +
			"the connection should have been secure (HTTPS) and the answer was not (http: server gave HTTP response to HTTPS client). " +
			"Check the proxy setting (HTTPS_PROXY) and the address, or ask your IT department."},
		{"a proxy that wants a sign-in", graph, auth407, "The proxy (" + proxyHost(auth407) + ") wants a sign-in before it lets Photo Desk through to Microsoft Graph " +
			"(407 Proxy Authentication Required), and Photo Desk cannot give one: it cannot sign in to a proxy with your Windows or network account. " +
			"Ask your IT department to let Photo Desk reach 127.0.0.1 without a proxy sign-in, or to give you a proxy user name and password for the proxy setting " +
			"(HTTPS_PROXY=http://user:password@proxy:port)."},
		{"a proxy password refused", graph, pass407, "The proxy (" + proxyHost(pass407) + ") did not accept the user name and password in the proxy setting " +
			"(407 Proxy Authentication Required), so Photo Desk cannot reach Microsoft Graph. Check them in HTTPS_PROXY, or ask your IT department."},
		{"a proxy that forbids it", graph, forbid, "The proxy (" + proxyHost(forbid) + ") does not let this computer reach Microsoft Graph (403 Forbidden). " +
			"Ask your IT department to allow connections to 127.0.0.1."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := graphapi.New(graphapi.WithBaseURL(tt.base), graphapi.WithHTTPClient(tt.client), graphapi.WithTokenSource(graphapi.StaticToken(tn.Token)), quickRetry)
			_, err := c.GetMe(context.Background())
			if err == nil {
				t.Fatal("GetMe: no error")
			}
			if got := Friendly(err); got != tt.want {
				t.Errorf("Friendly(%v)\n = %q\nwant %q", err, got, tt.want)
			}
		})
	}
}

// sshLike listens on loopback and answers every connection with an SSH
// server's greeting, as a wrong port or a non-HTTPS service would: not a
// TLS record, and not HTTP either. It returns its host:port.
func sshLike(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			_, _ = conn.Write([]byte("SSH-2.0-OpenSSH_9.6\r\n"))
			_ = conn.Close()
		}
	}()
	return l.Addr().String()
}
