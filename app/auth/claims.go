package auth

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// errNotJWT: the access token is not a JWT whose claims can be read (Graph
// tokens are, but Microsoft does not promise it).
var errNotJWT = errors.New("auth: the access token's permissions cannot be read")

// TokenPermissions reads the permissions an access token carries: the
// delegated scp claim (space separated) or an application's roles. It
// reads the claims only, verifying nothing: it is for showing, never for
// deciding access, and the token itself is never logged or kept.
func TokenPermissions(token string) ([]string, error) {
	var claims struct {
		Scp   string   `json:"scp"`
		Roles []string `json:"roles"`
	}
	if err := readClaims(token, &claims); err != nil {
		return nil, err
	}
	return append(strings.Fields(claims.Scp), claims.Roles...), nil
}

// tokenTenant is the tid claim of a token Entra ID issued, lower-cased:
// the directory id of the tenant that issued it, "" when the token has
// none that is a directory id. Like TokenPermissions it verifies nothing:
// it files photos, it grants nothing.
func tokenTenant(token string) string {
	var claims struct {
		TID string `json:"tid"`
	}
	if readClaims(token, &claims) != nil || !guidPattern.MatchString(claims.TID) {
		return ""
	}
	return strings.ToLower(claims.TID)
}

// readClaims decodes a JWT's payload into v.
func readClaims(token string, v any) error {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return errNotJWT
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return fmt.Errorf("%w: %w", errNotJWT, err)
	}
	if err := json.Unmarshal(payload, v); err != nil {
		return fmt.Errorf("%w: %w", errNotJWT, err)
	}
	return nil
}
