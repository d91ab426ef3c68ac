package graphapi

import (
	"net/http"
	"strings"
)

// isPhotoWrite reports whether e answers a SetPhoto or DeletePhoto.
func (e *Error) isPhotoWrite() bool {
	switch e.Method {
	case http.MethodPut, http.MethodPatch, http.MethodDelete:
		return strings.Contains(e.URL, "/photo")
	}
	return false
}

// IsInvalidPhoto reports a 400 to a photo upload: the bytes are not an
// image Graph can read (or not one it accepts). A different file is the
// fix, not a retry.
func IsInvalidPhoto(err error) bool {
	e, ok := asError(err)
	return ok && e.Status == http.StatusBadRequest && e.isPhotoWrite() && !IsNoMailbox(err)
}

// IsPhotoTooLargeForEntraOnly reports the bare 404 Graph has answered to
// an upload of more than about 100 KB for a user without an Exchange
// Online mailbox, whose photo lives in Entra ID only
// (microsoft-graph-docs #8236; unconfirmed today). It is told apart from
// an unknown user by coming without any of the codes Graph gives those: a
// smaller image is the fix.
func IsPhotoTooLargeForEntraOnly(err error) bool {
	e, ok := asError(err)
	if !ok || e.Status != http.StatusNotFound || !e.isPhotoWrite() || e.Method == http.MethodDelete {
		return false
	}
	switch e.Code {
	case "ErrorInvalidUser", "Request_ResourceNotFound", "ErrorItemNotFound", "ImageNotFound":
		return false
	}
	return true
}

// IsAdminRoleRequired reports the directory's 403 to a change of another
// user's photo by a signed-in user without a role that may manage users
// (User Administrator or above). More scopes will not help: an admin must
// sign in, or the app must act as itself with ProfilePhoto.ReadWrite.All.
func IsAdminRoleRequired(err error) bool {
	e, ok := asError(err)
	return ok && e.Status == http.StatusForbidden && e.Code == "Authorization_RequestDenied" && e.isPhotoWrite()
}
