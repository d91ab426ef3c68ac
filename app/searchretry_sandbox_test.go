package app

import (
	"slices"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// busy makes the tenant answer every request 503 past the client's
// retries, as Graph does on a bad minute; calm puts it right.
var (
	busy = sandbox.Faults{UnavailableRate: 1, RetryAfter: "0.001"}
	calm = sandbox.Faults{}
)

// onePass is an engine on tn whose client gives up after two attempts, so
// a page that keeps failing fails quickly.
func onePass(tn *tenant) *Engine {
	policy := graphapi.WithRetry(graphapi.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond, MaxWait: time.Second})
	return NewEngine(Config{Client: tn.Client(tn.Token, policy), Now: tn.clock.Now})
}

// A page after the first fails (503 past the retries): the pager is not
// done, and asking again loads that page, then the rest — everyone once,
// in the order a search that never failed lists them.
func TestFailedSearchPageIsLoadedAgain(t *testing.T) {
	tn := startTenant(t, sandbox.Options{Users: 120})
	want := ids(drain(t, tn.e.Search(KindUser, "")))
	e := onePass(tn)
	sp := e.Search(KindUser, "")
	first, err := sp.Next(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	tn.SetFaults(busy)
	if page, err := sp.Next(t.Context()); err == nil {
		t.Fatalf("second page = %d people, %v; want Graph's 503 or 504", len(page), err)
	}
	if sp.Done() {
		t.Fatal("the pager is done after a page failed: the rest of the list can never be loaded")
	}
	tn.SetFaults(calm)
	got := append(ids(first), ids(drain(t, sp))...)
	if !slices.Equal(got, want) {
		t.Errorf("after the retry: %d people, want the %d of an unbroken search, in its order", len(got), len(want))
	}
}

// The window's first list, fetched ahead by WarmUp, failed: the list is
// not done, and asking again fetches that first page and the rest.
func TestFailedHeadStartIsLoadedAgain(t *testing.T) {
	tn := startTenant(t, sandbox.Options{Users: 70})
	want := ids(drain(t, tn.e.Search(KindUser, "")))
	e := onePass(tn)
	tn.SetFaults(busy)
	e.WarmUp(t.Context(), KindUser, "48x48")
	sp := e.Search(KindUser, "")
	if _, err := sp.Next(t.Context()); err == nil {
		t.Fatal("the head start's page loaded on a tenant answering 503")
	}
	if sp.Done() {
		t.Fatal("the list is done after its first page failed")
	}
	tn.SetFaults(calm)
	if got := ids(drain(t, sp)); !slices.Equal(got, want) {
		t.Errorf("after the retry: %d people, want the %d of an unbroken search", len(got), len(want))
	}
}
