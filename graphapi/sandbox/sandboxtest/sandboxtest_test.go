package sandboxtest_test

import (
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// TestStartTLS: a TLS tenant answers its own client as the demo account.
func TestStartTLS(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20, TLS: true})
	if tn.Dir != tn.Directory() || len(tn.Dir.Users()) != 20+5 { // the four historic people and Frontdesk
		t.Fatalf("Dir %p with %d users, Directory %p", tn.Dir, len(tn.Dir.Users()), tn.Directory())
	}
	me, err := tn.Client(tn.Token).GetMe(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if me.UserPrincipalName != tn.Dir.Examples().Helpdesk.UserPrincipalName {
		t.Errorf("/me = %+v, want the helpdesk account", me)
	}
	if _, err := tn.Client("not-a-token").GetMe(t.Context()); !graphapi.IsUnauthorized(err) {
		t.Errorf("GET /me with a bad token = %v, want 401", err)
	}
}

// TestSharedResets: the shared tenant is one server, and a test's faults
// and counts are gone for the next test.
func TestSharedResets(t *testing.T) {
	var first *sandboxtest.Tenant
	t.Run("dirty", func(t *testing.T) {
		first = sandboxtest.Shared(t)
		first.SetFaults(sandbox.Faults{Latency: 1})
		if _, err := first.Client(first.Token).GetMe(t.Context()); err != nil {
			t.Fatal(err)
		}
		if len(first.Stats().Requests) == 0 {
			t.Fatal("no request counted")
		}
	})
	t.Run("clean", func(t *testing.T) {
		tn := sandboxtest.Shared(t)
		if tn != first {
			t.Fatal("Shared started a second tenant")
		}
		if f := tn.Handler().Faults(); f != (sandbox.Faults{}) {
			t.Errorf("faults left behind: %+v", f)
		}
		if st := tn.Stats(); len(st.Requests) != 0 {
			t.Errorf("stats left behind: %+v", st.Requests)
		}
	})
}
