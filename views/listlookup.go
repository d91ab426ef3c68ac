package views

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// lookupWorkers bounds the parallel lookups of a list file; directory
// reads are cheap, but a list can hold thousands of names.
const lookupWorkers = 4

// listLookup is a list file's entries being looked up, one answer a slot,
// handed to the window in the file's order as they come (listshow.go).
// Workers fill the slots; the window takes the run of answers that is
// complete from the start, so a row never has to make room for an earlier
// one arriving late.
type listLookup struct {
	name    string   // the file's name, for the notes
	entries []string // as ReadPeopleList read them

	mu      sync.Mutex
	answers []listAnswer // one per entry, in the file's order
	ready   []bool       // answers[i] is in
	ahead   int          // answers before it are all in
	taken   int          // answers before it were handed to the window
	queued  bool         // a hand-over to the window is on its way

	// The rest is the window's, on the UI goroutine only.
	found         int      // entries that became rows
	missing       []string // entries that are no one's
	failed        []string // entries Graph did not answer for (throttled, offline, refused)
	why           error    // the first of failed's reasons
	finished      bool     // every entry has been handed over
	avatarFrom    int      // rows from this one on have not had their avatars asked for
	avatarWaiting bool     // those rows wait listAvatarWait for more (listshow.go)
}

// listAnswer is what the lookup of one entry found.
type listAnswer struct {
	person *app.Person
	err    error
}

func newListLookup(name string, entries []string) *listLookup {
	return &listLookup{
		name: name, entries: entries,
		answers: make([]listAnswer, len(entries)), ready: make([]bool, len(entries)),
	}
}

// run looks the entries up in the file's order on lookupWorkers workers
// and calls arrived, from a worker, whenever the answers complete from the
// start have grown and no hand-over is on its way yet; the window then
// takes them with take. It returns once every worker has stopped: at the
// end, or soon after ctx ends (a newer list or search), asking nothing
// more of Graph.
func (l *listLookup) run(ctx context.Context, eng engine, arrived func()) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(lookupWorkers, len(l.entries)) {
		wg.Go(func() {
			for i := range next {
				if ctx.Err() != nil {
					continue // drained: the list was replaced
				}
				p, err := lookupEntry(ctx, eng, l.entries[i])
				if l.answered(i, listAnswer{p, err}) {
					arrived()
				}
			}
		})
	}
feed:
	for i := range l.entries {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
}

// lookupEntry looks up one entry: a UPN or id, and an address that is no
// one's UPN — a guest's own mail, or anyone's whose mail differs — by
// mail, as the search box takes it.
func lookupEntry(ctx context.Context, eng engine, entry string) (*app.Person, error) {
	p, err := eng.Lookup(ctx, entry)
	if graphapi.IsNotFound(err) && strings.Contains(entry, "@") {
		p, err = eng.LookupByMail(ctx, entry)
	}
	return p, err
}

// answered keeps entry i's answer and reports whether the window must be
// told: the run complete from the start grew, and no hand-over is queued.
func (l *listLookup) answered(i int, a listAnswer) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.answers[i], l.ready[i] = a, true
	before := l.ahead
	for l.ahead < len(l.ready) && l.ready[l.ahead] {
		l.ahead++
	}
	if l.ahead == before || l.queued {
		return false
	}
	l.queued = true
	return true
}

// take hands the window the answers complete from the start that it has
// not had yet, in the file's order: from is the first one's entry, and
// last says they end the list.
func (l *listLookup) take() (from int, answers []listAnswer, last bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	from, answers = l.taken, l.answers[l.taken:l.ahead]
	l.taken, l.queued = l.ahead, false
	return from, answers, l.taken == len(l.entries)
}

// classify puts the answers taken, entries first to last from index from, in
// their buckets, and returns the people found, in order. An entry Graph
// says is no one's is missing; one it could not answer for (a 429 that
// outlived its retries, a 503, being offline) is failed, with the reason,
// so a list read while Graph throttles does not call real people
// nonexistent, or leave them out of an export in silence.
func (l *listLookup) classify(from int, answers []listAnswer) []app.Person {
	var people []app.Person
	for k, a := range answers {
		entry := l.entries[from+k]
		switch {
		case a.err == nil && a.person != nil:
			people = append(people, *a.person)
		case a.err == nil || isNoOne(a.err):
			l.missing = append(l.missing, entry)
		default:
			l.failed = append(l.failed, entry)
			if l.why == nil {
				l.why = a.err
			}
		}
	}
	l.found += len(people)
	return people
}

// isNoOne reports Graph's answer that an id or address is no one's: not
// found, or not an id at all ("Invalid object identifier").
func isNoOne(err error) bool {
	return graphapi.IsNotFound(err) || errors.Is(err, app.ErrNoSuchMail) || graphapi.IsBadRequest(err)
}

// lookupTrouble says in a few words why Graph did not answer a lookup,
// for the list's note: its full wording (app.Friendly) is a paragraph.
func lookupTrouble(err error) string {
	var ge *graphapi.Error
	switch {
	case graphapi.IsThrottled(err):
		return "Microsoft Graph is throttling"
	case errors.As(err, &ge) && ge.Status >= 500:
		return "Microsoft Graph is unavailable"
	case graphapi.IsForbidden(err):
		return "permission missing"
	case errors.As(err, &ge):
		return fmt.Sprintf("Graph answered %d %s", ge.Status, ge.Code)
	case errors.Is(err, context.DeadlineExceeded):
		return "Microsoft Graph took too long"
	}
	return "Microsoft Graph could not be reached"
}

// progressNote says how far the lookup is, above the rows shown so far.
// It does not name the file: the finished list's note does, so "the note
// names the file" means the list is whole.
func (l *listLookup) progressNote(done int) string {
	return fmt.Sprintf("%s so far; looking up the list: %d of %s…",
		plural(l.found, "person", "people"), done, plural(len(l.entries), "entry", "entries"))
}

// note sums up the list above its results once every entry is looked up.
func (l *listLookup) note() string {
	note := listNote(l.name, l.found, l.missing)
	if len(l.failed) > 0 {
		note += fmt.Sprintf(" %d could not be looked up (%s; open the list again to retry): %s",
			len(l.failed), lookupTrouble(l.why), firstFew(l.failed))
	}
	return note
}

// listNote sums up a list file above its results.
func listNote(name string, found int, missing []string) string {
	note := fmt.Sprintf("%s from %s.", plural(found, "person", "people"), name)
	if len(missing) == 0 {
		return note
	}
	return note + fmt.Sprintf(" %d not found: %s", len(missing), firstFew(missing))
}

// firstFew is the first five of ids, and "…" for more.
func firstFew(ids []string) string {
	s := strings.Join(ids[:min(len(ids), 5)], ", ")
	if len(ids) > 5 {
		s += ", …"
	}
	return s
}
