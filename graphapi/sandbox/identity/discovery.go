package identity

import (
	"crypto/sha256"
	"encoding/base64"
	"math/big"
	"net/http"
	"net/url"
	"strings"
)

// openIDConfiguration is the part of Entra ID's OpenID configuration that
// clients read. MSAL needs the authorization and token endpoints and an
// issuer on the authority's host.
type openIDConfiguration struct {
	TokenEndpoint                     string   `json:"token_endpoint"`
	TokenEndpointAuthMethodsSupported []string `json:"token_endpoint_auth_methods_supported"`
	JWKSURI                           string   `json:"jwks_uri"`
	ResponseModesSupported            []string `json:"response_modes_supported"`
	SubjectTypesSupported             []string `json:"subject_types_supported"`
	IDTokenSigningAlgValuesSupported  []string `json:"id_token_signing_alg_values_supported"`
	ResponseTypesSupported            []string `json:"response_types_supported"`
	ScopesSupported                   []string `json:"scopes_supported"`
	Issuer                            string   `json:"issuer"`
	RequestURIParameterSupported      bool     `json:"request_uri_parameter_supported"`
	AuthorizationEndpoint             string   `json:"authorization_endpoint"`
	DeviceAuthorizationEndpoint       string   `json:"device_authorization_endpoint"`
	HTTPLogoutSupported               bool     `json:"http_logout_supported"`
	FrontchannelLogoutSupported       bool     `json:"frontchannel_logout_supported"`
	EndSessionEndpoint                string   `json:"end_session_endpoint"`
	ClaimsSupported                   []string `json:"claims_supported"`
	TenantRegionScope                 string   `json:"tenant_region_scope"`
	CloudInstanceName                 string   `json:"cloud_instance_name"`
	CloudGraphHostName                string   `json:"cloud_graph_host_name"`
	MSGraphHost                       string   `json:"msgraph_host"`
}

func (p *Provider) serveOpenIDConfiguration(w http.ResponseWriter, r *http.Request) {
	p.count(func(s *Stats) { s.Discovery++ })
	base := p.baseURL()
	t := r.PathValue("tenant")
	issuerTenant := p.cfg.TenantID
	switch strings.ToLower(t) {
	case "common", "organizations":
		issuerTenant = "{tenantid}" // as Entra ID: the issuer depends on who signs in
	case "consumers":
		issuerTenant = ConsumerTenantID
	}
	ep := base + "/" + t + "/oauth2/v2.0/"
	writeJSON(w, http.StatusOK, openIDConfiguration{
		TokenEndpoint:                     ep + "token",
		TokenEndpointAuthMethodsSupported: []string{"client_secret_post", "private_key_jwt", "client_secret_basic"},
		JWKSURI:                           base + "/" + t + "/discovery/v2.0/keys",
		ResponseModesSupported:            []string{"query", "fragment", "form_post"},
		SubjectTypesSupported:             []string{"pairwise"},
		IDTokenSigningAlgValuesSupported:  []string{"RS256"},
		ResponseTypesSupported:            []string{"code", "id_token", "code id_token", "id_token token"},
		ScopesSupported:                   []string{"openid", "profile", "email", "offline_access"},
		Issuer:                            base + "/" + issuerTenant + "/v2.0",
		AuthorizationEndpoint:             ep + "authorize",
		DeviceAuthorizationEndpoint:       ep + "devicecode",
		HTTPLogoutSupported:               true,
		FrontchannelLogoutSupported:       true,
		EndSessionEndpoint:                ep + "logout",
		ClaimsSupported: []string{
			"sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name",
			"msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver",
			"at_hash", "c_hash", "email",
		},
		TenantRegionScope:  "EU",
		CloudInstanceName:  hostOf(base),
		CloudGraphHostName: "graph.windows.net",
		MSGraphHost:        "graph.microsoft.com",
	})
}

// jwk is the signing key as published at jwks_uri.
type jwk struct {
	Kty string `json:"kty"`
	Use string `json:"use"`
	Kid string `json:"kid"`
	X5t string `json:"x5t,omitempty"`
	N   string `json:"n"`
	E   string `json:"e"`
	Alg string `json:"alg"`
}

func (p *Provider) serveKeys(w http.ResponseWriter, _ *http.Request) {
	pub := p.signer.key.PublicKey
	sum := sha256.Sum256(pub.N.Bytes())
	writeJSON(w, http.StatusOK, map[string][]jwk{"keys": {{
		Kty: "RSA",
		Use: "sig",
		Kid: p.signer.kid,
		X5t: base64.RawURLEncoding.EncodeToString(sum[:20]),
		N:   base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
		E:   base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
		Alg: "RS256",
	}}})
}

// instanceMetadata is one entry of instance discovery: the hosts that are
// the same cloud. The sandbox is a cloud of one host.
type instanceMetadata struct {
	PreferredNetwork string   `json:"preferred_network"`
	PreferredCache   string   `json:"preferred_cache"`
	Aliases          []string `json:"aliases"`
}

// serveInstanceDiscovery answers /common/discovery/instance, which MSAL
// calls when instance discovery is on for a host it trusts.
func (p *Provider) serveInstanceDiscovery(w http.ResponseWriter, r *http.Request) {
	p.count(func(s *Stats) { s.Discovery++ })
	base := p.baseURL()
	host := hostOf(base)
	tenant := p.cfg.TenantID
	if ae := r.URL.Query().Get("authorization_endpoint"); ae != "" {
		if u, err := url.Parse(ae); err == nil {
			if seg := strings.Split(strings.Trim(u.Path, "/"), "/"); len(seg) > 0 && seg[0] != "" {
				tenant = seg[0]
			}
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"tenant_discovery_endpoint": base + "/" + tenant + "/v2.0/.well-known/openid-configuration",
		"api-version":               "1.1",
		"metadata": []instanceMetadata{{
			PreferredNetwork: host, PreferredCache: host, Aliases: []string{host},
		}},
	})
}

func hostOf(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	return u.Host
}
