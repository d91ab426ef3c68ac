package identity

import (
	"crypto/rsa"
	"crypto/x509"
	_ "embed"
	"encoding/pem"
	"errors"
	"fmt"
	"sync"
)

// signingKeyPEM is the RSA-2048 key every sandbox signs its tokens with
// (PKCS #8). It is no secret, and need not be: the sandbox serves only on
// loopback, and its sign-in page approves whoever asks, so anyone who can
// reach a sandbox can have it issue tokens anyway; what keeps one run's
// tokens from another is the kid each run makes (signer). Made once, it
// spares every start an RSA key generation — 85 ms of CPU a launch on
// average, on the core the window's sign-in, sandbox and fonts share
// while the main thread builds the window (`make bench` scenario 4).
//
//go:embed signingkey.pem
var signingKeyPEM []byte

// signingKeyBits is the size of the RSA key tokens are signed with, as
// Entra ID's.
const signingKeyBits = 2048

// sandboxSigningKey is signingKeyPEM, parsed once.
var sandboxSigningKey = sync.OnceValues(func() (*rsa.PrivateKey, error) {
	block, _ := pem.Decode(signingKeyPEM)
	if block == nil {
		return nil, errors.New("signing key: no PEM block")
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	key, ok := k.(*rsa.PrivateKey)
	if !ok || key.N.BitLen() != signingKeyBits {
		return nil, errors.New("signing key: not an RSA-2048 key")
	}
	return key, nil
})
