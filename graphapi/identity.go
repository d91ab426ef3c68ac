package graphapi

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Identity is who an access token speaks for, as its claims say: the ids
// that tell accounts and tenants apart whatever they are called, and a
// name for people reading a log.
type Identity struct {
	TenantID string // tid: the tenant the token is for
	ObjectID string // oid: the user, or the application's service principal
	Name     string // upn, preferred_username or unique_name; "" for an application
	// App: the application's own token (client credentials), no person
	// behind it — Graph refuses some things to applications alone, such
	// as group photos, and messages say so.
	App bool
}

// ErrIdentityUnknown: the token does not say which account and tenant it
// is for (an opaque token, or none at all).
var ErrIdentityUnknown = errors.New("the access token does not say which account and tenant it is for")

// TokenIdentity reads who a JWT access token speaks for from its claims,
// without checking its signature: it only tells accounts apart (whose
// change an undo may revert), and never decides what anyone may do —
// Graph checks the token itself.
func TokenIdentity(token string) (Identity, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return Identity{}, ErrIdentityUnknown
	}
	payload := strings.TrimRight(parts[1], "=")
	body, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return Identity{}, fmt.Errorf("%w: %w", ErrIdentityUnknown, err)
	}
	var c struct {
		TID               string   `json:"tid"`
		OID               string   `json:"oid"`
		UPN               string   `json:"upn"`
		PreferredUsername string   `json:"preferred_username"`
		UniqueName        string   `json:"unique_name"`
		IDType            string   `json:"idtyp"`
		Scp               string   `json:"scp"`
		Roles             []string `json:"roles"`
	}
	if err := json.Unmarshal(body, &c); err != nil {
		return Identity{}, fmt.Errorf("%w: %w", ErrIdentityUnknown, err)
	}
	if c.TID == "" || c.OID == "" {
		return Identity{}, ErrIdentityUnknown
	}
	id := Identity{TenantID: strings.ToLower(c.TID), ObjectID: strings.ToLower(c.OID), Name: c.UPN}
	// idtyp is Entra ID's word; a token without it is an application's
	// when it holds application roles and no delegated scope.
	id.App = strings.EqualFold(c.IDType, "app") || (c.IDType == "" && c.Scp == "" && len(c.Roles) > 0)
	for _, n := range []string{c.PreferredUsername, c.UniqueName} {
		if id.Name == "" {
			id.Name = n
		}
	}
	return id, nil
}

// Identity is who the client's requests speak for, from the claims of the
// token it would send now.
func (c *Client) Identity(ctx context.Context) (Identity, error) {
	if c == nil || c.tokens == nil {
		return Identity{}, ErrIdentityUnknown
	}
	tok, err := c.tokens.Token(ctx)
	if err != nil {
		return Identity{}, &TokenError{Err: err}
	}
	return TokenIdentity(tok)
}
