package importer

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// gatewayGraph is the change path's Graph for a run its Cancel stops
// between rounds: the first upload lands, but a gateway answers 504 (no
// answer of Graph's own), so the run sends it again in a later round —
// and Cancel comes first.
type gatewayGraph struct {
	readsThrough
	stop chan struct{}
	once sync.Once
}

func (g *gatewayGraph) SetPhoto(ctx context.Context, s graphapi.Subject, data []byte, contentType string) error {
	if err := g.c.SetPhoto(ctx, s, data, contentType); err != nil {
		return err
	}
	if g.stop != nil {
		g.once.Do(func() { close(g.stop) }) // Cancel, while the answer is lost
	}
	return &graphapi.Error{Status: 504, Code: "GatewayTimeout", Message: "The gateway did not receive a timely response.", Method: "PUT"}
}

// runThroughGateway imports one HD photo, replacing, for one person of a
// new tenant, with its changes sent through a gatewayGraph that closes
// stop (if not nil) after the first upload. x.changer is Graph's own again
// when it returns.
func runThroughGateway(t *testing.T, stop chan struct{}, o Options) (*tenant, []*sandbox.User, string, *Summary) {
	t.Helper()
	x := newTenant(t)
	dir := t.TempDir()
	people := hdPeople(t, x, dir, 1)
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	restore := x.changeThrough(&gatewayGraph{readsThrough: readsThrough{x.client}, stop: stop})
	p := x.plan(t, dir)
	p.Replace = true
	sum := x.run(t, t.Context(), p, journal, o)
	restore()
	return x, people, journal, sum
}

// A file whose upload got no answer (a gateway's 504), left for a later
// round the run never reached (Cancel, or its account's end), may have
// changed the photo: its row says so, with the change and its backup, as
// a row cut off on the wire does. It used to read "not reached: the
// import was stopped", counted as not sent, though the photo had changed
// — and with it the only change of the run, the window offered no Undo
// this import.
func TestUploadWithNoAnswerLeftForALaterRoundIsNotNotReached(t *testing.T) {
	stop := make(chan struct{})
	x, people, journal, sum := runThroughGateway(t, stop, Options{Stop: stop, Workers: 1})

	if w := x.widthOf(t, people[0].ID); w == 648 {
		t.Fatal("the upload did not land; the test proves nothing")
	}
	res := sum.Results[0]
	if res.Outcome != OutcomeError || !res.Unanswered || res.Change == "" || res.Backup == "" ||
		!strings.Contains(res.Err, "may have changed") || strings.Contains(res.Err, "not reached") {
		t.Errorf("the upload with no answer: %+v; want an error row saying the photo may have changed, with its change and backup", res)
	}
	if sum.Unanswered != 1 || sum.Stopped {
		t.Errorf("summary %+v unanswered=%d stopped=%v; want 1 that may have changed, none unreached", sum.Progress, sum.Unanswered, sum.Stopped)
	}

	j := openJournal(t, journal)
	defer j.Close()
	if undo, err := UndoImport(t.Context(), x.changer, j, UndoOptions{}); err != nil || len(undo.Failed) != 0 {
		t.Fatalf("undo: %+v, %v", undo, err)
	}
	if w := x.widthOf(t, people[0].ID); w != 648 {
		t.Errorf("the photo is %d wide after the undo, want the person's own 648x648 back", w)
	}
}

// A file whose upload got no answer and that is still throttled after the
// last round may have changed the photo too: its row says so, with the
// change and its backup, and the summary counts it, so the window offers
// Undo this import. Only the row of a run stopped between rounds did; this
// one read "(still throttled; run the import again with resume)" alone.
func TestUploadWithNoAnswerStillThrottledAtTheEndMayHaveChanged(t *testing.T) {
	// every upload lands, and every answer is a 504
	x, people, _, sum := runThroughGateway(t, nil, Options{Workers: 1, MaxRounds: 1})

	if w := x.widthOf(t, people[0].ID); w == 648 {
		t.Fatal("the upload did not land; the test proves nothing")
	}
	res := sum.Results[0]
	if res.Outcome != OutcomeError || !res.Unanswered || res.Change == "" || res.Backup == "" ||
		!strings.Contains(res.Err, "may have changed") || !strings.Contains(res.Err, "still throttled") {
		t.Errorf("the upload with no answer, still throttled: %+v; want an error row saying it is still throttled and the photo may have changed, with its change and backup", res)
	}
	if sum.Unanswered != 1 {
		t.Errorf("summary unanswered=%d; want 1 that may have changed", sum.Unanswered)
	}
}
