package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi"
)

// fakeFinder answers a list's lookups from maps: people by UPN or id, and
// by mail; errs and mailErrs answer with an error instead. A Lookup whose
// key has a gate waits for it to close (or for ctx to end). Unknown keys
// are Graph's 404, or ErrNoSuchMail by mail.
type fakeFinder struct {
	people   map[string]Person
	byMail   map[string]Person
	errs     map[string]error
	mailErrs map[string]error
	gates    map[string]chan struct{}
	// asking, when set, hears each key Lookup is asked, as it is asked.
	asking chan string

	mu     sync.Mutex
	asked  []string // the keys Lookup was asked, in order
	mailed []string // the keys LookupByMail was asked, in order
}

var errNoOneInFake = &graphapi.Error{Status: 404, Code: "Request_ResourceNotFound"}

func (f *fakeFinder) Lookup(ctx context.Context, key string) (*Person, error) {
	f.mu.Lock()
	f.asked = append(f.asked, key)
	f.mu.Unlock()
	if f.asking != nil {
		f.asking <- key
	}
	if gate, ok := f.gates[key]; ok {
		select {
		case <-gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err := f.errs[key]; err != nil {
		return nil, err
	}
	if p, ok := f.people[key]; ok {
		return &p, nil
	}
	return nil, errNoOneInFake
}

func (f *fakeFinder) LookupByMail(_ context.Context, mail string) (*Person, error) {
	f.mu.Lock()
	f.mailed = append(f.mailed, mail)
	f.mu.Unlock()
	if err := f.mailErrs[mail]; err != nil {
		return nil, err
	}
	if p, ok := f.byMail[mail]; ok {
		return &p, nil
	}
	return nil, ErrNoSuchMail
}

func (f *fakeFinder) lookedUp() (asked, mailed []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.asked), slices.Clone(f.mailed)
}

// listPeople are n people by UPN (p0@contoso.com…), those UPNs, and the
// people's ids in the same order.
func listPeople(n int) (people map[string]Person, upns, want []string) {
	people = map[string]Person{}
	for i := range n {
		p := Person{ID: fmt.Sprintf("id-%d", i), UPN: fmt.Sprintf("p%d@contoso.com", i), Kind: KindUser}
		people[p.UPN] = p
		upns, want = append(upns, p.UPN), append(want, p.ID)
	}
	return people, upns, want
}

// Answers that come in out of order are handed over only as the run
// complete from the start grows, and the taker is told once per hand-over
// rather than once per answer.
func TestListLookupHandsOverTheRunCompleteFromTheStart(t *testing.T) {
	people, upns, want := listPeople(4)
	l := NewListLookup(&fakeFinder{}, upns)
	answer := func(i int) listAnswer { p := people[upns[i]]; return listAnswer{person: &p} }

	if l.answered(2, answer(2)) {
		t.Error("entry 2 answered before 0 and 1: the taker was told")
	}
	if got, tally := l.Take(); len(got) != 0 || tally.Done != 0 {
		t.Errorf("Take with only entry 2 in = %v, done %d; want nothing", ids(got), tally.Done)
	}
	if !l.answered(0, answer(0)) {
		t.Error("entry 0 answered: the taker was not told")
	}
	if l.answered(1, answer(1)) {
		t.Error("entry 1 answered while a hand-over was still waiting: told twice")
	}
	got, tally := l.Take()
	if !slices.Equal(ids(got), want[:3]) {
		t.Errorf("Take = %v, want %v", ids(got), want[:3])
	}
	if tally.Done != 3 || tally.Found != 3 || tally.Whole() {
		t.Errorf("tally = %+v, want 3 done and found of 4", tally)
	}
	if !l.answered(3, answer(3)) {
		t.Error("entry 3 answered after the Take: the taker was not told")
	}
	got, tally = l.Take()
	if !slices.Equal(ids(got), want[3:]) || !tally.Whole() || tally.Found != 4 {
		t.Errorf("last Take = %v, tally %+v; want the last entry and the whole list", ids(got), tally)
	}
}

// Run hands the people over in the file's order however the lookups'
// answers come in: here the last first, the first last.
func TestListLookupRunKeepsTheFileOrder(t *testing.T) {
	people, upns, want := listPeople(10)
	f := &fakeFinder{people: people, gates: map[string]chan struct{}{}, asking: make(chan string, len(upns))}
	for _, u := range upns {
		f.gates[u] = make(chan struct{})
	}
	l := NewListLookup(f, upns)
	arrived := make(chan struct{}, len(upns))
	done := make(chan struct{})
	go func() {
		defer close(done)
		l.Run(context.Background(), func() { arrived <- struct{}{} })
	}()
	for range listLookupWorkers {
		<-f.asking // every worker holds an entry
	}
	for i := len(upns) - 1; i >= 0; i-- {
		close(f.gates[upns[i]])
	}

	var shown []string
	tally := l.Tally()
	for !tally.Whole() {
		select {
		case <-arrived:
		case <-time.After(10 * time.Second):
			t.Fatalf("no hand-over after %v", shown)
		}
		var got []Person
		got, tally = l.Take()
		shown = append(shown, ids(got)...)
		if !slices.Equal(shown, want[:len(shown)]) {
			t.Fatalf("handed over %v, want the file's order %v", shown, want)
		}
	}
	<-done
	if !slices.Equal(shown, want) || tally.Found != len(upns) || len(tally.Missing)+len(tally.Failed) != 0 {
		t.Errorf("handed over %v, tally %+v; want all %d in order", shown, tally, len(upns))
	}
}

// Once its context ends (a newer list or search), Run asks for none of the
// entries it had not asked for yet, and returns.
func TestListLookupStopsAskingWhenCancelled(t *testing.T) {
	people, upns, _ := listPeople(10)
	f := &fakeFinder{people: people, gates: map[string]chan struct{}{}, asking: make(chan string, len(upns))}
	for _, u := range upns {
		f.gates[u] = make(chan struct{}) // never opened: each waits for ctx
	}
	l := NewListLookup(f, upns)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		l.Run(ctx, func() {})
	}()
	for range listLookupWorkers {
		<-f.asking
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
	asked, _ := f.lookedUp()
	slices.Sort(asked)
	if want := upns[:listLookupWorkers]; !slices.Equal(asked, want) {
		t.Errorf("looked up %v, want only the %v being looked up when cancelled", asked, want)
	}
}

// Each entry lands in one bucket: a person; no one's (404, no such mail,
// not an id at all, or no answer and no error); or not answered (throttled,
// unavailable), with the first reason kept. An address that is no one's UPN
// is looked up by mail; an id is not.
func TestListLookupTallies(t *testing.T) {
	ann := Person{ID: "id-ann", UPN: "ann@contoso.com"}
	guest := Person{ID: "id-guest", UPN: "jane_fabrikam.com#EXT#@contoso.com", Mail: "jane@fabrikam.com"}
	throttled := fmt.Errorf("look up: %w", &graphapi.Error{Status: 429, Code: "TooManyRequests"})
	f := &fakeFinder{
		people: map[string]Person{"ann@contoso.com": ann},
		byMail: map[string]Person{"jane@fabrikam.com": guest},
		errs: map[string]error{
			"not an id":        &graphapi.Error{Status: 400, Code: "Request_BadRequest"},
			"busy@contoso.com": throttled,
			"down@contoso.com": &graphapi.Error{Status: 503, Code: "serviceNotAvailable"},
		},
		mailErrs: map[string]error{"slow@contoso.com": &graphapi.Error{Status: 504, Code: "GatewayTimeout"}},
	}
	entries := []string{
		"ann@contoso.com", "ghost@contoso.com", "busy@contoso.com", "jane@fabrikam.com",
		"not an id", "00000000-0000-0000-0000-000000000000", "down@contoso.com", "slow@contoso.com",
	}
	l := NewListLookup(f, entries)
	l.Run(context.Background(), func() {})
	got, tally := l.Take()

	if want := []string{ann.ID, guest.ID}; !slices.Equal(ids(got), want) {
		t.Errorf("people %v, want %v", ids(got), want)
	}
	want := ListTally{
		Listed: 8, Done: 8, Found: 2,
		Missing: []string{"ghost@contoso.com", "not an id", "00000000-0000-0000-0000-000000000000"},
		Failed:  []string{"busy@contoso.com", "down@contoso.com", "slow@contoso.com"},
	}
	if tally.Listed != want.Listed || tally.Done != want.Done || tally.Found != want.Found ||
		!slices.Equal(tally.Missing, want.Missing) || !slices.Equal(tally.Failed, want.Failed) {
		t.Errorf("tally = %+v, want %+v", tally, want)
	}
	if !errors.Is(tally.Why, throttled) {
		t.Errorf("why = %v, want the first failure's reason %v", tally.Why, throttled)
	}
	_, mailed := f.lookedUp()
	slices.Sort(mailed)
	if want := []string{"ghost@contoso.com", "jane@fabrikam.com", "slow@contoso.com"}; !slices.Equal(mailed, want) {
		t.Errorf("looked up by mail %v, want the addresses Graph said were no one's UPN %v", mailed, want)
	}

	// No person and no error is no one too.
	l = NewListLookup(nilFinder{}, []string{"x@contoso.com"})
	l.Run(context.Background(), func() {})
	if got, tally := l.Take(); len(got) != 0 || !slices.Equal(tally.Missing, []string{"x@contoso.com"}) {
		t.Errorf("a nil answer gave people %v, tally %+v; want it missing", got, tally)
	}

	// An empty list is whole at once.
	if got, tally := NewListLookup(f, nil).Take(); len(got) != 0 || !tally.Whole() {
		t.Errorf("empty list: %v, %+v", got, tally)
	}
}

// nilFinder answers every lookup with neither a person nor an error.
type nilFinder struct{}

func (nilFinder) Lookup(context.Context, string) (*Person, error)       { return nil, nil }
func (nilFinder) LookupByMail(context.Context, string) (*Person, error) { return nil, nil }
