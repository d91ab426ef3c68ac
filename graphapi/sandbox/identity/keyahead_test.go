package identity

import "testing"

// A key made ahead is taken by the next signer, once; without one the
// signer makes its own.
func TestSigningKeyMadeAhead(t *testing.T) {
	MakeSigningKeyAhead()
	MakeSigningKeyAhead() // a second call before it is taken does nothing
	s, err := newSigner()
	if err != nil || s.key.N.BitLen() != signingKeyBits {
		t.Fatalf("signer %v, %v", s, err)
	}
	if k := takeKeyAhead(); k != nil {
		t.Error("the key made ahead was left for another signer")
	}
	other, err := newSigner()
	if err != nil || other.key.Equal(s.key) {
		t.Errorf("the next signer reused the key: %v", err)
	}
}
