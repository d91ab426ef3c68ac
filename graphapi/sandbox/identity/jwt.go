package identity

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
)

// signer holds the provider's RSA key: Entra ID signs with RS256 and names
// the key by a kid published at the JWKS endpoint. The key is made on a
// goroutine of its own (an RSA key takes 10-90 ms of CPU, at random), so
// the provider can serve the sign-in's first steps — discovery, the
// authorization page — while it is made; whatever needs the key waits for
// it (see use).
type signer struct {
	ready chan struct{} // closed once key and kid, or err, are set
	key   *rsa.PrivateKey
	kid   string
	err   error
}

type jwtHeader struct {
	Typ string `json:"typ"`
	Alg string `json:"alg"`
	Kid string `json:"kid"`
}

// signingKeyBits is the size of the RSA key tokens are signed with, as
// Entra ID's.
const signingKeyBits = 2048

// newSigner starts making the signing key, or takes the one
// MakeSigningKeyAhead started.
func newSigner() *signer {
	s := &signer{ready: make(chan struct{})}
	ahead := takeKeyAhead()
	go func() {
		defer close(s.ready)
		var key *rsa.PrivateKey
		if ahead != nil {
			key = <-ahead
		}
		if key == nil {
			var err error
			if key, err = rsa.GenerateKey(rand.Reader, signingKeyBits); err != nil {
				s.err = fmt.Errorf("generate signing key: %w", err)
				return
			}
		}
		der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
		if err != nil {
			s.err = fmt.Errorf("encode signing key: %w", err)
			return
		}
		sum := sha256.Sum256(der)
		s.key, s.kid = key, base64.RawURLEncoding.EncodeToString(sum[:15])
	}()
	return s
}

// use is the key and its kid, once made.
func (s *signer) use() (*rsa.PrivateKey, string, error) {
	<-s.ready
	return s.key, s.kid, s.err
}

// sign encodes claims as a compact JWS.
func (s *signer) sign(claims any) (string, error) {
	key, kid, err := s.use()
	if err != nil {
		return "", err
	}
	head, err := json.Marshal(jwtHeader{Typ: "JWT", Alg: "RS256", Kid: kid})
	if err != nil {
		return "", fmt.Errorf("encode jwt header: %w", err)
	}
	body, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("encode jwt claims: %w", err)
	}
	signed := b64(head) + "." + b64(body)
	sum := sha256.Sum256([]byte(signed))
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, sum[:])
	if err != nil {
		return "", fmt.Errorf("sign jwt: %w", err)
	}
	return signed + "." + b64(sig), nil
}

// verify checks the signature of a compact JWS made by sign and decodes its
// claims into v. Any failure wraps ErrTokenInvalid.
func (s *signer) verify(token string, v any) error {
	key, kid, err := s.use()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrTokenInvalid, err)
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return fmt.Errorf("%w: not a compact jwt", ErrTokenInvalid)
	}
	var head jwtHeader
	if err := decodeSegment(parts[0], &head); err != nil {
		return fmt.Errorf("%w: header: %w", ErrTokenInvalid, err)
	}
	if head.Alg != "RS256" || head.Kid != kid {
		return fmt.Errorf("%w: unknown signing key or algorithm", ErrTokenInvalid)
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return fmt.Errorf("%w: signature encoding: %w", ErrTokenInvalid, err)
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(&key.PublicKey, crypto.SHA256, sum[:], sig); err != nil {
		return fmt.Errorf("%w: signature: %w", ErrTokenInvalid, err)
	}
	if err := decodeSegment(parts[1], v); err != nil {
		return fmt.Errorf("%w: claims: %w", ErrTokenInvalid, err)
	}
	return nil
}

func decodeSegment(seg string, v any) error {
	raw, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		return fmt.Errorf("decode segment: %w", err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("parse segment: %w", err)
	}
	return nil
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
