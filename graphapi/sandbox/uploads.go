package sandbox

import (
	"fmt"
	"image"
	"strings"
)

// uploadedPhoto is what a PUT or DELETE through Graph left in place of a
// subject's generated photo. It is never changed once stored, so requests
// read it without the lock.
type uploadedPhoto struct {
	serial        uint64 // which change this is; ETags and rendered bytes follow it
	deleted       bool
	width, height int         // as uploaded
	sizes         []int       // HD sizes derived from the upload; nil for Entra-only
	img           *image.RGBA // what every size is scaled from
}

// attach fills in the subject's TouchPhoto version and upload, read under
// one lock so an answer's ETag and bytes belong to the same photo.
func (d *Directory) attach(s photoSubject) photoSubject {
	key := strings.ToLower(s.id)
	d.mu.Lock()
	defer d.mu.Unlock()
	s.version = d.versions[key]
	s.upload = d.uploads[key]
	return s
}

// storeUpload makes up the subject's photo from now on.
func (d *Directory) storeUpload(s photoSubject, up *uploadedPhoto) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.serial++
	up.serial = d.serial
	d.uploads[strings.ToLower(s.id)] = up
}

// storeDelete leaves the subject without a photo.
func (d *Directory) storeDelete(s photoSubject) {
	d.storeUpload(s, &uploadedPhoto{deleted: true})
}

// ResetPhotos undoes every upload and delete made through Graph, so a tenant
// shared by several tests gives each one the generated photos back.
// TouchPhoto's changes stay. ETags of later uploads are still new ones.
func (d *Directory) ResetPhotos() {
	d.mu.Lock()
	defer d.mu.Unlock()
	clear(d.uploads)
}

// uploadedVariant describes an uploaded photo at size (0 = the largest), the
// way Graph describes a photo it re-encoded: JPEG, ids like "240X240";
// Entra-only people keep one photo at the uploaded dimensions (id
// "default", served as "image/Jpeg") and contacts one at the largest size
// the upload reaches.
func (d *Directory) uploadedVariant(s photoSubject, size int) (photoVariant, bool) {
	up := s.upload
	if up.deleted {
		return photoVariant{}, false
	}
	v := photoVariant{contentType: "image/jpeg", etag: d.etagOf(s), format: "jpeg"}
	switch {
	case s.kind == PhotoEntraOnly:
		if size != 0 {
			return photoVariant{}, false
		}
		v.id, v.width, v.height, v.contentType = "default", up.width, up.height, "image/Jpeg"
		return v, true
	case s.contact && size != 0:
		return photoVariant{}, false
	case size == 0:
		size = up.sizes[len(up.sizes)-1]
	}
	found := false
	for _, sz := range up.sizes {
		found = found || sz == size
	}
	if !found {
		return photoVariant{}, false
	}
	v.id, v.width, v.height = fmt.Sprintf("%dX%d", size, size), size, size
	return v, true
}
