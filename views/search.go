package views

import (
	"context"
	"errors"
	"image"
	"strings"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/internal/starttrace"
)

// searchDebounce is how long typing pauses before a search starts on its
// own; Enter searches at once.
const searchDebounce = 300 * time.Millisecond

// onQueryChanged searches once typing pauses for searchDebounce.
func (s *sidebar) onQueryChanged(text string) {
	s.typed++
	typed := s.typed
	if s.debounce != nil {
		s.debounce.Stop()
	}
	s.debounce = time.AfterFunc(searchDebounce, func() {
		s.bg.do(func() {
			if typed == s.typed {
				s.search(text)
			}
		})
	})
}

func (s *sidebar) onQuerySubmitted(text string) {
	s.typed++ // a pending debounce must not search again
	if s.debounce != nil {
		s.debounce.Stop()
	}
	s.search(text)
}

// search replaces the results with the first page for query. An exact UPN
// or object id of a user, or object id of a group, jumps straight to that
// user or group instead.
func (s *sidebar) search(query string) {
	query = strings.TrimSpace(query)
	ctx, isCurrent := s.startSearch()
	s.clear()
	s.lastQuery = query
	kind := s.currentKind()
	if kind == app.KindUser {
		query = app.UnescapedUPN(query) // a guest's UPN copied out of a URL
	}
	switch {
	case kind == app.KindUser && app.LooksLikeObjectID(query):
		s.lookup(ctx, isCurrent, query, s.eng.Lookup, func() { s.setNote(noSuchIDText(kind, query)) })
		return
	case kind == app.KindUser && app.LooksLikeUPNOrID(query):
		// A mail address is not always the UPN (a guest's UPN is
		// "jane_fabrikam.com#EXT#@…", and many users' mail differs from
		// theirs): no such UPN, so search the mail too.
		s.lookup(ctx, isCurrent, query, s.eng.Lookup, func() { s.searchPages(ctx, isCurrent, kind, query) })
		return
	case kind == app.KindGroup && app.LooksLikeObjectID(query):
		s.lookup(ctx, isCurrent, query, s.eng.LookupGroup, func() { s.setNote(noSuchIDText(kind, query)) })
		return
	}
	s.searchPages(ctx, isCurrent, kind, query)
}

// searchPages lists the results of query, a page at a time.
func (s *sidebar) searchPages(ctx context.Context, isCurrent func() bool, kind app.Kind, query string) {
	if kind == app.KindContact {
		if s.kind.Selected == kindOthersContacts && s.mailbox() == "" {
			s.askOwner()
			return
		}
		s.pager = s.eng.SearchContactsOf(s.contactsOwner(), s.folderID(), query)
	} else {
		s.pager = s.eng.Search(kind, query)
	}
	s.pageCtx, s.pageCurrent = ctx, isCurrent
	s.setNote("Searching…")
	s.nextPage()
}

// clear empties the list ahead of new results.
func (s *sidebar) clear() {
	s.pager, s.pageCtx, s.pageCurrent, s.loading, s.pageFailed = nil, nil, nil, false, false
	if s.listing != nil && !s.listing.finished {
		s.activity("") // its "Looking up the people in …" is over
	}
	s.listing = nil
	setVisible(s.content, s.retry, false)
	s.results, s.avatars, s.avatarKnown, s.released, s.reloads, s.sweptAt = nil, nil, nil, nil, nil, -1
	s.avatarFailedAt = nil
	s.selected = -1
	s.list.UnselectAll()
	s.list.Refresh()
	s.list.ScrollToTop()
}

// nextPage fetches one more page unless one is on its way or none is left,
// or the last one failed: that one waits for retryPage.
func (s *sidebar) nextPage() {
	if s.pageFailed {
		return
	}
	s.fetchPage()
}

// The retry button's labels: for a page after the first, and for a
// search whose first page could not be loaded.
const (
	retryPageLabel   = "Couldn't load more — retry"
	retrySearchLabel = "Couldn't search — retry"
)

// mayPassByItself says whether asking again for a page that failed with
// err can help: throttling, a busy or unreachable service, a cut
// connection. A refusal (bad request, no permission, not found, signed
// out) would only be given again, so no retry is offered for it.
func mayPassByItself(err error) bool {
	return !graphapi.IsBadRequest(err) && !graphapi.IsForbidden(err) &&
		!graphapi.IsNotFound(err) && !graphapi.IsUnauthorized(err) &&
		!errors.Is(err, auth.ErrSignInRequired) && !errors.Is(err, context.Canceled)
}

// retryPage asks again for the page that could not be loaded (the pager
// kept its place), when the person scrolls to the end of the list again or
// presses the retry button. It belongs to the search shown: a newer search
// has cleared pageFailed, and the answer is dropped if one begins meanwhile.
func (s *sidebar) retryPage() {
	if !s.pageFailed || s.pager == nil || s.loading || s.pager.Done() {
		return
	}
	setVisible(s.content, s.retry, false)
	if len(s.results) == 0 {
		s.setNote("Searching again…")
	} else {
		s.setNote(countText(s.currentKind(), len(s.results), false) + " so far; loading the rest again…")
	}
	s.fetchPage()
}

// fetchPage fetches the pager's next page for the search shown, unless one
// is on its way or none is left.
func (s *sidebar) fetchPage() {
	if s.pager == nil || s.loading || s.pager.Done() {
		return
	}
	pager, ctx, isCurrent := s.pager, s.pageCtx, s.pageCurrent
	if people, ok, err := pager.TryNext(); ok {
		// Already here (fetched while the window was being drawn): shown
		// in the frame being drawn, not after a trip through a goroutine.
		s.pageArrived(ctx, isCurrent, people, err)
		return
	}
	s.loading = true
	s.activity("Searching…")
	s.bg.run(func() {
		people, err := pager.Next(ctx)
		s.bg.do(func() {
			if isCurrent() {
				s.pageArrived(ctx, isCurrent, people, err)
			}
		})
	})
}

// pageArrived shows a page of the current search, or why there is none.
func (s *sidebar) pageArrived(ctx context.Context, isCurrent func() bool, people []app.Person, err error) {
	s.loading = false
	s.activity("")
	switch {
	case err != nil && len(s.results) > 0:
		// The rows already listed stay, but the list must not pass for
		// the whole (Export offers "the people listed").
		s.pageFailed = true
		again := " Press Enter in the search field to search again."
		if s.offerRetry(err, retryPageLabel) {
			again = " Scroll to the end of the list again, or press “" + retryPageLabel + "”, to load the rest."
		}
		s.setNote(countText(s.currentKind(), len(s.results), false) +
			" so far; the next page could not be loaded. " + friendly(err) + again)
		return
	case err != nil:
		if s.offerRetry(err, retrySearchLabel) {
			// Nothing is listed, so Export has no "people listed" to
			// offer; pageFailed only lets retryPage ask again.
			s.pageFailed = true
			s.setNote(friendly(err) + " Press “" + retrySearchLabel + "” to ask again.")
			return
		}
		s.showError(err)
		return
	}
	if s.pageFailed { // the failed page, loaded again
		s.pageFailed = false
		setVisible(s.content, s.retry, false)
	}
	s.append(ctx, isCurrent, people)
}

// offerRetry shows the retry button, labelled label, when the page that
// failed with err can be asked for again: the pager kept its place, and
// the error may pass by itself.
func (s *sidebar) offerRetry(err error, label string) bool {
	if s.pager == nil || s.pager.Done() || !mayPassByItself(err) {
		return false
	}
	s.retry.SetText(label)
	setVisible(s.content, s.retry, true)
	return true
}

// append adds a page to the list and starts loading its avatars.
func (s *sidebar) append(ctx context.Context, isCurrent func() bool, people []app.Person) {
	start := s.addRows(ctx, isCurrent, people)
	s.updateNote()
	if !s.morePages() {
		starttrace.Mark("all results loaded")
	}
	s.list.Refresh()
	s.loadAvatars(ctx, isCurrent, start, people)
	s.openFirstOnce()
	s.highlightKept()
}

// addRows puts people at the end of the results, waiting for their
// avatars, and returns the first one's row. ctx and isCurrent are the
// search's (or list's) they belong to.
func (s *sidebar) addRows(ctx context.Context, isCurrent func() bool, people []app.Person) int {
	starttrace.Mark("first results shown")
	// The search (or list) these rows belong to, for their avatars asked
	// for again after a scroll (avatarkeep.go).
	s.pageCtx, s.pageCurrent = ctx, isCurrent
	start := len(s.results)
	s.results = append(s.results, people...)
	s.avatars = append(s.avatars, make([]image.Image, len(people))...)
	s.avatarKnown = append(s.avatarKnown, make([]bool, len(people))...)
	s.released = append(s.released, make([]bool, len(people))...)
	s.avatarFailedAt = append(s.avatarFailedAt, make([]time.Time, len(people))...)
	return start
}

// openFirstOnce opens the first result when the first listing at start-up
// asked for it.
func (s *sidebar) openFirstOnce() {
	if s.autoSelect && len(s.results) > 0 {
		s.autoSelect = false
		s.list.Select(0)
	}
}

// updateNote shows the list's note: how many are listed (or why none),
// then, for contacts, which folders' subfolders the picker lacks.
func (s *sidebar) updateNote() {
	var note string
	switch {
	case len(s.results) > 0:
		note = countText(s.currentKind(), len(s.results), s.morePages())
	case s.lastQuery == "":
		note = emptyListText(s.currentKind())
	default:
		note = noMatchText(s.currentKind(), s.lastQuery)
	}
	if s.currentKind() == app.KindContact && s.foldsNote != "" && s.foldsOf == s.mailbox() && s.foldsKind == s.kind.Selected {
		note += " " + s.foldsNote
	}
	s.setNote(note)
	s.listNoted = true
}

// emptyListText says that nothing of kind is listed, nothing searched
// for: a contact folder (or a mailbox) without contacts, most often. It
// said "Nobody here yet.", as if more were on its way.
func emptyListText(kind app.Kind) string {
	switch kind {
	case app.KindGroup:
		return "No groups in this tenant."
	case app.KindContact:
		return "No contacts in this folder."
	}
	return "No one in this tenant."
}

// noMatchText says that nothing of kind matches query, in the kind's
// words; a user's address searched among groups or contacts is pointed
// to Users.
func noMatchText(kind app.Kind, query string) string {
	what := "No one"
	switch kind {
	case app.KindGroup:
		what = "No group"
	case app.KindContact:
		what = "No contact"
	}
	text := what + " matches “" + shortQuery(query) + "”. Search matches the start of names and addresses."
	if kind != app.KindUser && app.LooksLikeUPNOrID(query) {
		text += " To find a user by UPN or id, pick Users."
	}
	return text
}

// maxQuoted is how many characters of a query the sidebar's note quotes:
// an address or a name fits whole, while a paragraph pasted by mistake (400
// characters filled about ten lines of the sidebar) is cut.
const maxQuoted = 60

// shortQuery is query as the note quotes it: whole up to maxQuoted
// characters, else its start and "…".
func shortQuery(query string) string {
	r := []rune(query)
	if len(r) <= maxQuoted {
		return query
	}
	return strings.TrimRight(string(r[:maxQuoted-1]), " ") + "…"
}

// noSuchIDText says that no user (or group) has the object id typed. An
// object id names one object of any kind, so "no such user, group or
// contact" would be wrong about a group's id typed among users: the other
// kind is pointed to instead.
func noSuchIDText(kind app.Kind, id string) string {
	if kind == app.KindGroup {
		return "No group has the object id “" + id + "”. A user's id opens in Users."
	}
	return "No user has the object id “" + id + "”. A group's id opens in Groups."
}

// countText says how many are listed, "200 people", and when only the
// pages loaded so far are, "50 people so far; scroll for more" (issue 18).
func countText(kind app.Kind, n int, more bool) string {
	var text string
	switch kind {
	case app.KindGroup:
		text = plural(n, "group", "groups")
	case app.KindContact:
		text = plural(n, "contact", "contacts")
	default:
		text = plural(n, "person", "people")
	}
	if more {
		text += " so far; scroll for more"
	}
	return text
}

// lookup resolves an exact key with find (a user's UPN or id, a group's
// id) and opens that person or group.
func (s *sidebar) lookup(ctx context.Context, isCurrent func() bool, query string,
	find func(context.Context, string) (*app.Person, error), notFound func(),
) {
	s.setNote("Looking up " + query + "…")
	s.activity("Looking up " + query + "…")
	mePicks := s.mePicks
	s.bg.run(func() {
		p, err := find(ctx, query)
		s.bg.do(func() {
			if !isCurrent() {
				return
			}
			s.activity("")
			switch {
			case err != nil && notFound != nil && graphapi.IsNotFound(err):
				notFound()
				return
			case err != nil:
				s.showError(err)
				return
			}
			s.append(ctx, isCurrent, []app.Person{*p})
			if s.mePicks == mePicks {
				s.list.Select(0)
			}
		})
	})
}

// showList replaces the results with people listed by an export, under
// Users whatever kind was picked (Groups for an export's groups). A list
// file's people are looked up first, and shown as they are (openList).
func (s *sidebar) showList(people []app.Person, note string) {
	ctx, isCurrent := s.startList(people)
	s.append(ctx, isCurrent, people)
	s.setNote(note)
}

// startList begins a result list shown without a search (showList,
// openList): the results emptied, the kind picker on the kind of listed
// (showKindOf; nil for a list file's people, Users) and the search field
// cleared, since the list is not what it said.
func (s *sidebar) startList(listed []app.Person) (context.Context, func() bool) {
	ctx, isCurrent := s.startSearch()
	s.clear()
	s.showKindOf(listed)
	s.clearQuery()
	s.lastQuery = ""
	return ctx, isCurrent
}

// startSearch begins a new result list (a search, or a list shown), which
// ends the one before — a list file still being looked up too — and any
// list file still being read (listLookups).
func (s *sidebar) startSearch() (context.Context, func() bool) {
	s.listLookups.Stop()
	return s.searches.Start(s.bg.ctx)
}

// morePages says the list shows only the pages loaded so far: more
// results are there to fetch, or were and failed to load. While a page is
// on its way the pager is the fetch's, not the UI goroutine's, so it is
// not asked: there is more.
func (s *sidebar) morePages() bool {
	return s.pageFailed || (s.pager != nil && (s.loading || !s.pager.Done()))
}
