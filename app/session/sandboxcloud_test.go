package session

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// startSandboxCloud starts a sandbox with opts, closed with the test, and
// its cloud for the client clientID (the public client's or
// sandbox.DaemonClientID).
func startSandboxCloud(t *testing.T, opts sandbox.Options, clientID func(*sandbox.Server) string) (*sandbox.Server, auth.Cloud) {
	t.Helper()
	srv, err := sandbox.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	cloud, err := auth.SandboxCloud(srv.AuthorityURL(), clientID(srv))
	if err != nil {
		t.Fatal(err)
	}
	return srv, cloud
}

// publicClient is the sandbox's public client id, for startSandboxCloud.
func publicClient(srv *sandbox.Server) string { return srv.PublicClientID() }

// daemonClient is the sandbox's daemon (client-credentials) client id.
func daemonClient(*sandbox.Server) string { return sandbox.DaemonClientID }

// signedInVia signs the sandbox's demo account in with a device code
// through a switchedTransport set to trusted, which the test may switch
// later; g is a Graph client on that session that does not wait between
// retries.
func signedInVia(t *testing.T, srv *sandbox.Server, cloud auth.Cloud, trusted *http.Transport) (sess *auth.Session, via *switchedTransport, acct auth.Account, g *graphapi.Client) {
	t.Helper()
	ctx := t.Context()
	via = &switchedTransport{}
	via.current.Store(trusted)
	sess, err := auth.New(ctx, cloud, auth.WithHTTPClient(&http.Client{Transport: via}))
	if err != nil {
		t.Fatal(err)
	}
	if acct, err = sess.SignInDeviceCode(ctx, func(string, string, string) {}); err != nil {
		t.Fatal(err)
	}
	g = graphapi.New(graphapi.WithBaseURL(srv.GraphURL("v1.0")), graphapi.WithHTTPClient(srv.GraphHTTPClient()), graphapi.WithTokenSource(sess),
		graphapi.WithRetry(graphapi.RetryPolicy{Sleep: func(context.Context, time.Duration) error { return nil }}))
	return sess, via, acct, g
}
