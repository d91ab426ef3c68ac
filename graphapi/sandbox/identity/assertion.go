package identity

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha1" //nolint:gosec // x5t is SHA-1 by definition (RFC 7515); only matched, never trusted alone
	"crypto/sha256"
	"crypto/subtle"
	"crypto/x509"
	"encoding/base64"
	"net/http"
	"strings"
	"time"
)

// clientAssertionType is the OAuth value for a JWT client credential.
const clientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

// assertionSkew is the clock difference tolerated on client assertions,
// which are stamped by the client's clock, not the sandbox's.
const assertionSkew = 5 * time.Minute

type assertionHeader struct {
	Alg     string `json:"alg"`
	X5t     string `json:"x5t"`
	X5tS256 string `json:"x5t#S256"`
}

type assertionClaims struct {
	Aud string `json:"aud"`
	Iss string `json:"iss"`
	Sub string `json:"sub"`
	Exp int64  `json:"exp"`
	Nbf int64  `json:"nbf"`
}

// verifyAssertion checks a certificate credential the way Entra ID does: the
// thumbprint names a certificate registered on the app, the signature
// (PS256, or RS256 with a SHA-1 thumbprint) verifies with it, and the claims
// name the client and this token endpoint and are current.
func (p *Provider) verifyAssertion(r *http.Request, c client, assertion string) *aadError {
	bad := func(code int, msg string) *aadError {
		return &aadError{http.StatusUnauthorized, "invalid_client", code, msg}
	}
	parts := strings.Split(assertion, ".")
	if len(parts) != 3 {
		return bad(50012, "Client assertion is not a valid JWT.")
	}
	var head assertionHeader
	if err := decodeSegment(parts[0], &head); err != nil {
		return bad(50012, "Client assertion header could not be read.")
	}
	cert := findCertificate(c.app.Certificates, head)
	if cert == nil {
		return bad(700027, "Client assertion contains an invalid signature. [Reason - The key was not found.]")
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok {
		return bad(700027, "Client assertion contains an invalid signature. [Reason - The key type is not supported.]")
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return bad(700027, "Client assertion contains an invalid signature.")
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	switch head.Alg {
	case "PS256":
		err = rsa.VerifyPSS(pub, crypto.SHA256, sum[:], sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto})
	case "RS256":
		err = rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], sig)
	default:
		return bad(700027, "Client assertion contains an invalid signature. [Reason - The algorithm is not supported.]")
	}
	if err != nil {
		return bad(700027, "Client assertion contains an invalid signature.")
	}
	var cl assertionClaims
	if err := decodeSegment(parts[1], &cl); err != nil {
		return bad(50012, "Client assertion claims could not be read.")
	}
	if cl.Iss != c.id || cl.Sub != c.id {
		return bad(700021, "Client assertion application identifier doesn't match 'client_id' parameter.")
	}
	if want := p.baseURL() + r.URL.Path; !strings.EqualFold(cl.Aud, want) {
		return bad(700212, "No matching federated identity record found for presented assertion audience '"+cl.Aud+"'.")
	}
	now := time.Now()
	if now.After(time.Unix(cl.Exp, 0).Add(assertionSkew)) || now.Add(assertionSkew).Before(time.Unix(cl.Nbf, 0)) {
		return bad(700024, "Client assertion is not within its valid time range.")
	}
	return nil
}

func findCertificate(certs []*x509.Certificate, head assertionHeader) *x509.Certificate {
	for _, cert := range certs {
		s256 := sha256.Sum256(cert.Raw)
		s1 := sha1.Sum(cert.Raw) //nolint:gosec // see import
		if head.X5tS256 != "" && thumbprintMatches(head.X5tS256, s256[:]) ||
			head.X5t != "" && thumbprintMatches(head.X5t, s1[:]) {
			return cert
		}
	}
	return nil
}

// thumbprintMatches accepts the thumbprint in standard base64 (what MSAL
// sends) or base64url (what RFC 7515 says).
func thumbprintMatches(got string, sum []byte) bool {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if subtle.ConstantTimeCompare([]byte(got), []byte(enc.EncodeToString(sum))) == 1 {
			return true
		}
	}
	return false
}
