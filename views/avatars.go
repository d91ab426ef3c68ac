package views

import (
	"context"
	"image"
	"sync"
	"time"

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
	asked, at := s.askableAvatars(start, people)
	if len(asked) == 0 {
		return
	}
	rowOf := func(i int) (int, bool) {
		k := at[i]
		return start + k, s.avatarEpochs[people[k].Subject] == epochs[k]
	}
	arrivals := &avatarArrivals{}
	s.bg.run(func() {
		s.eng.Avatars(ctx, asked, func(i int, a app.Avatar) {
			s.avatarArrived(isCurrent, rowOf, arrivals, i, a)
		})
	})
}

// avatarArrived collects avatar a of the engine's person i, from one of
// its workers, and queues a UI update unless one is queued. No photo
// arrives too (a nil image): the row stops waiting and shows the
// initials. A failure — a fetch that failed, or a photo still damaged
// after the engine read it again, as the viewer does — keeps the row's
// grey disc rather than claim there is no photo, and is noted, so that
// the row is asked again later (avatarretry.go).
func (s *sidebar) avatarArrived(isCurrent func() bool, rowOf func(int) (int, bool), arrivals *avatarArrivals, i int, a app.Avatar) {
	if arrivals.add(i, a.Image, a.Err != nil) {
		s.bg.do(func() { s.applyAvatars(isCurrent, rowOf, arrivals.take()) })
	}
}

// avatarStream is the avatars of rows added a few at a time — a list's,
// as its lookups answer — handed to the engine's one queue as they come
// (app.StreamAvatars), so that their envelopes fill as the same rows'
// would at once. UI goroutine only.
type avatarStream struct {
	feed   *app.PeopleFeed
	people []app.Person // the people fed, in order
	rows   []int        // rows[i] is the row of people[i]
	epochs []int        // and epochs[i] their avatar's epoch when fed (see loadAvatars)
}

// streamAvatars starts the avatars of the rows that add will hand over,
// for the results ctx and isCurrent belong to; the stream ends once
// closed and answered, or when ctx ends.
func (s *sidebar) streamAvatars(ctx context.Context, isCurrent func() bool) *avatarStream {
	st := &avatarStream{feed: app.NewPeopleFeed()}
	rowOf := func(i int) (int, bool) {
		return st.rows[i], s.avatarEpochs[st.people[i].Subject] == st.epochs[i]
	}
	arrivals := &avatarArrivals{}
	s.bg.run(func() {
		s.eng.StreamAvatars(ctx, st.feed, func(i int, a app.Avatar) {
			s.avatarArrived(isCurrent, rowOf, arrivals, i, a)
		})
	})
	return st
}

// add hands the rows from start on, people, to the stream.
func (st *avatarStream) add(s *sidebar, start int, people []app.Person) {
	asked, at := s.askableAvatars(start, people)
	for k, p := range asked {
		st.people = append(st.people, p)
		st.rows = append(st.rows, start+at[k])
		st.epochs = append(st.epochs, s.avatarEpochs[p.Subject])
	}
	st.feed.Add(asked...)
}

// close says no more rows will be added.
func (st *avatarStream) close() { st.feed.Close() }

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

// applyAvatars puts arrived avatars in their rows, on the UI goroutine:
// got is keyed by the engine's index, which rowOf turns into a row,
// reporting false for a row whose avatar was forgotten since it was asked
// for.
func (s *sidebar) applyAvatars(isCurrent func() bool, rowOf func(int) (int, bool), got map[int]avatarArrival) {
	if !isCurrent() {
		return
	}
	changed := -1
	for i, a := range got {
		at, fresh := rowOf(i)
		switch {
		case !fresh || at >= len(s.avatars):
		case a.failed:
			// Another load's answer may be in already (the viewer's
			// photo, a retry): a late failure does not undo it.
			if !s.avatarKnown[at] {
				s.avatarFailedAt[at] = s.clock()
			}
		default:
			s.avatars[at], s.avatarKnown[at], s.avatarFailedAt[at] = a.img, true, time.Time{}
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
	pending map[int]avatarArrival // by the engine's index
}

// avatarArrival is one avatar's answer: its image (nil for no photo), or
// that it failed.
type avatarArrival struct {
	img    image.Image
	failed bool
}

// add records the avatar of the engine's person i, or its failure, and
// reports whether a UI update must be queued (none is queued yet).
func (a *avatarArrivals) add(i int, img image.Image, failed bool) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	first := a.pending == nil
	if first {
		a.pending = map[int]avatarArrival{}
	}
	a.pending[i] = avatarArrival{img: img, failed: failed}
	return first
}

// take hands over what arrived since the last take.
func (a *avatarArrivals) take() map[int]avatarArrival {
	a.mu.Lock()
	defer a.mu.Unlock()
	got := a.pending
	a.pending = nil
	return got
}
