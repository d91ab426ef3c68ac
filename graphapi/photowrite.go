package graphapi

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
)

// MaxPhotoBytes is the largest photo Graph accepts: every Graph request is
// capped at 4 MB, and the photo is the whole body.
// https://learn.microsoft.com/graph/api/profilephoto-update
const MaxPhotoBytes = 4 << 20

// Errors returned by SetPhoto and DeletePhoto before any request is sent,
// for requests Graph is known to refuse. Test them with errors.Is.
var (
	// ErrPhotoTooLarge is a photo over MaxPhotoBytes; Graph would answer
	// 413 after the whole upload.
	ErrPhotoTooLarge = errors.New("photo larger than 4 MB")
	// ErrEmptyPhoto is an upload without bytes.
	ErrEmptyPhoto = errors.New("photo has no bytes")
	// ErrUnsupportedPhotoType is a Content-Type other than image/jpeg or
	// image/png, the two the update doc names; Graph has answered others
	// (application/octet-stream) with a 500.
	ErrUnsupportedPhotoType = errors.New("photo type must be image/jpeg or image/png")
	// ErrCannotDeleteContactPhoto is DeletePhoto on a contact: Graph can
	// replace a contact's photo but has no way to remove it.
	ErrCannotDeleteContactPhoto = errors.New("graph cannot delete a contact's photo")
)

// SetPhoto replaces subj's photo with data, a JPEG or PNG image
// (PUT …/photo/$value). Graph re-encodes it as JPEG, derives the HD sizes
// from it and gives it a new ETag, even for identical bytes. Uploads are
// idempotent, so a throttled or dropped upload is sent again like a read.
// Other Microsoft 365 apps may show the old photo for hours.
// https://learn.microsoft.com/graph/api/profilephoto-update
func (c *Client) SetPhoto(ctx context.Context, subj Subject, data []byte, contentType string) error {
	ct, err := photoContentType(contentType)
	switch {
	case err != nil:
		return fmt.Errorf("set photo of %s: %w", subj, err)
	case len(data) == 0:
		return fmt.Errorf("set photo of %s: %w", subj, ErrEmptyPhoto)
	case len(data) > MaxPhotoBytes:
		return fmt.Errorf("set photo of %s: %d bytes: %w", subj, len(data), ErrPhotoTooLarge)
	}
	path, err := subj.PhotoPath(SizeLargest, true)
	if err != nil {
		return err
	}
	if err := c.changePhoto(ctx, http.MethodPut, path, http.Header{"Content-Type": {ct}}, data); err != nil {
		return fmt.Errorf("set photo of %s: %w", subj, err)
	}
	return nil
}

// DeletePhoto removes subj's photo (DELETE …/photo), for me, users and
// groups. A photo that is already gone is not an error: that is the state
// asked for, and a retried DELETE whose first try landed would otherwise
// fail. Contacts: ErrCannotDeleteContactPhoto.
// https://learn.microsoft.com/graph/api/profilephoto-delete
func (c *Client) DeletePhoto(ctx context.Context, subj Subject) error {
	if subj.Kind() == KindContact {
		return fmt.Errorf("delete photo of %s: %w", subj, ErrCannotDeleteContactPhoto)
	}
	path, err := subj.PhotoPath(SizeLargest, false)
	if err != nil {
		return err
	}
	err = c.changePhoto(ctx, http.MethodDelete, path, nil, nil)
	if err != nil && !(IsNoPhoto(err) && hasStatus(err, http.StatusNotFound)) { // a 400 refusal is not "gone"
		return fmt.Errorf("delete photo of %s: %w", subj, err)
	}
	return nil
}

// changePhoto sends a photo write through do, holding a limiter slot like
// a read: writes go to the same Outlook-backed service and count against
// the same four-concurrent rule.
func (c *Client) changePhoto(ctx context.Context, method, path string, header http.Header, body []byte) error {
	_, err := c.do(ctx, &request{method: method, url: c.url(path), header: header, body: body, photoSlots: 1})
	return err
}

// photoContentType normalises a JPEG or PNG media type ("image/JPEG;
// q=1" becomes "image/jpeg") and refuses anything else.
func photoContentType(ct string) (string, error) {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return "", fmt.Errorf("content type %q: %w", ct, ErrUnsupportedPhotoType)
	}
	switch mt = strings.ToLower(mt); mt {
	case "image/jpeg", "image/png":
		return mt, nil
	}
	return "", fmt.Errorf("content type %q: %w", ct, ErrUnsupportedPhotoType)
}
