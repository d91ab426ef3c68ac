// Package sandboxtest starts sandbox tenants for tests: one fixture, so the
// packages that test against the sandbox do not each grow a copy. It is a
// normal package so that other packages' tests can share it, but it is
// imported by tests only.
//
// The sandbox's own in-package tests cannot use it (sandboxtest imports
// sandbox).
package sandboxtest

import (
	"sync"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// Tenant is a running sandbox tenant (Graph and Entra ID on loopback) with
// what most tests reach for first.
type Tenant struct {
	*sandbox.Server
	// Dir is the generated tenant, the same as Server.Directory().
	Dir *sandbox.Directory
	// Token is a delegated access token for the demo helpdesk account with
	// the default scopes (Server.DemoToken).
	Token string
}

// Start starts a sandbox tenant with opts for one test; it is closed in
// t.Cleanup. It fails the test if the sandbox does not start.
func Start(t testing.TB, opts sandbox.Options) *Tenant {
	t.Helper()
	srv, err := sandbox.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	tn, err := newTenant(srv)
	if err != nil {
		t.Fatal(err)
	}
	return tn
}

func newTenant(srv *sandbox.Server) (*Tenant, error) {
	token, err := srv.DemoToken()
	if err != nil {
		return nil, err
	}
	return &Tenant{Server: srv, Dir: srv.Directory(), Token: token}, nil
}

var (
	shared     *Tenant
	sharedErr  error
	sharedOnce sync.Once
)

// Shared is one sandbox tenant with the default Options for the whole test
// binary, started by the first test that asks for it and never closed (the
// binary's exit ends it). Every test that uses it gets it back without
// faults, with zeroed stats and with the generated photos (uploads and
// deletes undone) in its t.Cleanup; tests that share it must not run in
// parallel with each other, nor leave other changes behind.
func Shared(t testing.TB) *Tenant {
	t.Helper()
	sharedOnce.Do(func() {
		srv, err := sandbox.Start(sandbox.Options{})
		if err != nil {
			sharedErr = err
			return
		}
		if shared, sharedErr = newTenant(srv); sharedErr != nil {
			_ = srv.Close()
		}
	})
	if sharedErr != nil {
		t.Fatalf("start the shared sandbox: %v", sharedErr)
	}
	t.Cleanup(func() {
		shared.SetFaults(sandbox.Faults{})
		shared.ResetStats()
		shared.Dir.ResetPhotos()
	})
	return shared
}

// Client is a Graph client for the tenant's v1.0 root, through the
// sandbox's GraphHTTPClient (so TLS tenants work), sending token as the
// bearer token. opts come after these, so they can replace them (a
// WithTokenSource replaces the token, for example).
func (tn *Tenant) Client(token string, opts ...graphapi.Option) *graphapi.Client {
	base := []graphapi.Option{
		graphapi.WithBaseURL(tn.GraphURL("v1.0")),
		graphapi.WithHTTPClient(tn.GraphHTTPClient()),
		graphapi.WithTokenSource(graphapi.StaticToken(token)),
	}
	return graphapi.New(append(base, opts...)...)
}
