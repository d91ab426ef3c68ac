package views

import (
	"time"

	"github.com/photodesk/photodesk/app"
)

// A list scrolled through a thousand people would otherwise keep a
// thousand decoded avatars. The sidebar keeps those of the rows around the
// last one drawn; a row scrolled back into view asks for its avatar again,
// which the engine answers from its memory or from the disk cache, without
// a request to Graph while the photo is fresh.

// keepAvatarsAround is how many rows on either side of the row last drawn
// keep their decoded avatar.
const keepAvatarsAround = 100

// avatarDrawn notes that row id is being drawn: far rows let go of their
// avatars, and a row that let go of its own asks for it again. UI
// goroutine only.
func (s *sidebar) avatarDrawn(id int) {
	switch {
	case id < len(s.released) && s.released[id]:
		s.released[id] = false
		s.queueAvatarReload(id)
	case s.avatarFailedLongAgo(id):
		s.avatarFailedAt[id] = time.Time{} // asked once, not at every redraw
		s.queueAvatarReload(id)
	}
	keep := s.keepAround
	if keep <= 0 {
		keep = keepAvatarsAround
	}
	if len(s.avatars) <= 2*keep+1 || id == s.sweptAt {
		return // short, or swept around this row already
	}
	s.sweptAt = id
	for i, img := range s.avatars {
		if img != nil && (i < id-keep || i > id+keep) {
			s.avatars[i], s.avatarKnown[i] = nil, false
			s.released[i] = true
		}
	}
}

// queueAvatarReload gathers the rows scrolled back into view while the
// list lays itself out, and asks for their avatars in one go after it.
func (s *sidebar) queueAvatarReload(id int) {
	s.reloads = append(s.reloads, id)
	if len(s.reloads) > 1 {
		return
	}
	s.bg.run(func() { s.bg.do(s.reloadAvatars) })
}

// reloadAvatars asks again for the avatars of the rows queued, a run of
// neighbouring rows at a time, for the search they belong to.
func (s *sidebar) reloadAvatars() {
	ids := s.reloads
	s.reloads = nil
	if s.pageCtx == nil || s.pageCurrent == nil {
		return
	}
	for len(ids) > 0 {
		start, n := ids[0], 1
		for n < len(ids) && ids[n] == start+n {
			n++
		}
		if start+n <= len(s.results) {
			s.loadAvatars(s.pageCtx, s.pageCurrent, start, append([]app.Person(nil), s.results[start:start+n]...))
		}
		ids = ids[n:]
	}
}
