package views

import (
	"context"

	"github.com/photodesk/photodesk/app"
)

// listShown is a list file whose people the results are: its lookup
// (app.ListLookup, which hands its answers over in the file's order) and
// what the window has made of it so far. UI goroutine only.
type listShown struct {
	name     string // the file's name, for the notes
	lookup   *app.ListLookup
	avatars  *avatarStream // the rows shown so far, handed over for their avatars
	finished bool          // every entry has been handed over and shown
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
	l := &listShown{name: name, lookup: app.NewListLookup(s.eng, entries), avatars: s.streamAvatars(ctx, isCurrent)}
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
// in the file's order, hands them to the list's avatar stream, and sums
// the list up once every entry is. The engine packs the stream's avatars
// into envelopes as rows come: the first rows' go at once, later ones
// wait a little for an envelope to fill (app.StreamAvatars).
func (s *sidebar) listArrived(ctx context.Context, isCurrent func() bool, l *listShown) {
	if !isCurrent() || s.listing != l {
		return // a newer list or search is shown: none of this list's people
	}
	people, tally := l.lookup.Take()
	if len(people) > 0 {
		start := s.addRows(ctx, isCurrent, people)
		l.avatars.add(s, start, people)
		s.list.Refresh()
	}
	if tally.Whole() {
		l.finished = true
		l.avatars.close()
		s.setNote(listNote(l.name, tally))
		s.activity("")
	} else {
		s.setNote(progressNote(tally))
	}
	s.openFirstOnce()
}
