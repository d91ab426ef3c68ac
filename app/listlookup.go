package app

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/photodesk/photodesk/graphapi"
)

// listLookupWorkers bounds the parallel lookups of a list file; directory
// reads are cheap, but a list can hold thousands of names.
const listLookupWorkers = 4

// PeopleFinder is what looking up a people list asks of the directory.
// *Engine is the one the window runs on; tests pass a fake.
type PeopleFinder interface {
	// Lookup finds a user by exact UPN or object id.
	Lookup(ctx context.Context, upnOrID string) (*Person, error)
	// LookupByMail finds a user by exact mail; ErrNoSuchMail when no one
	// has it.
	LookupByMail(ctx context.Context, mail string) (*Person, error)
}

var _ PeopleFinder = (*Engine)(nil)

// ListLookup is a people list's entries (as ReadPeopleList read them)
// being looked up, one answer a slot, handed over in the file's order as
// they come. Workers fill the slots; Take hands over the run of answers
// that is complete from the start, so a row shown for an entry never has
// to make room for an earlier one arriving late. It is safe for
// concurrent use: Run on a worker, Take and Tally where the answers are
// shown.
type ListLookup struct {
	finder  PeopleFinder
	entries []string

	mu      sync.Mutex
	answers []listAnswer // one per entry, in the file's order
	ready   []bool       // answers[i] is in
	ahead   int          // answers before it are all in
	taken   int          // answers before it were handed over
	queued  bool         // arrived was called and no Take has come since
	tally   ListTally    // what the answers handed over came to
}

// listAnswer is what the lookup of one entry found.
type listAnswer struct {
	person *Person
	err    error
}

// ListTally is what the entries of a list handed over so far came to.
type ListTally struct {
	Listed  int      // the list's entries, handed over or not
	Done    int      // the entries handed over
	Found   int      // of those, the ones that are people
	Missing []string // the ones that are no one's, in the file's order
	// Failed are the entries Graph did not answer for (a 429 that
	// outlived its retries, a 503, being offline), in the file's order,
	// and Why is the first one's reason: a list read while Graph
	// throttles must not call real people nonexistent.
	Failed []string
	Why    error
}

// Whole reports whether every entry of the list has been handed over.
func (t ListTally) Whole() bool { return t.Done == t.Listed }

// NewListLookup prepares the lookup of entries through finder; Run does it.
func NewListLookup(finder PeopleFinder, entries []string) *ListLookup {
	return &ListLookup{
		finder: finder, entries: slices.Clone(entries),
		answers: make([]listAnswer, len(entries)), ready: make([]bool, len(entries)),
		tally: ListTally{Listed: len(entries)},
	}
}

// Entries are the list's entries, in the file's order.
func (l *ListLookup) Entries() []string { return slices.Clone(l.entries) }

// Run looks the entries up in the file's order, a few at a time, and
// calls arrived, from a worker, whenever the answers complete from the
// start have grown and no earlier call is still waiting for its Take; the
// caller then takes them with Take. It returns once every worker has
// stopped: at the end, or soon after ctx ends (a newer list or search),
// asking nothing more of Graph.
func (l *ListLookup) Run(ctx context.Context, arrived func()) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(listLookupWorkers, len(l.entries)) {
		wg.Go(func() {
			for i := range next {
				if ctx.Err() != nil {
					continue // drained: the list was replaced
				}
				p, err := lookupEntry(ctx, l.finder, l.entries[i])
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
func lookupEntry(ctx context.Context, finder PeopleFinder, entry string) (*Person, error) {
	p, err := finder.Lookup(ctx, entry)
	if graphapi.IsNotFound(err) && strings.Contains(entry, "@") {
		p, err = finder.LookupByMail(ctx, entry)
	}
	return p, err
}

// answered keeps entry i's answer and reports whether arrived must be
// called: the run complete from the start grew, and no call is waiting.
func (l *ListLookup) answered(i int, a listAnswer) bool {
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

// Take hands over the people among the answers complete from the start
// not handed over yet, in the file's order, and the tally of every answer
// handed over, these included. Entries that are no one's, or that Graph
// did not answer for, are in the tally only.
func (l *ListLookup) Take() ([]Person, ListTally) {
	l.mu.Lock()
	defer l.mu.Unlock()
	people := l.classify(l.taken, l.answers[l.taken:l.ahead])
	l.taken, l.queued = l.ahead, false
	l.tally.Done = l.taken
	return people, l.tallyLocked()
}

// Tally is what the answers handed over so far came to.
func (l *ListLookup) Tally() ListTally {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.tallyLocked()
}

// tallyLocked is a copy of the tally the caller may keep; l.mu is held.
func (l *ListLookup) tallyLocked() ListTally {
	t := l.tally
	t.Missing, t.Failed = slices.Clone(t.Missing), slices.Clone(t.Failed)
	return t
}

// classify puts the answers of the entries from index from on in the
// tally's buckets and returns the people found, in order; l.mu is held.
func (l *ListLookup) classify(from int, answers []listAnswer) []Person {
	var people []Person
	for k, a := range answers {
		entry := l.entries[from+k]
		switch {
		case a.err == nil && a.person != nil:
			people = append(people, *a.person)
		case a.err == nil || isNoOne(a.err):
			l.tally.Missing = append(l.tally.Missing, entry)
		default:
			l.tally.Failed = append(l.tally.Failed, entry)
			if l.tally.Why == nil {
				l.tally.Why = a.err
			}
		}
	}
	l.tally.Found += len(people)
	return people
}

// isNoOne reports Graph's answer that an id or address is no one's: not
// found, or not an id at all ("Invalid object identifier").
func isNoOne(err error) bool {
	return graphapi.IsNotFound(err) || errors.Is(err, ErrNoSuchMail) || graphapi.IsBadRequest(err)
}
