package sandbox

import (
	"fmt"
	"hash/fnv"
	"strings"
)

// photoSubject is anything with a photo: a user, a group or a contact, as
// generated (kind) and as changed through Graph since (version, upload;
// filled by Directory.attach).
type photoSubject struct {
	id      string
	name    string
	kind    PhotoKind
	contact bool
	// personal marks a personal account's own photo or contact: metadata
	// is not supported, bytes are.
	personal bool
	version  int            // TouchPhoto count
	upload   *uploadedPhoto // nil while the generated photo stands
}

func userSubject(u *User) photoSubject {
	return photoSubject{id: u.ID, name: u.DisplayName, kind: u.Photo}
}

func groupSubject(g *Group) photoSubject {
	return photoSubject{id: g.ID, name: g.DisplayName, kind: g.Photo}
}

func contactSubject(c *Contact) photoSubject {
	return photoSubject{id: c.ID, name: c.DisplayName, kind: c.Photo, contact: true}
}

// deleted reports a photo removed through Graph.
func (s photoSubject) deleted() bool { return s.upload != nil && s.upload.deleted }

// photoVariant is one stored photo as Graph describes it in the metadata.
type photoVariant struct {
	id          string // "240X240", "240x240", "default", "1x1"
	width       int
	height      int
	contentType string
	etag        string // without quotes; empty for the 1x1 placeholder
	format      string // "jpeg", "png" or "gif"
}

// PhotoInfo is what the metadata of one photo says, exported so tests can
// compare answers with what the directory holds.
type PhotoInfo struct {
	ID          string
	Width       int
	Height      int
	ContentType string
	// ETag is the quoted ETag header value, e.g. `"BA09D118"`; the metadata's
	// @odata.mediaEtag carries the same string. Empty for the 1x1 placeholder.
	ETag string
}

// PhotoInfo describes the photo of a user, group or contact id at a size
// (0 = the largest available), or reports false when that photo does not
// exist (the answer would be a 404).
func (d *Directory) PhotoInfo(subjectID string, size int) (PhotoInfo, bool) {
	s, ok := d.subject(subjectID)
	if !ok {
		return PhotoInfo{}, false
	}
	v, ok := d.variant(s, size)
	if !ok {
		return PhotoInfo{}, false
	}
	info := PhotoInfo{ID: v.id, Width: v.width, Height: v.height, ContentType: v.contentType}
	if v.etag != "" {
		info.ETag = `"` + v.etag + `"`
	}
	return info, true
}

// PhotoBytes returns the image a $value request would serve, for tests.
func (d *Directory) PhotoBytes(subjectID string, size int) ([]byte, bool) {
	s, ok := d.subject(subjectID)
	if !ok {
		return nil, false
	}
	v, ok := d.variant(s, size)
	if !ok {
		return nil, false
	}
	return d.photoBytes(s, v), true
}

// subject finds a user, group or the contact of any generated mailbox, with
// its current photo.
func (d *Directory) subject(id string) (photoSubject, bool) {
	if u, ok := d.Account(id); ok {
		return d.attach(userSubject(u)), true
	}
	if g, ok := d.Group(id); ok {
		return d.attach(groupSubject(g)), true
	}
	d.mu.Lock()
	var found *Contact
	for _, mb := range d.mailboxes {
		if c, ok := mb.findContact("", id); ok {
			found = c
			break
		}
	}
	d.mu.Unlock()
	if found == nil {
		return photoSubject{}, false
	}
	return d.attach(contactSubject(found)), true
}

// variant describes the subject's photo at size (0 = largest available).
// placeholderVariant is old tenants' 1x1 GIF: their answer for no photo,
// and the Get photo document's for a size not uploaded.
var placeholderVariant = photoVariant{id: "1x1", width: 1, height: 1, contentType: "image/gif", format: "gif"}

func (d *Directory) variant(s photoSubject, size int) (photoVariant, bool) {
	if s.upload != nil {
		return d.uploadedVariant(s, size)
	}
	etag := d.etagOf(s)
	switch s.kind {
	case PhotoNone, PhotoLegacyMissing, PhotoGetUserPhoto, PhotoNoMailbox:
		return photoVariant{}, false
	case PhotoGIF1x1:
		// Old tenants answer the placeholder for any size.
		return placeholderVariant, true
	case PhotoEntraOnly:
		if size != 0 {
			return photoVariant{}, false
		}
		return photoVariant{id: "default", width: 400, height: 300, contentType: "image/Jpeg", etag: etag, format: "jpeg"}, true
	case PhotoContact:
		if size != 0 {
			return photoVariant{}, false
		}
		return photoVariant{id: "240X240", width: 240, height: 240, contentType: "image/jpeg", etag: etag, format: "jpeg"}, true
	}
	sizes := s.kind.Sizes()
	if size == 0 {
		size = sizes[len(sizes)-1]
	}
	found := false
	for _, sz := range sizes {
		found = found || sz == size
	}
	if !found {
		return photoVariant{}, false
	}
	v := photoVariant{width: size, height: size, etag: etag, contentType: "image/jpeg", format: "jpeg"}
	v.id = fmt.Sprintf("%dX%d", size, size)
	if s.kind == PhotoPNG {
		v.id = strings.ToLower(v.id)
		v.contentType, v.format = "image/png", "png"
	}
	return v, true
}

// sizesOf lists the variants /photos answers for a subject.
func (d *Directory) sizesOf(s photoSubject) []photoVariant {
	var out []photoVariant
	if s.kind == PhotoEntraOnly {
		// Its one photo, whatever its dimensions, id "default".
		if v, ok := d.variant(s, 0); ok {
			out = append(out, v)
		}
		return out
	}
	if s.upload != nil {
		for _, sz := range s.upload.sizes {
			v, _ := d.variant(s, sz)
			out = append(out, v)
		}
		return out
	}
	if s.kind == PhotoGIF1x1 {
		v, _ := d.variant(s, 0)
		return []photoVariant{v}
	}
	for _, sz := range s.kind.Sizes() {
		v, _ := d.variant(s, sz)
		out = append(out, v)
	}
	return out
}

// etag is the current ETag of a subject's photo, for tests.
func (d *Directory) etag(subjectID string) string {
	return d.etagOf(d.attach(photoSubject{id: subjectID}))
}

// etagOf is the photo's version stamp: it follows the seed, the subject,
// TouchPhoto and every change through Graph (identical bytes included, as
// in Graph), and is the same for every size of one upload.
func (d *Directory) etagOf(s photoSubject) string {
	h := fnv.New32a()
	fmt.Fprintf(h, "%d/%s/%d", d.seed, strings.ToLower(s.id), s.version)
	if s.upload != nil {
		fmt.Fprintf(h, "/upload/%d", s.upload.serial)
	}
	return fmt.Sprintf("%08X", h.Sum32())
}

// photoBytes renders (or fetches from the cache) the encoded image.
func (d *Directory) photoBytes(s photoSubject, v photoVariant) []byte {
	key := photoKey{subject: strings.ToLower(s.id), version: s.version, width: v.width, height: v.height, format: v.format}
	if up := s.upload; up != nil {
		key.upload = up.serial
		return d.photos.get(key, func() []byte { return up.render(v.width, v.height) })
	}
	return d.photos.get(key, func() []byte {
		return renderPhoto(portraitFor(d.seed, s, s.version), v.width, v.height, v.format)
	})
}
