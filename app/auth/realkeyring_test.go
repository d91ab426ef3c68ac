package auth

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"

	"github.com/photodesk/photodesk/app/auth/keyringcache"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// TestRestartStaysSignedInRealKeyring is the restart test against the real
// OS keyring. `make test` runs it under a Secret Service and sets
// PHOTODESK_REQUIRE_KEYRING=1, which turns a missing keyring into a failure.
func TestRestartStaysSignedInRealKeyring(t *testing.T) {
	var nonce [6]byte
	_, _ = rand.Read(nonce[:])
	service := "photodesk-auth-test-" + hex.EncodeToString(nonce[:])
	ctx := testContext(t)
	probe := keyringcache.New(service, "tokens")
	if err := probe.Save(ctx, []byte("probe")); err != nil {
		if os.Getenv("PHOTODESK_REQUIRE_KEYRING") == "1" {
			t.Fatalf("real keyring unavailable: %v", err)
		}
		t.Skipf("real keyring unavailable (%v); run under scripts/desktop-session.sh", err)
	}
	t.Cleanup(func() {
		if err := probe.Clear(ctx); err != nil {
			t.Errorf("clean up the keyring: %v", err)
		}
	})

	sb := startSandbox(t, nil)
	first := sb.newSession(t, keyringcache.New(service, "tokens"))
	a := signInDevice(t, first)
	if !first.Persistence().Keyring {
		t.Fatalf("Persistence = %v", first.Persistence())
	}
	second := sb.newSession(t, keyringcache.New(service, "tokens"))
	if cur, ok := second.Current(); !ok || cur != a {
		t.Fatalf("after restart Current = %+v %v", cur, ok)
	}
	if c := sb.claims(t, second); c.UPN != identity.DemoUPN {
		t.Errorf("claims = %+v", c)
	}
	if err := second.SignOut(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if data, err := keyringcache.New(service, "tokens").Load(ctx); err != nil || data != nil {
		t.Errorf("after sign-out the keyring holds %d bytes (%v)", len(data), err)
	}
}
