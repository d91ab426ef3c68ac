package sandbox

import (
	"net/http"
	"strings"
)

// routePhotoWrite routes PUT and PATCH of photo/$value and DELETE of photo,
// the only photo writes Graph has (profilephoto-update, -delete). Every
// other write to a photo path, and DELETE of an undeletable one (a
// contact's or a team's photo, which Graph cannot delete; it answered
// users the same way before October 2023, msgraph-metadata #387), is 405
// Method Not Allowed.
func (h *Handler) routePhotoWrite(c *call, rest []string, target targetFunc, undeletable bool) (string, func() *reply, bool) {
	if !strings.EqualFold(rest[0], "photo") {
		if strings.EqualFold(rest[0], "photos") {
			return KindOther, c.methodNotAllowed, true
		}
		return "", nil, false
	}
	switch {
	case c.method == http.MethodDelete && len(rest) == 1 && undeletable:
		return KindPhotoDelete, c.methodNotAllowed, true
	case c.method == http.MethodDelete && len(rest) == 1:
		return KindPhotoDelete, func() *reply { return h.deletePhoto(c, target) }, true
	case c.method != http.MethodDelete && len(rest) == 2 && rest[1] == "$value":
		return KindPhotoWrite, func() *reply { return h.putPhoto(c, target) }, true
	}
	return KindOther, c.methodNotAllowed, true
}
