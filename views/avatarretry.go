package views

import (
	"time"

	"github.com/photodesk/photodesk/app"
)

// A row's avatar that failed to load (a fault, a gateway's error in its
// batch, a photo that kept arriving damaged) used to stay a grey disc for
// as long as the list: nothing asked for it again. It is now asked again
// when the person's photo is shown (the engine keeps the viewer's photo
// as their avatar, so memory answers), on Refresh, and when it is drawn
// again after a while — not at every redraw, which would send Graph the
// failing request each time an avatar arrives.

// avatarRetryAfter is how long a failed avatar waits before being drawn
// asks for it again.
const avatarRetryAfter = 30 * time.Second

// clock is the sidebar's time: time.Now unless a test set another.
func (s *sidebar) clock() time.Time {
	if s.now != nil {
		return s.now()
	}
	return time.Now()
}

// avatarFailedLongAgo reports whether row id's avatar failed to load at
// least avatarRetryAfter ago. UI goroutine only.
func (s *sidebar) avatarFailedLongAgo(id int) bool {
	return id < len(s.avatarFailedAt) && !s.avatarFailedAt[id].IsZero() &&
		s.clock().Sub(s.avatarFailedAt[id]) >= avatarRetryAfter
}

// retryFailedAvatars asks again for every avatar that failed to load:
// Refresh is what someone presses when the list looks wrong.
func (s *sidebar) retryFailedAvatars() {
	for i, at := range s.avatarFailedAt {
		if !at.IsZero() {
			s.avatarFailedAt[i] = time.Time{}
			s.queueAvatarReload(i)
		}
	}
}

// photoShown notes that the viewer shows p's photo: p's rows still
// without an avatar — failed, or waiting for a load that may yet fail —
// ask again, and the engine answers from the photo just shown.
func (s *sidebar) photoShown(p app.Person) {
	for i, r := range s.results {
		if r.SameAs(p) && !s.avatarKnown[i] && !s.released[i] {
			s.avatarFailedAt[i] = time.Time{}
			s.queueAvatarReload(i)
		}
	}
}
