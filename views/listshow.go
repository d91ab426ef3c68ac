package views

import (
	"context"
	"slices"
	"time"

	"github.com/photodesk/photodesk/app"
)

// listAvatarPage is how many rows of a list being looked up are gathered
// for one avatar ask: a $batch envelope's worth.
const listAvatarPage = 20

// listAvatarWait is the longest rows of a list being looked up wait for
// more to share their avatars' envelope: about one round trip, as the
// engine's own part-filled envelopes wait (app.avatarPartWait).
const listAvatarWait = 250 * time.Millisecond

// listShown is a list file whose people the results are: its lookup
// (app.ListLookup, which hands its answers over in the file's order) and
// what the window has made of it so far. UI goroutine only.
type listShown struct {
	name          string // the file's name, for the notes
	lookup        *app.ListLookup
	finished      bool // every entry has been handed over and shown
	avatarFrom    int  // rows from this one on have not had their avatars asked for
	avatarWaiting bool // those rows wait listAvatarWait for more
}

// openList replaces the results with the people of a list file, under
// Users whatever kind was picked, in the file's order. Rows are added at
// the end as their lookups come back — each once every entry before it is
// answered — rather than after the whole file: a list of hundreds showed
// nothing for seconds. Added at the end, rather than as "looking up…"
// rows replaced in place, the rows shown never move: an entry that is no
// one's would otherwise vanish from the middle of the list, taking the
// rows below it (and the one being clicked) up by a row. A newer list or
// search ends the lookup, and its late answers are dropped.
func (s *sidebar) openList(name string, entries []string) {
	ctx, isCurrent := s.startList(nil) // a list of people: Users
	l := &listShown{name: name, lookup: app.NewListLookup(s.eng, entries)}
	s.listing = l
	if len(entries) == 0 {
		s.listArrived(ctx, isCurrent, l) // nothing to look up: the note at once
		return
	}
	s.setNote(progressNote(l.lookup.Tally()))
	s.activity("Looking up the people in " + name + "…")
	s.bg.run(func() {
		l.lookup.Run(ctx, func() { s.bg.do(func() { s.listArrived(ctx, isCurrent, l) }) })
	})
}

// listArrived adds the rows of the entries looked up since the last call,
// in the file's order, and sums the list up once every entry is.
func (s *sidebar) listArrived(ctx context.Context, isCurrent func() bool, l *listShown) {
	if !isCurrent() || s.listing != l {
		return // a newer list or search is shown: none of this list's people
	}
	people, tally := l.lookup.Take()
	if len(people) > 0 {
		s.addRows(ctx, isCurrent, people)
		s.list.Refresh()
	}
	if tally.Whole() {
		l.finished = true
		s.setNote(listNote(l.name, tally))
		s.activity("")
	} else {
		s.setNote(progressNote(tally))
	}
	s.listAvatars(ctx, isCurrent, l)
	s.openFirstOnce()
}

// listAvatars asks for the avatars of the list's rows not asked for yet:
// the first rows' at once, so the top of the list has its avatars soon;
// then a whole envelope (listAvatarPage) as soon as there are enough rows
// for one, and fewer once the first of them has waited listAvatarWait (an
// entry slow to look up holds the rows after it back) or the list is
// whole. Rows arrive a few at a time, and asking for each few would cost
// Graph an envelope for every few people.
func (s *sidebar) listAvatars(ctx context.Context, isCurrent func() bool, l *listShown) {
	n := len(s.results) - l.avatarFrom
	switch {
	case n <= 0:
		return
	case l.avatarFrom == 0 || l.finished:
	case n >= listAvatarPage:
		n -= n % listAvatarPage
	default:
		s.listAvatarsLater(ctx, isCurrent, l)
		return
	}
	s.askListAvatars(ctx, isCurrent, l, n)
}

// askListAvatars asks for the avatars of the next n rows of the list.
func (s *sidebar) askListAvatars(ctx context.Context, isCurrent func() bool, l *listShown, n int) {
	start := l.avatarFrom
	l.avatarFrom += n
	s.loadAvatars(ctx, isCurrent, start, slices.Clone(s.results[start:start+n]))
}

// listAvatarsLater asks for the rows waiting for their avatars once
// listAvatarWait has passed, unless a newer list or search came first.
func (s *sidebar) listAvatarsLater(ctx context.Context, isCurrent func() bool, l *listShown) {
	if l.avatarWaiting {
		return
	}
	l.avatarWaiting = true
	s.bg.run(func() {
		t := time.NewTimer(listAvatarWait)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
		s.bg.do(func() {
			if !isCurrent() || s.listing != l {
				return
			}
			l.avatarWaiting = false
			if n := len(s.results) - l.avatarFrom; n > 0 {
				s.askListAvatars(ctx, isCurrent, l, n)
			}
		})
	})
}
