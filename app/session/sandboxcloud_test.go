package session

import (
	"testing"

	"github.com/photodesk/photodesk/app/auth"
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
