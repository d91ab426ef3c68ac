package graphapi

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// ListOptions narrows a listing. Graph's $top allows 1 to 999.
type ListOptions struct {
	// Search matches whole words at their start ($search), e.g. "ann" finds
	// "Ann Lee" and "Lee Annton" is not found. Plain text is searched in
	// displayName and mail; text containing ':' or '"' is sent as is.
	Search string
	// StartsWith filters on displayName prefix ($filter=startswith(...)).
	StartsWith string
	// Select limits the fields returned; empty means the wire type's fields.
	Select []string
	// Top is the page size; 0 leaves Graph's default (100).
	Top int
}

// Default $select lists: the fields of the wire types, which keep pages
// small and directory queries cheap.
var (
	userFields    = []string{"id", "displayName", "userPrincipalName", "mail", "jobTitle", "department"}
	groupFields   = []string{"id", "displayName", "mail", "description"}
	contactFields = []string{"id", "displayName", "emailAddresses", "jobTitle", "companyName"}
)

// Users searches or lists users (GET /users). Search sends
// ConsistencyLevel: eventual and $count=true, without which Graph answers
// 400 Request_UnsupportedQuery.
func (c *Client) Users(opts ListOptions) *Pager[UserInfo] {
	path, header, err := directoryQuery("/users", opts, userFields)
	if err != nil {
		return failedPager[UserInfo](err)
	}
	return newPager[UserInfo](c, path, header)
}

// Groups searches or lists groups (GET /groups), like Users.
func (c *Client) Groups(opts ListOptions) *Pager[GroupInfo] {
	path, header, err := directoryQuery("/groups", opts, groupFields)
	if err != nil {
		return failedPager[GroupInfo](err)
	}
	return newPager[GroupInfo](c, path, header)
}

// GroupMembers lists a group's members (GET /groups/{id}/members), which
// may be users, groups or devices; see DirectoryObject.IsUser.
func (c *Client) GroupMembers(groupID string, opts ListOptions) *Pager[DirectoryObject] {
	if groupID == "" {
		return failedPager[DirectoryObject](fmt.Errorf("group members: empty group id"))
	}
	path, header, err := directoryQuery("/groups/"+url.PathEscape(groupID)+"/members", opts, userFields)
	if err != nil {
		return failedPager[DirectoryObject](err)
	}
	return newPager[DirectoryObject](c, path, header)
}

// Contacts lists the contacts of owner (Me() or User(x)), in folderID when
// it is not empty (GET /me/contacts, /me/contactFolders/{id}/contacts).
// Graph cannot search contacts, so Search and StartsWith are applied here
// to each page: Search matches a word start in the name or an address
// containing the text, StartsWith the start of the display name.
func (c *Client) Contacts(owner Subject, folderID string, opts ListOptions) *Pager[ContactInfo] {
	base, err := ownerPath(owner)
	if err != nil {
		return failedPager[ContactInfo](fmt.Errorf("contacts: %w", err))
	}
	if folderID != "" {
		base += "/contactFolders/" + url.PathEscape(folderID)
	}
	q, err := pageQuery(opts.Select, contactFields, opts.Top)
	if err != nil {
		return failedPager[ContactInfo](err)
	}
	p := newPager[ContactInfo](c, base+"/contacts"+q.encode(), nil)
	if opts.Search != "" || opts.StartsWith != "" {
		p.keep = contactMatcher(opts.Search, opts.StartsWith)
	}
	return p
}

// ContactFolders lists owner's top-level contact folders
// (GET /me/contactFolders).
func (c *Client) ContactFolders(owner Subject) *Pager[ContactFolder] {
	base, err := ownerPath(owner)
	if err != nil {
		return failedPager[ContactFolder](fmt.Errorf("contact folders: %w", err))
	}
	return newPager[ContactFolder](c, base+"/contactFolders", nil)
}

// GetUser reads one user by id or UPN, with only selectFields if given.
func (c *Client) GetUser(ctx context.Context, idOrUPN string, selectFields ...string) (*UserInfo, error) {
	if idOrUPN == "" {
		return nil, fmt.Errorf("get user: empty id")
	}
	return c.getUser(ctx, UserPath(idOrUPN), idOrUPN, selectFields)
}

// GetMe reads the signed-in user, for the status bar and for checking a
// token works.
func (c *Client) GetMe(ctx context.Context) (*UserInfo, error) {
	return c.getUser(ctx, "/me", "/me", nil)
}

// getUser reads the user at path; who names them in an error.
func (c *Client) getUser(ctx context.Context, path, who string, fields []string) (*UserInfo, error) {
	q, err := pageQuery(fields, userFields, 0)
	if err != nil {
		return nil, err
	}
	var u UserInfo
	if _, err := c.getJSON(ctx, path+q.encode(), nil, 0, &u); err != nil {
		return nil, fmt.Errorf("get user %s: %w", who, err)
	}
	return &u, nil
}

func ownerPath(owner Subject) (string, error) {
	switch owner.Kind() {
	case KindMe:
		return "/me", nil
	case KindUser:
		if owner.ID() == "" {
			return "", fmt.Errorf("owner user without an id")
		}
		return UserPath(owner.ID()), nil
	}
	return "", fmt.Errorf("owner must be me or a user, not %s", owner.Kind())
}

// query is an ordered list of OData query parameters. It is hand-encoded
// so '$' stays literal and spaces are %20, the way Graph's docs write URLs.
type query [][2]string

func (q query) encode() string {
	if len(q) == 0 {
		return ""
	}
	var b strings.Builder
	for i, kv := range q {
		if i == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('&')
		}
		b.WriteString(kv[0])
		b.WriteByte('=')
		b.WriteString(readableEscaper.Replace(url.QueryEscape(kv[1])))
	}
	return b.String()
}

// readableEscaper undoes QueryEscape for characters that are safe in a
// query value, so URLs in logs read like Graph's docs; spaces become %20.
var readableEscaper = strings.NewReplacer(
	"+", "%20", "%24", "$", "%2C", ",", "%27", "'", "%28", "(", "%29", ")", "%3A", ":", "%40", "@", "%2F", "/",
)

func pageQuery(fields, defaults []string, top int) (query, error) {
	var q query
	if len(fields) == 0 {
		fields = defaults
	}
	q = append(q, [2]string{"$select", strings.Join(fields, ",")})
	if top < 0 || top > 999 {
		return nil, fmt.Errorf("$top %d out of range 1-999", top)
	}
	if top > 0 {
		q = append(q, [2]string{"$top", strconv.Itoa(top)})
	}
	return q, nil
}

// directoryQuery builds the path and headers of a /users or /groups query.
func directoryQuery(path string, opts ListOptions, defaults []string) (string, http.Header, error) {
	q, err := pageQuery(opts.Select, defaults, opts.Top)
	if err != nil {
		return "", nil, err
	}
	var header http.Header
	if s := strings.TrimSpace(opts.Search); s != "" {
		q = append(q, [2]string{"$search", searchExpr(s)}, [2]string{"$count", "true"})
		header = http.Header{"Consistencylevel": {"eventual"}}
	}
	if s := strings.TrimSpace(opts.StartsWith); s != "" {
		q = append(q, [2]string{"$filter", "startswith(displayName,'" + strings.ReplaceAll(s, "'", "''") + "')"})
	}
	return path + q.encode(), header, nil
}

// searchExpr turns plain text into `"displayName:x" OR "mail:x"`; text
// that quotes itself is left alone, and a bare "property:value" is quoted,
// as Graph wants every clause (unquoted, it answers 400 "Syntax error").
func searchExpr(s string) string {
	switch {
	case strings.Contains(s, `"`):
		return s
	case strings.Contains(s, ":"):
		return `"` + s + `"`
	}
	return `"displayName:` + s + `" OR "mail:` + s + `"`
}
