package views

import (
	"context"
	"image"
	"sync"

	"github.com/photodesk/photodesk/app"
)

// loadAvatars fetches the 48x48 photos of one page of results in the
// background (the engine batches them) and drops them into their rows as
// they arrive, so the list never waits for photos. Avatars that arrive
// while the UI is busy are applied together, in one refresh of the list
// rather than one a photo.
func (s *sidebar) loadAvatars(ctx context.Context, isCurrent func() bool, start int, people []app.Person) {
	if len(people) == 0 {
		return
	}
	// A person's avatar forgotten after this load began (their photo
	// changed) must not be put back by this load's late, older answer.
	epochs := make([]int, len(people))
	for i, p := range people {
		epochs[i] = s.avatarEpochs[p.Subject]
	}
	fresh := func(at int) bool {
		i := at - start
		return i >= 0 && i < len(people) && s.avatarEpochs[people[i].Subject] == epochs[i]
	}
	asked, at := s.askableAvatars(start, people)
	if len(asked) == 0 {
		return
	}
	arrivals := &avatarArrivals{}
	s.bg.run(func() {
		s.eng.Avatars(ctx, asked, func(i int, a app.Avatar) {
			// No photo arrives too (a nil image): the row stops waiting and
			// shows the initials. A failure does not: the row keeps
			// waiting rather than claim there is no photo.
			if a.Err != nil {
				return
			}
			if arrivals.add(start+at[i], a.Image) {
				s.bg.do(func() { s.applyAvatars(isCurrent, fresh, arrivals.take()) })
			}
		})
	})
}

// askableAvatars are the people of rows start… whose avatars are worth
// asking Graph for, and at[i] the index in people of asked[i]. Graph
// refuses group photos to an application (the known 403), so in an
// application session a group's row is not asked for, which would leave
// it waiting as a grey disc: it shows its initials at once, as a row
// without a photo does, and opening it shows the viewer's reason.
func (s *sidebar) askableAvatars(start int, people []app.Person) (asked []app.Person, at []int) {
	for i, p := range people {
		if s.appOnly && p.Kind == app.KindGroup {
			if row := start + i; row < len(s.avatarKnown) && !s.avatarKnown[row] {
				s.avatars[row], s.avatarKnown[row] = nil, true
				s.list.RefreshItem(row)
			}
			continue
		}
		asked, at = append(asked, p), append(at, i)
	}
	return asked, at
}

// applyAvatars puts arrived avatars in their rows, on the UI goroutine,
// leaving out rows whose avatar was forgotten since the load began.
func (s *sidebar) applyAvatars(isCurrent func() bool, fresh func(at int) bool, got map[int]image.Image) {
	if !isCurrent() {
		return
	}
	changed := -1
	for at, img := range got {
		if at < len(s.avatars) && fresh(at) {
			s.avatars[at], s.avatarKnown[at] = img, true
			changed = at
		}
	}
	switch {
	case changed < 0:
	case len(got) == 1:
		s.list.RefreshItem(changed)
	default:
		s.list.Refresh()
	}
}

// avatarArrivals collects avatars between UI updates.
type avatarArrivals struct {
	mu      sync.Mutex
	pending map[int]image.Image
}

// add records an avatar for row at and reports whether a UI update must be
// queued (none is queued yet).
func (a *avatarArrivals) add(at int, img image.Image) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	first := a.pending == nil
	if first {
		a.pending = map[int]image.Image{}
	}
	a.pending[at] = img
	return first
}

// take hands over what arrived since the last take.
func (a *avatarArrivals) take() map[int]image.Image {
	a.mu.Lock()
	defer a.mu.Unlock()
	got := a.pending
	a.pending = nil
	return got
}
