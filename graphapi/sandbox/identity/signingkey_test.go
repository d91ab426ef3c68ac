package identity

import (
	"errors"
	"testing"
)

// Every sandbox signs with the key shipped in the binary (no RSA key made
// at each start), but under a kid of its own: a token another run issued
// — the same tenant id, the same people — is refused, as one from another
// tenant would be, and each run's own tokens verify.
func TestAnotherRunsTokenIsRefused(t *testing.T) {
	one := startTestServer(t, testConfig(nil))
	two := startTestServer(t, testConfig(nil))
	oneKey, oneKid := one.Provider.signer.key, one.Provider.signer.kid
	if oneKey.N.BitLen() != signingKeyBits {
		t.Fatalf("signing key of %d bits", oneKey.N.BitLen())
	}
	twoKey, twoKid := two.Provider.signer.key, two.Provider.signer.kid
	if !oneKey.Equal(twoKey) {
		t.Error("two runs sign with different keys: each start made one")
	}
	if oneKid == twoKid || len(oneKid) < 20 {
		t.Errorf("kids %q and %q: want one of its own for each run", oneKid, twoKid)
	}
	token, err := one.Provider.issueDelegated(testAdele, testPublicClient, []string{"User.Read"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := one.Provider.Verify(token); err != nil {
		t.Errorf("a run's own token: %v", err)
	}
	if _, err := two.Provider.Verify(token); !errors.Is(err, ErrTokenInvalid) {
		t.Errorf("another run's token: %v, want ErrTokenInvalid", err)
	}
}
