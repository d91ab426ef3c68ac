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
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errNotJWT
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errNotJWT, err)
	}
	var claims struct {
		Scp   string   `json:"scp"`
		Roles []string `json:"roles"`
	}
	if err := json.Unmarshal(payload, &claims); err != nil {
		return nil, fmt.Errorf("%w: %w", errNotJWT, err)
	}
	return append(strings.Fields(claims.Scp), claims.Roles...), nil
}
