package identity

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// accessClaims is the body of an access token for Graph, with the claims
// Entra ID puts in v1.0 tokens that Graph and tools like jwt.ms look at.
type accessClaims struct {
	Aud            string   `json:"aud"`
	Iss            string   `json:"iss"`
	Iat            int64    `json:"iat"`
	Nbf            int64    `json:"nbf"`
	Exp            int64    `json:"exp"`
	AppDisplayName string   `json:"app_displayname,omitempty"`
	AppID          string   `json:"appid"`
	IDType         string   `json:"idtyp"`
	Name           string   `json:"name,omitempty"`
	OID            string   `json:"oid"`
	Roles          []string `json:"roles,omitempty"`
	Scp            string   `json:"scp,omitempty"`
	Sub            string   `json:"sub"`
	TID            string   `json:"tid"`
	UniqueName     string   `json:"unique_name,omitempty"`
	UPN            string   `json:"upn,omitempty"`
	UTI            string   `json:"uti"`
	Ver            string   `json:"ver"`
}

// idClaims is the body of a v2.0 id token, with what MSAL reads to build its
// account (oid, tid, preferred_username).
type idClaims struct {
	Aud               string `json:"aud"`
	Iss               string `json:"iss"`
	Iat               int64  `json:"iat"`
	Nbf               int64  `json:"nbf"`
	Exp               int64  `json:"exp"`
	Name              string `json:"name,omitempty"`
	OID               string `json:"oid"`
	PreferredUsername string `json:"preferred_username"`
	Sub               string `json:"sub"`
	TID               string `json:"tid"`
	Ver               string `json:"ver"`
}

// IssueDelegated makes an access token for Graph on behalf of a, as the
// public client, with the given delegated scopes (names as Graph spells them,
// without the resource prefix). The sandbox command prints one for curl.
func (p *Provider) IssueDelegated(a Account, scopes []string) (string, error) {
	return p.issueDelegated(a, p.publicClientID(), scopes)
}

func (p *Provider) issueDelegated(a Account, clientID string, scopes []string) (string, error) {
	if a.ObjectID == "" || a.UPN == "" {
		return "", errors.New("issue delegated token: account needs an object id and a upn")
	}
	now := p.now()
	tid := p.tenantOf(a)
	return p.signer.sign(accessClaims{
		Aud:        GraphResource,
		Iss:        issuerV1(tid),
		Iat:        now.Unix(),
		Nbf:        now.Unix(),
		Exp:        now.Add(p.tokenTTL()).Unix(),
		AppID:      clientID,
		IDType:     "user",
		Name:       a.DisplayName,
		OID:        a.ObjectID,
		Scp:        strings.Join(scopes, " "),
		Sub:        guidFrom("sub:" + a.ObjectID + ":" + clientID),
		TID:        tid,
		UniqueName: a.UPN,
		UPN:        a.UPN,
		UTI:        opaque(16),
		Ver:        "1.0",
	})
}

// IssueApp makes an application access token for Graph for a registered
// confidential client, carrying the roles an admin granted it.
func (p *Provider) IssueApp(clientID string) (string, error) {
	app, ok := p.cfg.Apps[clientID]
	if !ok {
		return "", fmt.Errorf("issue app token: application %q is not registered in the sandbox tenant", clientID)
	}
	now := p.now()
	oid := guidFrom("sp:" + clientID)
	return p.signer.sign(accessClaims{
		Aud:            GraphResource,
		Iss:            issuerV1(p.cfg.TenantID),
		Iat:            now.Unix(),
		Nbf:            now.Unix(),
		Exp:            now.Add(p.tokenTTL()).Unix(),
		AppDisplayName: app.DisplayName,
		AppID:          clientID,
		IDType:         "app",
		OID:            oid,
		Roles:          slices.Clone(app.Roles),
		Sub:            oid,
		TID:            p.cfg.TenantID,
		UTI:            opaque(16),
		Ver:            "1.0",
	})
}

// idToken makes the id token MSAL turns into its account record.
func (p *Provider) idToken(a Account, clientID string) (string, error) {
	now := p.now()
	tid := p.tenantOf(a)
	return p.signer.sign(idClaims{
		Aud:               clientID,
		Iss:               p.baseURL() + "/" + tid + "/v2.0",
		Iat:               now.Unix(),
		Nbf:               now.Unix(),
		Exp:               now.Add(p.tokenTTL()).Unix(),
		Name:              a.DisplayName,
		OID:               a.ObjectID,
		PreferredUsername: a.UPN,
		Sub:               guidFrom("sub:" + a.ObjectID + ":" + clientID),
		TID:               tid,
		Ver:               "2.0",
	})
}

// Verify checks an access token as Graph does: a signature by this provider,
// Graph as the audience, an issuer it knows, and a lifetime that includes now.
func (p *Provider) Verify(token string) (*Claims, error) {
	var c accessClaims
	if err := p.signer.verify(token, &c); err != nil {
		return nil, err
	}
	if c.Aud != GraphResource && c.Aud != GraphAppID {
		return nil, fmt.Errorf("%w: audience %q is not Microsoft Graph", ErrTokenInvalid, c.Aud)
	}
	if (c.TID != p.cfg.TenantID && c.TID != ConsumerTenantID) || c.Iss != issuerV1(c.TID) {
		return nil, fmt.Errorf("%w: issuer %q is not trusted", ErrTokenInvalid, c.Iss)
	}
	if c.OID == "" || c.AppID == "" {
		return nil, fmt.Errorf("%w: no oid or appid", ErrTokenInvalid)
	}
	now := p.now()
	if now.Before(time.Unix(c.Nbf, 0)) {
		return nil, fmt.Errorf("%w: not valid before %s", ErrTokenInvalid, time.Unix(c.Nbf, 0).UTC().Format(time.RFC3339))
	}
	exp := time.Unix(c.Exp, 0)
	if !now.Before(exp) {
		return nil, fmt.Errorf("%w: expired at %s", ErrTokenExpired, exp.UTC().Format(time.RFC3339))
	}
	claims := &Claims{
		ObjectID:  c.OID,
		TenantID:  c.TID,
		UPN:       c.UPN,
		AppID:     c.AppID,
		Roles:     c.Roles,
		ExpiresAt: exp,
		Personal:  c.TID == ConsumerTenantID,
	}
	if c.Scp != "" {
		claims.Scopes = strings.Fields(c.Scp)
	}
	return claims, nil
}

func (p *Provider) publicClientID() string {
	if p.cfg.PublicClientID != "" {
		return p.cfg.PublicClientID
	}
	return guidFrom("photodesk-public-client")
}
