package sandbox

import (
	"net/http"
	"strings"
)

// route maps a call's path to what it is (its Stats kind) and the function
// answering it. Routing looks at the path only; the function checks
// permissions, so a 401 still counts under the right kind. Segment names are
// case-insensitive, as in Graph (contactFolders and contactfolders).
func (h *Handler) route(c *call) (string, func() *reply) {
	switch c.method {
	case http.MethodGet, http.MethodHead:
		return h.routePath(c)
	case http.MethodPut, http.MethodPatch, http.MethodDelete:
		// Only photos can be changed; routePhoto knows which paths.
		if kind, run := h.routePath(c); kind == KindPhotoWrite || kind == KindPhotoDelete {
			return kind, run
		}
	}
	return KindOther, c.methodNotAllowed
}

// methodNotAllowed is Graph's answer to a method a path does not support.
func (c *call) methodNotAllowed() *reply {
	return c.fail(http.StatusMethodNotAllowed, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.")
}

// routePath routes by path alone.
func (h *Handler) routePath(c *call) (string, func() *reply) {
	segs := c.segs
	if len(segs) == 0 {
		return KindOther, c.badSegment("")
	}
	if key, ok, bad := keySegment(segs[0], "users"); ok {
		return h.routeUser(c, key, false, segs[1:])
	} else if bad {
		return KindOther, c.badSegment(segs[0])
	}
	switch strings.ToLower(segs[0]) {
	case "me":
		return h.routeUser(c, "", true, segs[1:])
	case "users":
		if len(segs) == 1 || len(segs) == 2 && c.countSegment(segs[1]) {
			return KindUsers, func() *reply { return h.listUsers(c) }
		}
		if strings.HasPrefix(segs[1], "$") {
			// Graph reads a segment starting with $ as one of its own
			// ($count, $ref, ...): a UPN that starts with $ must be
			// given as users('$...') instead.
			return KindOther, c.badSegment(segs[1])
		}
		return h.routeUser(c, segs[1], false, segs[2:])
	case "groups":
		if len(segs) == 1 || len(segs) == 2 && c.countSegment(segs[1]) {
			return KindGroups, func() *reply { return h.listGroups(c) }
		}
		return h.routeGroup(c, segs[1], segs[2:])
	case "teams":
		if len(segs) > 2 {
			return h.routeTeam(c, segs[1], segs[2:])
		}
	}
	return KindOther, c.badSegment(segs[0])
}

// keySegment reads an entity set addressed by key, as in users('$x@y.com'):
// ok when seg is set('key') (a quote inside the key doubled, as OData
// spells it), bad when it starts as one but is not well formed.
func keySegment(seg, set string) (key string, ok, bad bool) {
	prefix := set + "("
	if len(seg) < len(prefix) || !strings.EqualFold(seg[:len(prefix)], prefix) {
		return "", false, false
	}
	lit := seg[len(prefix):]
	if len(lit) < 3 || !strings.HasPrefix(lit, "'") || !strings.HasSuffix(lit, "')") {
		return "", false, true
	}
	inner := lit[1 : len(lit)-2]
	if inner == "" || strings.Contains(strings.ReplaceAll(inner, "''", ""), "'") {
		return "", false, true
	}
	return strings.ReplaceAll(inner, "''", "'"), true, false
}

// countSegment recognises a trailing /$count, which asks for the size of a
// collection as text/plain instead of its items.
func (c *call) countSegment(seg string) bool {
	if seg == "$count" {
		c.countOnly = true
	}
	return c.countOnly
}

// badSegment is Graph's answer to a path it does not know.
func (c *call) badSegment(seg string) func() *reply {
	return func() *reply {
		return c.fail(http.StatusBadRequest, "BadRequest", "Resource not found for the segment '"+seg+"'.")
	}
}

// routeUser routes what follows /me or /users/{key}.
func (h *Handler) routeUser(c *call, key string, me bool, rest []string) (string, func() *reply) {
	if len(rest) == 0 {
		return KindUser, func() *reply { return h.getUser(c, key, me) }
	}
	target := func(write bool) (photoTarget, *reply) { return h.userPhotoTarget(c, key, me, write) }
	if kind, run, ok := h.routePhoto(c, rest, target, false); ok {
		return kind, run
	}
	switch strings.ToLower(rest[0]) {
	case "contacts":
		return h.routeContacts(c, key, me, "", rest[1:])
	case "contactfolders":
		if len(rest) == 1 {
			return KindContactFolders, func() *reply { return h.listContactFolders(c, key, me) }
		}
		if len(rest) == 2 {
			return KindContactFolders, func() *reply { return h.getContactFolder(c, key, me, rest[1]) }
		}
		if strings.EqualFold(rest[2], "contacts") {
			return h.routeContacts(c, key, me, rest[1], rest[3:])
		}
		if strings.EqualFold(rest[2], "childFolders") && len(rest) == 3 {
			return KindContactFolders, func() *reply { return h.listChildFolders(c, key, me, rest[1]) }
		}
		return KindOther, c.badSegment(rest[2])
	}
	return KindOther, c.badSegment(rest[0])
}

// routeContacts routes what follows .../contacts, optionally inside a folder.
func (h *Handler) routeContacts(c *call, key string, me bool, folder string, rest []string) (string, func() *reply) {
	if len(rest) == 0 {
		return KindContacts, func() *reply { return h.listContacts(c, key, me, folder) }
	}
	id := rest[0]
	if len(rest) == 1 {
		return KindContacts, func() *reply { return h.getContact(c, key, me, folder, id) }
	}
	if strings.EqualFold(rest[1], "photos") {
		// Contacts have no per-size photos; Graph refuses the segment.
		return KindOther, c.unsupportedSegment
	}
	target := func(write bool) (photoTarget, *reply) { return h.contactPhotoTarget(c, key, me, folder, id, write) }
	if kind, run, ok := h.routePhoto(c, rest[1:], target, true); ok {
		return kind, run
	}
	return KindOther, c.badSegment(rest[1])
}

// routeGroup routes what follows /groups/{id}.
func (h *Handler) routeGroup(c *call, id string, rest []string) (string, func() *reply) {
	if len(rest) == 0 {
		return KindGroup, func() *reply { return h.getGroup(c, id) }
	}
	target := func(write bool) (photoTarget, *reply) { return h.groupPhotoTarget(c, id, write) }
	if kind, run, ok := h.routePhoto(c, rest, target, false); ok {
		return kind, run
	}
	if strings.EqualFold(rest[0], "members") {
		cast := ""
		switch {
		case len(rest) == 2 && c.countSegment(rest[1]):
		case len(rest) == 2:
			cast = rest[1]
		case len(rest) > 2:
			return KindOther, c.badSegment(rest[2])
		}
		return KindMembers, func() *reply { return h.listMembers(c, id, cast) }
	}
	return KindOther, c.badSegment(rest[0])
}

// unsupportedSegment is Graph's 400 for a per-size route of a subject that
// has none (a contact's, DC #7371; a team's).
func (c *call) unsupportedSegment() *reply {
	return c.fail(http.StatusBadRequest, "BadRequest", "Unsupported segment type. ODataQuery: "+strings.TrimPrefix(c.path, "/"))
}

// routePhoto recognises photo, photo/$value, photos, photos/{size} and
// photos/{size}/$value after a subject, and the writes to them;
// undeletable marks a subject whose photo Graph cannot delete (a
// contact's, a team's). target resolves the subject and checks
// permissions when the route runs.
func (h *Handler) routePhoto(c *call, rest []string, target targetFunc, undeletable bool) (string, func() *reply, bool) {
	if c.method != http.MethodGet && c.method != http.MethodHead {
		return h.routePhotoWrite(c, rest, target, undeletable)
	}
	value := func(i int) bool { return len(rest) == i+1 && rest[i] == "$value" }
	switch strings.ToLower(rest[0]) {
	case "photo":
		switch {
		case len(rest) == 1:
			return KindPhotoMeta, func() *reply { return h.photo(c, target, "", false) }, true
		case value(1):
			return KindPhotoBytes, func() *reply { return h.photo(c, target, "", true) }, true
		}
		return KindOther, c.badSegment(rest[1]), true
	case "photos":
		switch {
		case len(rest) == 1:
			return KindPhotoSizes, func() *reply { return h.photoSizes(c, target) }, true
		case len(rest) == 2:
			return KindPhotoMeta, func() *reply { return h.photo(c, target, rest[1], false) }, true
		case value(2):
			return KindPhotoBytes, func() *reply { return h.photo(c, target, rest[1], true) }, true
		}
		return KindOther, c.badSegment(rest[2]), true
	}
	return "", nil, false
}
