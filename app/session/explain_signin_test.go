package session

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/internal/testkit"
)

// switchedTransport sends through the transport last stored, so a test
// can sign in and then cut the way to the sign-in service.
type switchedTransport struct {
	current atomic.Pointer[http.Transport]
}

func (s *switchedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return s.current.Load().RoundTrip(r)
}

// TestNoTokenForWantOfTheSignInServiceNamesIt: once signed in, an access
// token is refreshed from Microsoft's sign-in service, which a network
// may keep from this computer while Graph stays reachable (a firewall
// that lets only graph.microsoft.com through). A request, or a change,
// whose token could not be had said "Cannot reach Microsoft Graph. …"
// (the window's and the change dialogs' words) or "Your sign-in has
// expired …" (the command line's and the window's status, MSAL reporting
// it as a sign-in that cannot be renewed), or named Graph's certificate.
// Now each names the sign-in service and its host, and a change says
// nothing was changed — whether the token was wanted to tell who makes
// the change or to send it. The failures are real: the sandbox's
// identity endpoint behind a refused dial, a proxy refusing the tunnel,
// and a client that does not trust its CA.
func TestNoTokenForWantOfTheSignInServiceNamesIt(t *testing.T) {
	srv, cloud := startSandboxCloud(t, sandbox.Options{Users: 10, TokenTTL: time.Minute}, publicClient) // always refreshed: MSAL renews 5 minutes ahead
	trusted := srv.IdentityHTTPClient().Transport.(*http.Transport)
	refusing := trusted.Clone()
	refusing.Proxy = http.ProxyURL(testkit.RefusingProxy(t, http.StatusForbidden))
	refusing.OnProxyConnectResponse = graphapi.CheckProxyConnect
	tests := []struct {
		name string
		cut  *http.Transport
		want string
	}{
		{"a refused connection", refusedDials(t, trusted), "Cannot reach Microsoft's sign-in service (127.0.0.1). Check the network connection (or the proxy) and try again."},
		{"a proxy refusing the tunnel", refusing, "The proxy (" + proxyHost(t, refusing) + ") does not let this computer reach Microsoft's sign-in service (127.0.0.1) (403 Forbidden). " +
			"Ask your IT department to allow connections to 127.0.0.1."},
		{"a certificate not trusted", untrusting(trusted), `The connection to Microsoft's sign-in service (127.0.0.1) is not trusted: its certificate was signed by "Photo Desk sandbox CA", ` +
			"an authority this computer does not trust (x509: certificate signed by unknown authority). " +
			"If your company's proxy inspects HTTPS, its root certificate must be installed on this computer; ask your IT department."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := t.Context()
			_, via, _, g := signedInVia(t, srv, cloud, trusted)
			via.current.Store(tt.cut)
			srv.ResetStats()

			_, readErr := g.PhotoBytes(ctx, graphapi.Me(), graphapi.SizeLargest)
			removeErr := g.DeletePhoto(ctx, graphapi.Me())
			if !errors.Is(removeErr, graphapi.ErrNeverSent) {
				t.Errorf("removal: %v is not ErrNeverSent", removeErr)
			}
			for what, err := range map[string]error{"read": readErr, "removal": removeErr} {
				if got := Explain(err); got != tt.want {
					t.Errorf("%s: Explain(%v)\n = %q\nwant %q", what, err, got, tt.want)
				}
				if got := app.Friendly(err); got != tt.want {
					t.Errorf("%s: app.Friendly = %q\nwant %q", what, got, tt.want)
				}
			}
			me := app.Person{Subject: graphapi.Me(), Kind: app.KindUser, DisplayName: "Me"}
			if got, want := change.Explain(removeErr, me), tt.want+" Nothing was changed."; got != want {
				t.Errorf("change.Explain(removal) = %q\nwant %q", got, want)
			}
			ch := &change.Changer{Graph: g, Dir: filepath.Join(t.TempDir(), "backups"), Identify: change.IdentifyBy(g)}
			_, whoErr := ch.Remove(ctx, me)
			if got, want := change.Explain(whoErr, me), tt.want+" Nothing was changed."; got != want {
				t.Errorf("change.Explain(%v)\n = %q\nwant %q", whoErr, got, want)
			}
			if n := srv.Stats().Requests; len(n) != 0 {
				t.Errorf("Graph saw requests %v, want none", n)
			}
		})
	}
}

// refusedDials is base whose every dial goes to a port nothing listens
// on, as to a sign-in service a firewall rejects.
func refusedDials(t *testing.T, base *http.Transport) *http.Transport {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	tr := base.Clone()
	var d net.Dialer
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return d.DialContext(ctx, network, addr)
	}
	return tr
}

// untrusting is base without the sandbox's CA, as a computer behind a
// proxy that inspects HTTPS with a root certificate of its own.
func untrusting(base *http.Transport) *http.Transport {
	tr := base.Clone()
	tr.TLSClientConfig = &tls.Config{}
	return tr
}

// proxyHost is the host:port of tr's proxy.
func proxyHost(t *testing.T, tr *http.Transport) string {
	u, err := tr.Proxy(&http.Request{URL: &url.URL{Scheme: "https", Host: "login.example"}})
	if err != nil || u == nil {
		t.Fatalf("no proxy: %v", err)
	}
	return u.Host
}
