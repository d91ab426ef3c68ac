package importer

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
)

// unreachableLaterGraph lands the first upload and answers it with a
// gateway's 504 (no answer of Graph's own), so the run sends it again in
// a later round; every later upload never leaves this machine (a refused
// connection, graphapi.ErrNeverSent), as when the network goes down
// between rounds.
type unreachableLaterGraph struct {
	readsThrough
	calls atomic.Int32
}

func (g *unreachableLaterGraph) SetPhoto(ctx context.Context, s graphapi.Subject, data []byte, contentType string) error {
	if g.calls.Add(1) == 1 {
		if err := g.c.SetPhoto(ctx, s, data, contentType); err != nil {
			return err
		}
		return &graphapi.Error{Status: 504, Code: "GatewayTimeout", Message: "The gateway did not receive a timely response.", Method: "PUT"}
	}
	u := "https://graph.microsoft.com/v1.0/users/" + s.String() + "/photo/$value"
	refused := &url.Error{Op: "Put", URL: u, Err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}}
	return fmt.Errorf("PUT %s: giving up after 5 tries: %w (%w)", u, refused, graphapi.ErrNeverSent)
}

// A file whose first upload got no answer (and may have changed the
// photo) and whose later round's upload then never left this machine
// ends as an error row that still says the photo may have changed, with
// the first upload's change and backup, counted for Undo this import. The
// later round's error alone was its row — "Cannot reach Microsoft Graph.
// … Nothing was changed." — with no change, so the summary and the undo
// of the import passed over a photo that had changed.
func TestUploadWithNoAnswerThenNeverSentMayHaveChanged(t *testing.T) {
	x := newTenant(t)
	dir := t.TempDir()
	people := hdPeople(t, x, dir, 1)
	restore := x.changeThrough(&unreachableLaterGraph{readsThrough: readsThrough{x.client}})
	p := x.plan(t, dir)
	p.Replace = true
	sum := x.run(t, t.Context(), p, t.TempDir()+"/j.jsonl", Options{Workers: 1})
	restore()

	if w := x.widthOf(t, people[0].ID); w == 648 {
		t.Fatal("the first upload did not land; the test proves nothing")
	}
	res := sum.Results[0]
	if res.Outcome != OutcomeError || !res.Unanswered || res.Change == "" || res.Backup == "" ||
		!strings.Contains(res.Err, "may have changed") || strings.HasSuffix(res.Err, "Nothing was changed.") {
		t.Errorf("the upload with no answer, then never sent: %+v; want an error row saying the photo may have changed, with its change and backup", res)
	}
	if sum.Unanswered != 1 {
		t.Errorf("summary unanswered=%d; want 1 that may have changed", sum.Unanswered)
	}
}

// With replace off, a later round finds the photo the first, unanswered
// upload put there, and refuses to replace it: the row said "has a photo
// now (it was added after the preview)" and was skipped, with no change,
// although that photo is most likely the import's own. It now says the
// photo may have changed, with the first upload's change and backup.
func TestUploadWithNoAnswerThenFoundThereMayHaveChanged(t *testing.T) {
	x := newTenant(t)
	dir := t.TempDir()
	people := hdPeople(t, x, dir, 1)
	if err := x.client.DeletePhoto(t.Context(), graphapi.User(people[0].ID)); err != nil {
		t.Fatal(err)
	}
	restore := x.changeThrough(&gatewayGraph{readsThrough: readsThrough{x.client}})
	p := x.plan(t, dir)
	sum := x.run(t, t.Context(), p, t.TempDir()+"/j.jsonl", Options{Workers: 1})
	restore()

	if w := x.widthOf(t, people[0].ID); w == 0 {
		t.Fatal("the first upload did not land; the test proves nothing")
	}
	res := sum.Results[0]
	if res.Outcome != OutcomeError || !res.Unanswered || res.Change == "" || !strings.Contains(res.Err, "may have changed") {
		t.Errorf("the upload with no answer, then found there: %+v; want an error row saying the photo may have changed, with its change", res)
	}
	if sum.Unanswered != 1 {
		t.Errorf("summary unanswered=%d; want 1 that may have changed", sum.Unanswered)
	}
}
