package views

import (
	"testing"
)

func TestWindowOpensWithPeopleAndAPhoto(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	first := h.m.sidebar.results[0]
	h.waitShown(first.DisplayName)
	h.waitIdle()
	if h.m.person == nil || h.m.person.ID != first.ID {
		t.Fatalf("the first result is not opened: person %v", h.m.person)
	}
	if got := h.m.status.account.Text; got != "Sandbox tenant" {
		t.Errorf("status account = %q, want Sandbox tenant", got)
	}
	avatars := 0
	for _, img := range h.m.sidebar.avatars {
		if img != nil {
			avatars++
		}
	}
	if avatars == 0 {
		t.Errorf("no avatar arrived for %d results", len(h.m.sidebar.results))
	}
	t.Logf("%d results, %d avatars, viewer: %s", len(h.m.sidebar.results), avatars, h.m.viewer.describe())
}
