package auth

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
)

// Kind is which cloud the app talks to.
type Kind string

// The clouds Photo Desk can use.
const (
	// Sandbox is the offline sandbox tenant (package graphapi/sandbox), the
	// default, so the app works before anyone registers it in Entra ID.
	Sandbox Kind = "sandbox"
	// Microsoft365 is a real tenant in Microsoft's global or a national cloud.
	Microsoft365 Kind = "microsoft365"
)

// Defaults for a Microsoft 365 cloud.
const (
	DefaultAuthorityHost = "login.microsoftonline.com"
	DefaultAPIVersion    = "v1.0"
)

// Cloud is where and as what the app signs in: the tenant, the app
// registration's client id, the Entra ID host (the global one or a national
// cloud's) and the Graph API version.
type Cloud struct {
	Kind          Kind
	TenantID      string // directory id (GUID), a verified domain, or organizations/common/consumers
	ClientID      string // the app registration's Application (client) ID
	AuthorityHost string // login.microsoftonline.com, login.microsoftonline.us, ...; host:port for the sandbox
	APIVersion    string // v1.0 or beta
}

// nationalGraphHosts maps Entra ID hosts to their cloud's Graph host; the
// scopes of a national cloud must name its Graph, not the global one.
var nationalGraphHosts = map[string]string{
	"login.microsoftonline.com":        "graph.microsoft.com",
	"login.microsoft.com":              "graph.microsoft.com",
	"login.microsoftonline.us":         "graph.microsoft.us",
	"login.partner.microsoftonline.cn": "microsoftgraph.chinacloudapi.cn",
	"login.chinacloudapi.cn":           "microsoftgraph.chinacloudapi.cn",
}

var (
	guidPattern   = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	domainPattern = regexp.MustCompile(`^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,}$`)
)

// WithDefaults fills in the authority host and API version when empty and
// trims stray spaces and a pasted scheme or slash, so that settings typed by
// hand validate.
func (c Cloud) WithDefaults() Cloud {
	c.TenantID = strings.TrimSpace(c.TenantID)
	c.ClientID = strings.TrimSpace(c.ClientID)
	c.AuthorityHost = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(c.AuthorityHost), "https://"), "/")
	c.APIVersion = strings.TrimSpace(c.APIVersion)
	if c.Kind == "" {
		c.Kind = Sandbox
	}
	if c.AuthorityHost == "" && c.Kind == Microsoft365 {
		c.AuthorityHost = DefaultAuthorityHost
	}
	if c.APIVersion == "" {
		c.APIVersion = DefaultAPIVersion
	}
	return c
}

// Validate explains, in words a settings screen can show, what is wrong.
func (c Cloud) Validate() error {
	var errs []error
	switch c.Kind {
	case Sandbox, Microsoft365:
	default:
		errs = append(errs, fmt.Errorf("cloud: %q is neither %q nor %q", c.Kind, Sandbox, Microsoft365))
	}
	if err := CheckTenant(c.TenantID); err != nil {
		errs = append(errs, fmt.Errorf("tenant: %w", err))
	}
	if err := CheckClientID(c.ClientID); err != nil {
		errs = append(errs, fmt.Errorf("client ID: %w", err))
	}
	if err := c.validateHost(); err != nil {
		errs = append(errs, err)
	}
	if c.APIVersion != "v1.0" && c.APIVersion != "beta" {
		errs = append(errs, fmt.Errorf("API version: %q is not v1.0 or beta", c.APIVersion))
	}
	if len(errs) == 0 {
		return nil
	}
	return &InvalidCloudError{Problems: errs}
}

// InvalidCloudError is what Validate found wrong, one problem a field
// ("tenant: …", "client ID: …"), kept apart so that the window's "could
// not connect" pane and the command line can word each as a sentence of
// its own rather than run a lower-case field on after the first.
type InvalidCloudError struct {
	Problems []error
}

// Error is the problems one a line, as errors.Join writes them.
func (e *InvalidCloudError) Error() string { return errors.Join(e.Problems...).Error() }

// Unwrap gives errors.Is and As each problem.
func (e *InvalidCloudError) Unwrap() []error { return e.Problems }

func (c Cloud) validateHost() error {
	h := c.AuthorityHost
	switch {
	case h == "":
		return errors.New("authority: enter the sign-in host, such as login.microsoftonline.com")
	case strings.Contains(h, "://") || strings.ContainsAny(h, "/?# "):
		return fmt.Errorf("authority: %q should be a host name only, such as login.microsoftonline.com", h)
	}
	if c.Kind == Sandbox {
		host, _, err := net.SplitHostPort(h)
		if err != nil {
			host = h
		}
		if ip := net.ParseIP(host); (ip == nil || !ip.IsLoopback()) && host != "localhost" {
			return fmt.Errorf("authority: the sandbox runs on this computer, not at %q", h)
		}
		return nil
	}
	if err := CheckAuthorityHost(h); err != nil {
		return fmt.Errorf("authority: %w", err)
	}
	return nil
}

// CheckTenant says why s cannot be a Microsoft 365 tenant, or nil: it must
// be a GUID, a domain, or organizations/common/consumers. Settings checks
// each field with these before it saves (issue 18).
func CheckTenant(s string) error {
	switch {
	case s == "":
		return errors.New("enter the directory (tenant) ID, a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47, or a domain such as contoso.onmicrosoft.com")
	case guidPattern.MatchString(s), domainPattern.MatchString(s):
	case s == "organizations" || s == "common" || s == "consumers":
	default:
		return fmt.Errorf("%q is not a GUID, a domain, or organizations/common/consumers", s)
	}
	return nil
}

// CheckClientID says why s cannot be an app registration's client id.
func CheckClientID(s string) error {
	switch {
	case s == "":
		return errors.New("enter the Application (client) ID from the app registration in Entra ID, a GUID")
	case !guidPattern.MatchString(s):
		return fmt.Errorf("%q is not a GUID; copy the Application (client) ID, not the object ID or the name", s)
	}
	return nil
}

// CheckAuthorityHost says why h cannot be a Microsoft 365 sign-in host:
// only the Entra ID hosts of the clouds in nationalGraphHosts can be, since
// Photo Desk must know which Graph a cloud's tokens are for. Any other host
// (a typo such as login.microsoftonline.uss) used to be taken and mapped
// to the global Graph; there is no setting for a Graph host of one's own.
func CheckAuthorityHost(h string) error {
	switch {
	case h == "":
		return errors.New("enter the sign-in host, such as login.microsoftonline.com")
	case strings.Contains(h, "://") || strings.ContainsAny(h, "/?# "):
		return fmt.Errorf("%q should be a host name only, such as login.microsoftonline.com", h)
	case !domainPattern.MatchString(h):
		return fmt.Errorf("%q is not a host name", h)
	}
	if _, ok := nationalGraphHosts[strings.ToLower(h)]; !ok {
		return fmt.Errorf("%q is unknown; use %s", h, knownAuthorityHosts)
	}
	return nil
}

// knownAuthorityHosts names the hosts CheckAuthorityHost takes, for its
// message: global, US Government, China (21Vianet).
const knownAuthorityHosts = "login.microsoftonline.com, login.microsoftonline.us, login.chinacloudapi.cn or login.partner.microsoftonline.cn"

// AuthorityURL is the MSAL authority, https://host/tenant.
func (c Cloud) AuthorityURL() string {
	return "https://" + c.AuthorityHost + "/" + url.PathEscape(c.TenantID)
}

// GraphHost is the Graph host of the cloud the authority belongs to.
func (c Cloud) GraphHost() string {
	if h, ok := nationalGraphHosts[strings.ToLower(c.AuthorityHost)]; ok {
		return h
	}
	return "graph.microsoft.com"
}

// GraphBaseURL is the Graph endpoint for the API version in a Microsoft 365
// cloud; the sandbox's Graph URL comes from the sandbox itself.
func (c Cloud) GraphBaseURL() string {
	return "https://" + c.GraphHost() + "/" + c.APIVersion
}

// scope turns a Graph permission into the scope to ask Entra ID for: bare
// names mean the global Graph, so national clouds need their Graph's URL.
func (c Cloud) scope(permission string) string {
	if strings.Contains(permission, "/") || c.GraphHost() == "graph.microsoft.com" {
		return permission
	}
	return "https://" + c.GraphHost() + "/" + permission
}

// appScope is the client credentials scope: everything granted on Graph.
func (c Cloud) appScope() string {
	return "https://" + c.GraphHost() + "/.default"
}

// SandboxCloud is the Cloud for a running sandbox whose identity provider
// has the authority URL authority ("https://127.0.0.1:PORT/<tenant>").
func SandboxCloud(authority, clientID string) (Cloud, error) {
	u, err := url.Parse(authority)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return Cloud{}, fmt.Errorf("sandbox authority %q is not an https URL", authority)
	}
	c := Cloud{
		Kind:          Sandbox,
		TenantID:      strings.Trim(u.Path, "/"),
		ClientID:      clientID,
		AuthorityHost: u.Host,
		APIVersion:    DefaultAPIVersion,
	}
	if err := c.Validate(); err != nil {
		return Cloud{}, fmt.Errorf("sandbox cloud: %w", err)
	}
	return c, nil
}
