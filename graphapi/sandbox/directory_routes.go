package sandbox

import (
	"net/http"
	"strings"
)

// access is what a request wants from a user: it decides which permissions
// are needed and which service's 403 answers a refusal.
type access int

const (
	accessProfile       access = iota // the directory object (Entra ID)
	accessPhoto                       // the profile photo (Exchange)
	accessContacts                    // the mailbox's contacts (Exchange)
	accessPhotoWrite                  // changing the profile photo
	accessContactsWrite               // changing a contact's photo
)

// resolveUser finds the user of /me or /users/{key} and checks that the
// caller may have the access asked for.
func (h *Handler) resolveUser(c *call, key string, me bool, a access) (*User, *reply) {
	cl := c.claims
	deny := c.denyDirectory
	if a != accessProfile {
		deny = c.denyMailbox
	}
	if me {
		if cl.IsApp() {
			return nil, c.fail(http.StatusBadRequest, "BadRequest", msgMeIsDelegate)
		}
		key = cl.ObjectID
	}
	self := strings.EqualFold(key, cl.ObjectID) || cl.UPN != "" && strings.EqualFold(key, cl.UPN)
	if cl.Personal && !self {
		return nil, deny()
	}
	if !c.allowed(permsFor(a, self, cl.IsApp())) {
		return nil, deny()
	}
	u, ok := h.dir.User(key)
	if !ok && self {
		u, ok = h.dir.Account(key) // a personal account reading itself
	}
	switch {
	case !ok && a == accessProfile:
		return nil, c.notFound(key)
	case !ok:
		return nil, c.fail(http.StatusNotFound, "ErrorInvalidUser", "The requested user '"+key+"' is invalid.")
	case a == accessPhotoWrite && !self && !cl.IsApp() && !h.callerMayManagePhotos(c):
		// Scopes are not enough to change someone else's photo when
		// signed in: the directory also wants an admin role.
		return nil, c.denyDirectory()
	}
	return u, nil
}

// permsFor lists the permissions that allow access a, to one's own data
// (self) or someone else's, delegated or as an application.
func permsFor(a access, self, app bool) []string {
	switch {
	case a == accessContacts && (self || app):
		return scopesContacts
	case a == accessContacts:
		return scopesSharedContacts
	case a == accessContactsWrite && (self || app):
		return scopesContactsWrite
	case a == accessContactsWrite:
		return scopesSharedContactsWrite
	case a == accessPhotoWrite && self:
		return scopesPhotoWriteSelf
	case a == accessPhotoWrite:
		return scopesPhotoWrite
	case a == accessPhoto && self:
		return scopesPhotosSelf
	case a == accessPhoto:
		return scopesPhotos
	case self:
		return scopesSelf
	}
	return scopesUsers
}

// callerMayManagePhotos reports whether the signed-in caller holds a
// directory role that may change other users' photos.
func (h *Handler) callerMayManagePhotos(c *call) bool {
	u, ok := h.dir.Account(c.claims.ObjectID)
	return ok && u.mayManagePhotos()
}

func (h *Handler) getUser(c *call, key string, me bool) *reply {
	u, rep := h.resolveUser(c, key, me, accessProfile)
	if rep != nil {
		return rep
	}
	return c.entity(userType, u, "users")
}

func (h *Handler) listUsers(c *call) *reply {
	if c.claims.Personal || !c.allowed(scopesUsers) {
		return c.denyDirectory()
	}
	items := make([]any, len(h.dir.users))
	for i, u := range h.dir.users {
		items[i] = u
	}
	return h.list(c, items, listSpec{types: []*entityType{userType}, context: "users"})
}

// groupAccess checks the caller may read groups.
func (c *call) groupAccess(perms []string) *reply {
	if c.claims.Personal || !c.allowed(perms) {
		return c.denyDirectory()
	}
	return nil
}

func (h *Handler) listGroups(c *call) *reply {
	if rep := c.groupAccess(scopesMembers); rep != nil {
		return rep
	}
	items := make([]any, len(h.dir.groups))
	for i, g := range h.dir.groups {
		items[i] = g
	}
	return h.list(c, items, listSpec{types: []*entityType{groupType}, context: "groups"})
}

func (h *Handler) getGroup(c *call, id string) *reply {
	if rep := c.groupAccess(scopesMembers); rep != nil {
		return rep
	}
	g, ok := h.dir.Group(id)
	if !ok {
		return c.notFound(id)
	}
	return c.entity(groupType, g, "groups")
}

// listMembers answers /groups/{id}/members, optionally cast to users or
// groups with a microsoft.graph.user / microsoft.graph.group segment.
func (h *Handler) listMembers(c *call, id, cast string) *reply {
	if rep := c.groupAccess(scopesMembers); rep != nil {
		return rep
	}
	g, ok := h.dir.Group(id)
	if !ok {
		return c.notFound(id)
	}
	spec := listSpec{types: []*entityType{userType, groupType}, context: "directoryObjects", withType: true}
	wantUsers, wantGroups := true, true
	switch strings.ToLower(cast) {
	case "":
	case "microsoft.graph.user":
		spec, wantGroups = listSpec{types: []*entityType{userType}, context: "users"}, false
	case "microsoft.graph.group":
		spec, wantUsers = listSpec{types: []*entityType{groupType}, context: "groups"}, false
	default:
		return c.badSegment(cast)()
	}
	var items []any
	for _, m := range g.Members {
		switch {
		case m.User != nil && wantUsers:
			items = append(items, m.User)
		case m.Group != nil && wantGroups:
			items = append(items, m.Group)
		}
	}
	return h.list(c, items, spec)
}

// entity answers one object with $select applied.
func (c *call) entity(t *entityType, item any, set string) *reply {
	sel, rep := c.parseSelect([]*entityType{t})
	if rep != nil {
		return rep
	}
	if raw, _ := c.queryParam("select"); sel != nil {
		set += "(" + raw + ")"
	}
	out := append(object{{"@odata.context", c.contextURL(set + "/$entity")}}, t.render(item, c.version, sel, false)...)
	return c.jsonReply(http.StatusOK, out)
}
