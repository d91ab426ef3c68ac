package identity

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
)

// signer holds the provider's RSA key: Entra ID signs with RS256 and names
// the key by a kid published at the JWKS endpoint. Every provider signs
// with the one key shipped in the binary (signingkey.go) under a kid of
// its own, made at random: a token another sandbox run issued — same
// tenant id, same people — names a kid this one does not know and is
// refused, as a token from another tenant would be.
type signer struct {
	key *rsa.PrivateKey
	kid string
}

type jwtHeader struct {
	Typ string `json:"typ"`
	Alg string `json:"alg"`
	Kid string `json:"kid"`
}

// newSigner is a signer with the sandbox's key under a new kid. It fails
// only if the key shipped in the binary does not parse.
func newSigner() (*signer, error) {
	key, err := sandboxSigningKey()
	if err != nil {
		return nil, err
	}
	// 20 bytes, base64url: the shape of Entra ID's kids.
	return &signer{key: key, kid: base64.RawURLEncoding.EncodeToString([]byte(rand.Text())[:20])}, nil
}

// sign encodes claims as a compact JWS.
func (s *signer) sign(claims any) (string, error) {
	head, err := json.Marshal(jwtHeader{Typ: "JWT", Alg: "RS256", Kid: s.kid})
	if err != nil {
		return "", fmt.Errorf("encode jwt header: %w", err)
	}
	body, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("encode jwt claims: %w", err)
	}
	signed := b64(head) + "." + b64(body)
	sum := sha256.Sum256([]byte(signed))
	sig, err := rsa.SignPKCS1v15(nil, s.key, crypto.SHA256, sum[:])
	if err != nil {
		return "", fmt.Errorf("sign jwt: %w", err)
	}
	return signed + "." + b64(sig), nil
}

// verify checks the signature of a compact JWS made by sign and decodes its
// claims into v. Any failure wraps ErrTokenInvalid.
func (s *signer) verify(token string, v any) error {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return fmt.Errorf("%w: not a compact jwt", ErrTokenInvalid)
	}
	var head jwtHeader
	if err := decodeSegment(parts[0], &head); err != nil {
		return fmt.Errorf("%w: header: %w", ErrTokenInvalid, err)
	}
	if head.Alg != "RS256" || head.Kid != s.kid {
		return fmt.Errorf("%w: unknown signing key or algorithm", ErrTokenInvalid)
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return fmt.Errorf("%w: signature encoding: %w", ErrTokenInvalid, err)
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(&s.key.PublicKey, crypto.SHA256, sum[:], sig); err != nil {
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
