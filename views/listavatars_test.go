package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// A list whose rows arrive as they are looked up has its avatars go out in
// about as few $batch envelopes as the same people shown at once: the
// engine takes the rows into one queue as they arrive, so envelopes fill,
// and the default-size retries share them with rows that came later. Asked
// for 20 rows at a time, each ask with envelopes of its own for its
// retries, these 150 people took 20 envelopes (178 asks), where shown at
// once they take 10 and streamed now 11.
func TestListAvatarsFillTheirEnvelopes(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	// People the first page of the search has not shown: their avatars
	// are not in the engine's memory yet.
	shown := map[string]bool{}
	for _, p := range h.m.sidebar.results {
		shown[p.ID] = true
	}
	var lines []string
	for _, u := range h.tenant.Dir.Users() {
		if !shown[u.ID] && len(lines) < 150 {
			lines = append(lines, u.UserPrincipalName)
		}
	}
	if len(lines) < 150 {
		t.Fatalf("the sandbox has %d users not shown, want 150", len(lines))
	}
	path := filepath.Join(t.TempDir(), "staff.txt")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Every request takes 20 ms, so the lookups answer a few at a time
	// (four workers) and the rows stream in, as they do from Graph.
	h.tenant.SetFaults(sandbox.Faults{Latency: 20 * time.Millisecond})
	h.tenant.ResetStats()
	h.drop(path)

	s := h.m.sidebar
	h.waitFor("the whole list", func() bool { return strings.HasPrefix(s.note.Text, "150 people from staff.txt.") })
	h.waitIdle()
	for i, known := range s.avatarKnown {
		if !known {
			t.Errorf("row %d has no avatar", i)
		}
	}
	st := h.tenant.Stats()
	items, envelopes := st.Requests[sandbox.KindBatchItem], st.Requests[sandbox.KindBatch]
	// Two part-filled envelopes are the rule's (the first, sent at once
	// with the top rows, and the last); two more leave room for a loaded
	// machine whose lookups pause past the 250 ms a part-filled envelope
	// waits. The old way took 20.
	if full := (items + 19) / 20; envelopes > full+4 {
		t.Errorf("%d envelopes for %d avatar asks (150 people and their default-size retries), want at most %d (%d full, up to four part-filled)",
			envelopes, items, full+4, full)
	}
	t.Logf("%d envelopes for %d asks", envelopes, items)
}
