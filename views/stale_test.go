package views

import (
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// A late answer for someone no longer selected must never reach the screen.
func TestLateAnswerNeverShows(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	ex := h.tenant.dir.Examples()
	adele, megan := h.resultIndex(ex.FullHD.UserPrincipalName), h.resultIndex(ex.UpTo240.UserPrincipalName)
	if adele < 0 || megan < 0 {
		t.Fatal("Adele and Megan are not on the first page")
	}

	h.m.sidebar.list.Select(adele)
	h.waitBackground() // Adele's photo is fetched; its answer waits in the UI queue
	h.tenant.handler.SetFaults(sandbox.Faults{Latency: 300 * time.Millisecond})
	h.m.sidebar.list.Select(megan)
	h.q.drain() // Adele's late answer runs now, after Megan was picked
	if d := h.m.viewer.describe(); d != "loading" || h.m.current != nil {
		t.Fatalf("after picking Megan the viewer shows %q (current %v), want Megan loading", d, h.m.current)
	}
	h.waitShown(ex.UpTo240.DisplayName)
	if h.m.current == nil || h.m.current.Person.ID != ex.UpTo240.ID || h.m.viewer.layout.pixW != 240 {
		t.Fatalf("viewer = %s, want Megan's 240x240 photo", h.m.viewer.describe())
	}
}

// Walking quickly through the list ends on the last person picked.
func TestRapidSwitchingEndsOnTheLastPick(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	h.tenant.handler.SetFaults(sandbox.Faults{Latency: 50 * time.Millisecond})
	for range 6 {
		h.m.sidebar.move(1)
		h.q.drain()
	}
	last := h.m.sidebar.results[6]
	h.waitIdle()
	if h.m.person.ID != last.ID || h.m.viewer.title.Text != last.DisplayName {
		t.Fatalf("viewer shows %s, want %s", h.m.viewer.describe(), last.DisplayName)
	}
	if h.m.current != nil && h.m.current.Person.ID != last.ID {
		t.Fatalf("the photo shown belongs to %s, not %s", h.m.current.Person.DisplayName, last.DisplayName)
	}
}
