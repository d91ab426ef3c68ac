package sandbox

import (
	"mime"
	"net/http"
	"strings"
)

// maxEntraOnlyUpload is the most a person whose photo lives in Entra ID
// only (PhotoEntraOnly, and PhotoNoMailbox: no Exchange Online mailbox)
// may upload: larger photos were answered with a bare 404
// (microsoft-graph-docs #8236, 2020; unconfirmed today, emulated).
const maxEntraOnlyUpload = 100 << 10

// Graph's words for refused uploads.
const (
	// msgProfileBadRequest is the photo service's message for the uploads
	// it refuses (seen with ValidationWidthTooSmall, docs-contrib #423).
	msgProfileBadRequest = "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ProfileBadRequestException' was thrown."
	msgInternalError     = "An internal server error occurred. The operation failed."
)

// putPhoto answers PUT or PATCH …/photo/$value: the body becomes the
// subject's photo, with a new ETag and sizes derived from it, and Graph
// says 200 OK with no body.
func (h *Handler) putPhoto(c *call, target targetFunc) *reply {
	t, rep := target(true)
	if rep != nil {
		return rep
	}
	if !imageContentType(c.header.Get("Content-Type")) {
		// What Graph answered an upload sent as application/octet-stream
		// (msgraph-sdk-dotnet #237).
		return c.fail(http.StatusInternalServerError, "ErrorInternalServerError", msgInternalError)
	}
	entraOnly, noMailbox := t.subject.kind == PhotoEntraOnly, t.subject.kind == PhotoNoMailbox
	if (entraOnly || noMailbox) && len(c.body) > maxEntraOnlyUpload {
		return newReply(http.StatusNotFound) // bare: no Graph error body
	}
	img, err := decodeUpload(c.body)
	if err != nil {
		return c.fail(http.StatusBadRequest, "ErrorInvalidImage", msgProfileBadRequest)
	}
	if noMailbox {
		// Taken into Entra ID, where the photo reads of the same era
		// (400 AuthenticationError, #8877) never looked: nothing a
		// later read could show is kept.
		return newReply(http.StatusOK)
	}
	h.dir.storeUpload(t.subject, newUpload(img, entraOnly))
	if t.team {
		// The update document's answer for a team, where every other
		// subject gets 200: "200 OK … or a 204 No Content response code
		// for updating the photo of a team", and its team example answers
		// 204 (microsoft-graph-docs-contrib,
		// api-reference/beta/api/profilephoto-update.md). graph-facts'
		// "Success: 200 OK" leaves the team case out.
		return newReply(http.StatusNoContent)
	}
	return newReply(http.StatusOK)
}

// deletePhoto answers DELETE …/photo with 204: the subject has no photo
// from now on. Deleting a photo that is not there is 204 too, so a retried
// DELETE does not fail (what Graph answers is not documented).
func (h *Handler) deletePhoto(c *call, target targetFunc) *reply {
	t, rep := target(true)
	if rep != nil {
		return rep
	}
	if t.subject.kind == PhotoNoMailbox {
		return c.noMailbox()
	}
	h.dir.storeDelete(t.subject)
	return newReply(http.StatusNoContent)
}

// imageContentType reports whether a Content-Type names an image, as the
// update doc requires (image/jpeg; PNG is accepted too).
func imageContentType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && strings.HasPrefix(mt, "image/")
}
