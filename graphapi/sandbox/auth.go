package sandbox

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// TokenVerifier checks a bearer token and says who and what it is for;
// *identity.Provider is one. Graph trusts nothing else about a caller.
type TokenVerifier interface {
	Verify(token string) (*identity.Claims, error)
}

// Permission sets, by what they unlock. Each lists every permission Graph
// accepts for the operation, delegated and application alike, because
// Claims.HasScope looks at both.
var (
	scopesUsers    = []string{"User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}
	scopesSelf     = append([]string{"User.Read", "User.ReadWrite"}, scopesUsers...)
	scopesGroups   = []string{"Group.Read.All", "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}
	scopesMembers  = append([]string{"GroupMember.Read.All"}, scopesGroups...)
	scopesContacts = []string{"Contacts.Read", "Contacts.ReadWrite"}
	// A delegated caller reading someone else's contacts needs the .Shared
	// permission (msgraph-sdk-powershell #1860); Contacts.Read covers only
	// the caller's own mailbox. Applications read any mailbox with
	// Contacts.Read.
	scopesSharedContacts = []string{"Contacts.Read.Shared", "Contacts.ReadWrite.Shared"}

	// Photos: ProfilePhoto.Read.All is now the least privileged way to read
	// user and group photos (profilephoto-get).
	scopesPhotoOnly   = []string{"ProfilePhoto.Read.All", "ProfilePhoto.ReadWrite.All"}
	scopesPhotos      = append(slices.Clone(scopesPhotoOnly), scopesUsers...)
	scopesPhotosSelf  = append(slices.Clone(scopesPhotoOnly), scopesSelf...)
	scopesGroupPhotos = append(slices.Clone(scopesPhotoOnly), scopesGroups...)

	// Changing photos (profilephoto-update, profilephoto-delete).
	scopesPhotoWrite      = []string{"ProfilePhoto.ReadWrite.All", "User.ReadWrite.All"}
	scopesPhotoWriteSelf  = append([]string{"User.ReadWrite"}, scopesPhotoWrite...)
	scopesGroupPhotoWrite = []string{"ProfilePhoto.ReadWrite.All", "Group.ReadWrite.All"}
	scopesContactsWrite   = []string{"Contacts.ReadWrite"}
	// A delegated caller writing in someone else's mailbox needs the
	// .Shared permission (and that person's sharing, not emulated).
	scopesSharedContactsWrite = []string{"Contacts.ReadWrite.Shared"}
)

// Graph's words for authorisation failures.
const (
	msgInsufficient = "Insufficient privileges to complete the operation."
	msgAccessDenied = "Access is denied. Check credentials and try again."
	msgMeIsDelegate = "/me request is only valid with delegated authentication flow."
)

// authenticate verifies the bearer token, filling c.claims, or returns the
// 401 Graph sends.
func (h *Handler) authenticate(c *call) *reply {
	header := c.header.Get("Authorization")
	scheme, token, _ := strings.Cut(strings.TrimSpace(header), " ")
	token = strings.TrimSpace(token)
	if header == "" || token == "" || !strings.EqualFold(scheme, "Bearer") {
		return h.unauthorized(c, "Access token is empty.")
	}
	claims, err := h.verifier.Verify(token)
	switch {
	case err == nil:
		c.claims = claims
		return nil
	case errors.Is(err, identity.ErrTokenExpired):
		return h.unauthorized(c, "Lifetime validation failed, the token is expired.")
	case strings.Count(token, ".") != 2:
		return h.unauthorized(c, "CompactToken parsing failed with error code: 80049217")
	default:
		return h.unauthorized(c, "Access token validation failure.")
	}
}

// unauthorized is Graph's 401, with the challenge telling the client where
// to get a token.
func (h *Handler) unauthorized(c *call, message string) *reply {
	r := c.fail(http.StatusUnauthorized, "InvalidAuthenticationToken", message)
	authority := "https://login.microsoftonline.com/common"
	if a, ok := h.verifier.(interface{ AuthorityURL() string }); ok {
		authority = a.AuthorityURL()
	}
	r.header.Set("WWW-Authenticate", `Bearer realm="", authorization_uri="`+authority+
		`/oauth2/authorize", client_id="`+identity.GraphAppID+`"`)
	return r
}

// allowed reports whether the caller holds any of the permissions.
func (c *call) allowed(perms []string) bool {
	for _, p := range perms {
		if c.claims.HasScope(p) {
			return true
		}
	}
	return false
}

// denyDirectory is the directory's 403 (Entra ID-backed resources).
func (c *call) denyDirectory() *reply {
	return c.fail(http.StatusForbidden, "Authorization_RequestDenied", msgInsufficient)
}

// denyMailbox is Exchange's 403 (photos and contacts).
func (c *call) denyMailbox() *reply {
	return c.fail(http.StatusForbidden, "ErrorAccessDenied", msgAccessDenied)
}
