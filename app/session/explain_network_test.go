package session

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/internal/testkit"
)

// TestSignInThroughACompanyNetworkSaysWhatIsInTheWay: MSAL's requests to
// the sign-in service fail as Graph's do behind a proxy that inspects
// HTTPS (a root certificate this computer does not trust) or wants a
// sign-in of its own (407), and read as Go's words ("…: tls: failed to
// verify certificate: x509: certificate signed by unknown authority").
// They now say what is in the way and what to do, naming the sign-in
// service. The errors are real: the sandbox's identity endpoints with a
// client that does not trust its CA, and an httptest proxy answering
// CONNECT with 407.
func TestSignInThroughACompanyNetworkSaysWhatIsInTheWay(t *testing.T) {
	_, cloud := startSandboxCloud(t, sandbox.Options{Users: 10}, publicClient)
	proxy := testkit.RefusingProxy(t, http.StatusProxyAuthRequired)
	tests := []struct {
		name   string
		client *http.Client
		want   string
	}{
		{"a root certificate not trusted", &http.Client{}, `The connection to Microsoft's sign-in service (127.0.0.1) is not trusted: its certificate was signed by "Photo Desk sandbox CA", ` +
			"an authority this computer does not trust (x509: certificate signed by unknown authority). " +
			"If your company's proxy inspects HTTPS, its root certificate must be installed on this computer; ask your IT department."},
		{
			"a proxy that wants a sign-in", &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy), OnProxyConnectResponse: graphapi.CheckProxyConnect}},
			"The proxy (" + proxy.Host + ") wants a sign-in before it lets Photo Desk through to Microsoft's sign-in service (127.0.0.1) " +
				"(407 Proxy Authentication Required), and Photo Desk cannot give one: it cannot sign in to a proxy with your Windows or network account. " +
				"Ask your IT department to let Photo Desk reach 127.0.0.1 without a proxy sign-in, or to give you a proxy user name and password for the proxy setting " +
				"(HTTPS_PROXY=http://user:password@proxy:port).",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			sess, err := auth.New(ctx, cloud, auth.WithHTTPClient(tt.client))
			if err == nil {
				_, err = sess.SignInDeviceCode(ctx, func(string, string, string) { t.Error("a device code was shown") })
			}
			if err == nil {
				t.Fatal("signed in")
			}
			got := Explain(err)
			if got != tt.want {
				t.Errorf("Explain(%v)\n = %q\nwant %q", err, got, tt.want)
			}
			if strings.Contains(got, "auth:") {
				t.Errorf("Explain = %q shows the package's prefix", got)
			}
		})
	}
}
