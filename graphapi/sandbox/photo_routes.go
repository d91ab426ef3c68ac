package sandbox

import (
	"net/http"
	"strconv"
	"strings"
)

// photoTarget is a resolved subject whose photo may be read.
type photoTarget struct {
	subject photoSubject
	context string // metadata path of the subject, e.g. "users('id')"
	odataID bool   // whether the metadata carries @odata.id (contacts' does not)
	team    bool   // a team's photo: an upload is answered 204, not 200
}

// Graph's "no photo" answers.
const (
	msgImageNotFound = "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown."
	msgPhotoNotFound = "The photo wasn't found."
	// Real Graph's message for ConsumerPhotoIsNotSupported, as captured.
	msgConsumerPhoto = msgPhotoNotFound
	msgNoMailbox     = "Error authenticating with resource"
)

// targetFunc resolves a photo route's subject when the route runs, checking
// the permissions for reading it or, with write, for changing it.
type targetFunc func(write bool) (photoTarget, *reply)

func (h *Handler) userPhotoTarget(c *call, key string, me, write bool) (photoTarget, *reply) {
	a := accessPhoto
	if write {
		a = accessPhotoWrite
	}
	u, rep := h.resolveUser(c, key, me, a)
	if rep != nil {
		return photoTarget{}, rep
	}
	return photoTarget{subject: h.dir.attach(userSubject(u)), context: "users('" + u.ID + "')", odataID: true}, nil
}

func (h *Handler) groupPhotoTarget(c *call, id string, write bool) (photoTarget, *reply) {
	perms := scopesGroupPhotos
	if write {
		perms = scopesGroupPhotoWrite
	}
	// The known issue: application permissions cannot read group photos;
	// changing them is refused the same way.
	if c.claims.IsApp() || c.claims.Personal || !c.allowed(perms) {
		return photoTarget{}, c.denyMailbox()
	}
	g, ok := h.dir.Group(id)
	if !ok {
		return photoTarget{}, c.notFound(id)
	}
	return photoTarget{subject: h.dir.attach(groupSubject(g)), context: "groups('" + g.ID + "')", odataID: true}, nil
}

func (h *Handler) contactPhotoTarget(c *call, key string, me bool, folder, id string, write bool) (photoTarget, *reply) {
	a := accessContacts
	if write {
		a = accessContactsWrite
	}
	u, ct, rep := h.resolveContact(c, key, me, folder, id, a)
	if rep != nil {
		return photoTarget{}, rep
	}
	ctx := "users('" + u.ID + "')/contacts('" + ct.ID + "')"
	if folder != "" {
		ctx = "users('" + u.ID + "')/contactFolders('" + folder + "')/contacts('" + ct.ID + "')"
	}
	subject := h.dir.attach(contactSubject(ct))
	// Personal accounts have no photo metadata, for their contacts either.
	subject.personal = u.Personal
	return photoTarget{subject: subject, context: ctx}, nil
}

// photo answers the metadata or the bytes of a subject's photo, at a size
// when sizeSeg is set.
func (h *Handler) photo(c *call, target targetFunc, sizeSeg string, bytes bool) *reply {
	t, rep := target(false)
	if rep != nil {
		return rep
	}
	s := t.subject
	size := 0
	if sizeSeg != "" {
		if size, rep = c.parseSize(sizeSeg); rep != nil {
			return rep
		}
	}
	if rep := c.noPhoto(s, bytes); rep != nil {
		return rep
	}
	v, ok := h.dir.variant(s, size)
	switch {
	case !ok && size != 0 && s.kind == PhotoEntraOnly && !bytes && !s.deleted():
		// The Get photo doc's fallback: a size that does not exist
		// describes "1X1", with the rest of the photo's metadata.
		v, _ = h.dir.variant(s, 0)
		v.id, v.width, v.height = "1X1", 1, 1
	case !ok && size != 0 && s.kind == PhotoTextPlainSize && s.upload == nil:
		return textNotFound()
	case !ok && size != 0 && chance(c.faults.SizePlaceholderRate):
		v = placeholderVariant
	case !ok:
		return c.fail(http.StatusNotFound, "ImageNotFound", msgImageNotFound)
	}
	if bytes {
		rep := newReply(http.StatusOK)
		rep.header.Set("Content-Type", v.contentType)
		if v.etag != "" {
			rep.header.Set("ETag", `"`+v.etag+`"`)
		}
		rep.header.Set("Cache-Control", "private")
		rep.body = h.dir.photoBytes(s, v)
		return rep
	}
	ctx, id := t.context+"/photo/$entity", t.context+"/photo"
	if sizeSeg != "" {
		ctx, id = t.context+"/photos/$entity", t.context+"/photos('"+v.id+"')"
	}
	meta := object{{"@odata.context", c.contextURL(ctx)}}
	if t.odataID {
		meta = append(meta, field{"@odata.id", c.base + "/" + id})
	}
	meta = append(meta, photoFields(v)...)
	rep = c.jsonReply(http.StatusOK, meta)
	rep.header.Set("Cache-Control", "private")
	return rep
}

// photoFields are a profilePhoto's properties in Graph's order.
func photoFields(v photoVariant) object {
	etag := ""
	if v.etag != "" {
		etag = `"` + v.etag + `"`
	}
	return object{
		{"@odata.mediaContentType", v.contentType},
		{"@odata.mediaEtag", etag},
		{"id", v.id},
		{"width", v.width},
		{"height", v.height},
	}
}

// photoSizes answers /photos: the sizes that exist, as an OData collection.
func (h *Handler) photoSizes(c *call, target targetFunc) *reply {
	t, rep := target(false)
	if rep != nil {
		return rep
	}
	if rep := c.noPhoto(t.subject, false); rep != nil {
		return rep
	}
	items := []any{}
	for _, v := range h.dir.sizesOf(t.subject) {
		items = append(items, photoFields(v))
	}
	rep = c.jsonReply(http.StatusOK, object{{"@odata.context", c.contextURL(t.context + "/photos")}, {"value", items}})
	rep.header.Set("Cache-Control", "private")
	return rep
}

// textNotFound is the old answer for a size that does not exist: a 404
// whose body is plain text, not Graph's JSON (microsoft-graph-docs #2319).
func textNotFound() *reply {
	r := newReply(http.StatusNotFound)
	r.header.Set("Content-Type", "text/plain; charset=utf-8")
	r.body = []byte("Not Found")
	return r
}

// noPhoto is the answer for subjects without a photo, or nil.
func (c *call) noPhoto(s photoSubject, bytes bool) *reply {
	switch {
	case s.kind == PhotoNoMailbox:
		// Without a mailbox there is nothing to read, uploads included:
		// they went to Entra ID, which these reads never reached.
		return c.noMailbox()
	case s.deleted():
		return c.fail(http.StatusNotFound, "ImageNotFound", msgImageNotFound)
	case (s.kind == PhotoConsumer || s.personal) && !bytes:
		return c.fail(http.StatusNotFound, "ConsumerPhotoIsNotSupported", msgConsumerPhoto)
	case s.upload != nil:
		return nil
	case s.kind == PhotoNone:
		return c.fail(http.StatusNotFound, "ImageNotFound", msgImageNotFound)
	case s.kind == PhotoLegacyMissing:
		return c.fail(http.StatusNotFound, "ErrorItemNotFound", msgPhotoNotFound)
	case s.kind == PhotoGetUserPhoto:
		return c.fail(http.StatusNotFound, "GetUserPhoto", msgPhotoNotFound)
	}
	return nil
}

// parseSize reads "48x48" (any case of x). A well-formed size that is not
// stored answers 404 later; anything else is a bad segment.
func (c *call) parseSize(seg string) (int, *reply) {
	w, hgt, ok := strings.Cut(strings.ToLower(seg), "x")
	n, err1 := strconv.Atoi(w)
	m, err2 := strconv.Atoi(hgt)
	if !ok || err1 != nil || err2 != nil || n <= 0 || m <= 0 {
		return 0, c.badSegment(seg)()
	}
	if n != m {
		return 0, c.fail(http.StatusNotFound, "ImageNotFound", msgImageNotFound)
	}
	return n, nil
}

// notFound is the directory's 404 for an unknown id.
func (c *call) notFound(key string) *reply {
	return c.fail(http.StatusNotFound, "Request_ResourceNotFound",
		"Resource '"+key+"' does not exist or one of its queried reference-property objects are not present.")
}

// noMailbox is Graph's answer for a photo of a user with no Exchange
// Online mailbox (historic; see graph-facts.md).
func (c *call) noMailbox() *reply {
	return c.fail(http.StatusBadRequest, "AuthenticationError", msgNoMailbox)
}
