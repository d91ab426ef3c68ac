package change

import (
	"errors"

	"github.com/photodesk/photodesk/graphapi"
)

// Unanswered reports whether err, the error of a change that was sent,
// leaves open whether Graph took it: anything but Graph's own answer —
// no answer, a connection reset or cut short once the client's retries
// were spent, the context ending while it was on the wire — or a
// gateway's (502, 504) — on any of its tries, not only the last
// (graphapi.ErrEarlierTryUnanswered). What the client refuses before
// sending is an answer, and so is a request that never left this machine
// (graphapi.ErrNeverSent). Counting one too many only makes undo read the
// photo before deciding; one too few lets an undo walk past a change that
// stands, or a resumed import back up its own upload as the person's
// photo.
func Unanswered(err error) bool {
	var ge *graphapi.Error
	switch {
	case errors.Is(err, graphapi.ErrEarlierTryUnanswered):
		// Retried after a try nobody answered: that one may have gone
		// through, whatever the last try was told.
		return true
	case errors.As(err, &ge):
		return ge.Status == 502 || ge.Status == 504
	case errors.Is(err, graphapi.ErrNeverSent):
		// No try had a connection (a refused dial, DNS, a proxy's
		// CONNECT, TLS): nothing of the change left this machine.
		return false
	case errors.As(err, new(*graphapi.TokenError)):
		// The last try never left for want of a token, and every earlier
		// one had Graph's answer (429, 503): one that got none would have
		// marked it ErrEarlierTryUnanswered, checked above. The MSAL
		// *url.Error inside names the sign-in service's POST, not the
		// change's.
		return false
	case errors.Is(err, graphapi.ErrPhotoTooLarge), errors.Is(err, graphapi.ErrEmptyPhoto),
		errors.Is(err, graphapi.ErrUnsupportedPhotoType), errors.Is(err, graphapi.ErrCannotDeleteContactPhoto),
		errors.Is(err, ErrNotSent):
		return false
	}
	return true
}
