package sandbox

// PhotoKind is which of the photo behaviours real Graph is known to show a
// subject has. Each kind reproduces one answer from shared/graph-facts.md.
type PhotoKind int

// The photo kinds. The zero value is "no photo" so a subject without an
// explicit kind answers like a user who never uploaded one.
const (
	// PhotoNone answers 404 ImageNotFound on every photo path (today's Graph).
	PhotoNone PhotoKind = iota
	// PhotoHD has all nine HD sizes as JPEG, 48x48 up to 648x648.
	PhotoHD
	// PhotoUpTo240 was uploaded at 240x240: nothing larger exists (404).
	PhotoUpTo240
	// PhotoUpTo504 was uploaded at 504x504: every size but 648x648 exists.
	PhotoUpTo504
	// PhotoEntraOnly is stored in Entra ID only: one 400x300 photo served as
	// "image/Jpeg" (capital J) with id "default" and no HD sizes.
	PhotoEntraOnly
	// PhotoPNG has all nine sizes as PNG with a transparent background and
	// lowercase ids ("240x240").
	PhotoPNG
	// PhotoLegacyMissing answers the older 404 ErrorItemNotFound
	// "The photo wasn't found." on every photo path.
	PhotoLegacyMissing
	// PhotoGIF1x1 is the old tenants' placeholder: 200 metadata with
	// image/gif, an empty mediaEtag, id "1x1", 1 by 1, and a 1x1 GIF as bytes.
	PhotoGIF1x1
	// PhotoContact is a contact's single 240x240 JPEG (contacts have no sizes).
	PhotoContact
	// PhotoConsumer is a personal account's photo: bytes of self work, the
	// metadata answers 404 ConsumerPhotoIsNotSupported.
	PhotoConsumer
	// PhotoTextPlainSize was uploaded at 240x240 like PhotoUpTo240, but a
	// missing size (360x360 and up) answers the old text/plain 404 with no
	// JSON body (microsoft-graph-docs #2319).
	PhotoTextPlainSize
	// PhotoGetUserPhoto has no photo and answers with the old Exchange code:
	// 404 GetUserPhoto "The photo wasn't found." on every photo path.
	PhotoGetUserPhoto
	// PhotoNoMailbox is a user without an Exchange mailbox: every photo
	// read, and a DELETE, answers the historic 400 AuthenticationError
	// "Error authenticating with resource" (microsoft-graph-docs #8877); an
	// upload is taken (200) up to ~100 KB and answered with a bare 404
	// above (#8236), and reads go on answering 400 after it.
	PhotoNoMailbox
)

// String names the kind for test failures and the README.
func (k PhotoKind) String() string {
	switch k {
	case PhotoNone:
		return "none"
	case PhotoHD:
		return "hd"
	case PhotoUpTo240:
		return "up-to-240"
	case PhotoUpTo504:
		return "up-to-504"
	case PhotoEntraOnly:
		return "entra-only"
	case PhotoPNG:
		return "png"
	case PhotoLegacyMissing:
		return "legacy-missing"
	case PhotoGIF1x1:
		return "gif-1x1"
	case PhotoContact:
		return "contact"
	case PhotoConsumer:
		return "consumer"
	case PhotoTextPlainSize:
		return "text-plain-size"
	case PhotoGetUserPhoto:
		return "get-user-photo"
	case PhotoNoMailbox:
		return "no-mailbox"
	}
	return "unknown"
}

// HDSizes are the nine square sizes Exchange keeps, smallest first.
var HDSizes = []int{48, 64, 96, 120, 240, 360, 432, 504, 648}

// HasPhoto reports whether the subject has real image bytes to serve.
func (k PhotoKind) HasPhoto() bool {
	switch k {
	case PhotoNone, PhotoLegacyMissing, PhotoGetUserPhoto, PhotoNoMailbox:
		return false
	}
	return true
}

// Sizes lists the HD sizes a photo of this kind exists in, smallest first;
// nil means the kind has no per-size photos.
func (k PhotoKind) Sizes() []int {
	switch k {
	case PhotoHD, PhotoPNG, PhotoConsumer:
		return HDSizes
	case PhotoUpTo240, PhotoTextPlainSize:
		return HDSizes[:5]
	case PhotoUpTo504:
		return HDSizes[:8]
	}
	return nil
}
