package importer

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// hdPeople writes a 100x100 picture for each of the first n users with
// all nine HD sizes (648x648 largest) and returns them: what the import
// replaces, and what undoing it must bring back.
func hdPeople(t *testing.T, x *tenant, dir string, n int) []*sandbox.User {
	t.Helper()
	var out []*sandbox.User
	for _, u := range x.Dir.Users() {
		if u.Photo == sandbox.PhotoHD && len(out) < n {
			out = append(out, u)
			picture(t, dir, u.UserPrincipalName+".jpg", 100, 100)
		}
	}
	if len(out) < n {
		t.Fatalf("the sandbox has %d users with HD photos, want %d", len(out), n)
	}
	return out
}

// widthOf is the width of u's largest photo now.
func (x *tenant) widthOf(t *testing.T, id string) int {
	t.Helper()
	m, err := x.client.PhotoMeta(t.Context(), graphapi.User(id), graphapi.SizeLargest)
	if err != nil {
		t.Fatalf("photo of %s: %v", id, err)
	}
	return m.Width
}

// cutGraph is the change path's Graph for a run whose context ends while
// its first batch goes out one upload at a time (no $batch, so each
// upload's fate is its own): the first upload lands and is answered, the
// second is answered throttled (Graph took nothing), the third lands and
// the run's context ends before its answer is read — an account picked
// meanwhile — and the rest meet the ended context.
type cutGraph struct {
	readsThrough
	cancel context.CancelFunc
	mu     sync.Mutex
	sent   []string // the subjects SetPhoto was asked for, in order
}

func (g *cutGraph) SetPhoto(ctx context.Context, s graphapi.Subject, data []byte, contentType string) error {
	g.mu.Lock()
	n := len(g.sent)
	g.sent = append(g.sent, s.String())
	g.mu.Unlock()
	switch n {
	case 1:
		return &graphapi.Error{Status: 429, Code: "TooManyRequests", Message: "Too many requests.", Method: "PUT"}
	case 2:
		err := g.c.SetPhoto(ctx, s, data, contentType)
		g.cancel()
		if err != nil {
			return err
		}
		return fmt.Errorf("PUT /users/…/photo/$value: %w", context.Canceled) // the answer, lost to the ended context
	}
	return g.c.SetPhoto(ctx, s, data, contentType)
}

// sentTo is the plan item SetPhoto's k-th call was for.
func (g *cutGraph) sentTo(t *testing.T, p *Plan, k int) int {
	t.Helper()
	g.mu.Lock()
	defer g.mu.Unlock()
	if k >= len(g.sent) {
		t.Fatalf("only %d uploads were asked for: %v", len(g.sent), g.sent)
	}
	for i, it := range p.Items {
		if graphapi.User(it.User.ID).String() == g.sent[k] {
			return i
		}
	}
	t.Fatalf("upload %d (%s) is of no file", k, g.sent[k])
	return -1
}

// A run whose context ends mid-batch (another account picked, a
// sign-out, the window closed) says what became of each file: the upload
// Graph answered is replaced (and undone with the import); the one Graph
// answered throttled, the ones the ended context kept from going, and the
// next batch are "not reached", not errors, and resume sends them; the
// one sent whose answer the ended context cut off may have changed the
// photo: an error row saying so, journalled as perhaps sent, so undoing
// the import puts the photo back. They all used to be error rows reading
// "Cancelled." (or "throttled"), counted as failed.
func TestRunCutOffByItsContextSaysWhatBecameOfEachFile(t *testing.T) {
	x := newTenant(t)
	dir := t.TempDir()
	people := hdPeople(t, x, dir, 6)
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	g := &cutGraph{readsThrough: readsThrough{x.client}, cancel: cancel}
	restore := x.changeThrough(g)
	p := x.plan(t, dir)
	p.Replace = true
	j := openJournal(t, journal)
	sum, err := Run(ctx, p, Options{Changer: x.changer, Journal: j, Reader: x.client, Workers: 1, BatchSize: 4})
	j.Close()
	restore()
	if err == nil || sum == nil {
		t.Fatalf("run: %v, %v; want the ended context's error and a summary", sum, err)
	}
	answered, throttled, lost := g.sentTo(t, p, 0), g.sentTo(t, p, 1), g.sentTo(t, p, 2)
	for i, res := range sum.Results {
		name := p.Items[i].File.Name
		if strings.Contains(res.Err, "Cancelled") || strings.Contains(res.Err, "canceled") {
			t.Errorf("%s: %+v; the stop is no error of the file's", name, res)
		}
		switch i {
		case answered:
			if res.Outcome != OutcomeReplaced || res.Backup == "" || res.Unanswered {
				t.Errorf("%s, answered: %+v; want replaced, with its backup", name, res)
			}
		case lost:
			if res.Outcome != OutcomeError || !res.Unanswered || res.Backup == "" || res.Change == "" || !strings.Contains(res.Err, "may have changed") {
				t.Errorf("%s, sent and cut off: %+v; want an error row saying the photo may have changed, with its backup", name, res)
			}
		default:
			if res.Outcome != OutcomeSkipped || !strings.Contains(res.Err, "not reached") {
				t.Errorf("%s (throttled %v): %+v; want not reached", name, i == throttled, res)
			}
		}
	}
	if !sum.Stopped || sum.Replaced != 1 || sum.Errors != 1 || sum.Unanswered != 1 || sum.Total-sum.Done != 4 {
		t.Errorf("summary %+v stopped=%v unanswered=%d; want stopped, 1 replaced, 1 error that may have changed, 4 not reached", sum.Progress, sum.Stopped, sum.Unanswered)
	}
	// Counted apart from the files left out by choice (TestImportCancelSaysWhatItDidNotReach).
	if sum.NotReached != 4 || sum.Skipped != 0 {
		t.Errorf("%d not reached, %d skipped; want 4 not reached, none skipped", sum.NotReached, sum.Skipped)
	}
	if len(g.sent) != 3 {
		t.Errorf("uploads asked for %v; want none once the context ended", g.sent)
	}
	lines, err := ReadJournal(journal)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lastOfEachChange(lines, func(JournalLine) bool { return true }) {
		if want := l.User == p.Items[answered].User.ID || l.User == p.Items[lost].User.ID; mayStand(l) != want {
			t.Errorf("journal: %s's change ends %+v; may stand %v, want %v", l.UPN, l, mayStand(l), want)
		}
	}

	// Resume sends every file not reached and the one in doubt; undoing
	// the import then brings everyone's own photo back.
	p = x.plan(t, dir)
	p.Replace = true
	again := x.run(t, t.Context(), p, journal, Options{Resume: true})
	if again.Resumed != 1 || again.Replaced != len(people) || again.Errors != 0 || again.Stopped {
		t.Fatalf("resume: %+v; want the answered file skipped, the other %d sent", again.Progress, len(people)-1)
	}
	j = openJournal(t, journal)
	defer j.Close()
	if undo, err := UndoImport(t.Context(), x.changer, j, UndoOptions{}); err != nil || len(undo.Failed) != 0 {
		t.Fatalf("undo: %+v, %v", undo, err)
	}
	for _, u := range people {
		if w := x.widthOf(t, u.ID); w != 648 {
			t.Errorf("%s's photo is %d wide after the undo, want their own 648x648 back", u.UserPrincipalName, w)
		}
	}
}

// A run whose context ends while its $batch of uploads is on the wire
// cannot tell which of them Graph took: each is an error row saying the
// photo may have changed (not "Cancelled."), journalled as perhaps sent,
// and undoing the import puts back every photo that changed.
func TestRunCutOffMidBatchKeepsItsUploadsUndoable(t *testing.T) {
	x := newTenant(t)
	dir := t.TempDir()
	people := hdPeople(t, x, dir, 3)
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	p := x.plan(t, dir)
	p.Replace = true
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	x.Handler().Observe(func(s sandbox.Seen) {
		x.mu.Lock()
		x.seen = append(x.seen, s)
		x.mu.Unlock()
		if s.Method == "PUT" { // seen once Graph has taken it, before the answer goes back
			cancel()
		}
	})
	j := openJournal(t, journal)
	sum, err := Run(ctx, p, Options{Changer: x.changer, Journal: j, Reader: x.client})
	j.Close()
	x.Handler().Observe(nil)
	if err == nil || sum == nil {
		t.Fatalf("run: %v, %v; want the ended context's error and a summary", sum, err)
	}
	if len(x.writes()) == 0 {
		t.Fatal("no upload reached the sandbox; the test proves nothing")
	}
	for i, res := range sum.Results {
		if res.Outcome != OutcomeError || !res.Unanswered || res.Backup == "" || !strings.Contains(res.Err, "may have changed") || strings.Contains(res.Err, "Cancelled") {
			t.Errorf("%s: %+v; want an error row saying the photo may have changed, with its backup", p.Items[i].File.Name, res)
		}
	}
	if sum.Unanswered != len(people) || sum.Stopped {
		t.Errorf("summary %+v unanswered=%d stopped=%v; want all %d in doubt, none left unreached", sum.Progress, sum.Unanswered, sum.Stopped, len(people))
	}
	j = openJournal(t, journal)
	defer j.Close()
	undo, err := UndoImport(t.Context(), x.changer, j, UndoOptions{})
	if err != nil || len(undo.Failed) != 0 || undo.Restored+undo.Unsent != len(people) || undo.Restored == 0 {
		t.Fatalf("undo: %+v, %v; want every photo that changed put back", undo, err)
	}
	for _, u := range people {
		if w := x.widthOf(t, u.ID); w != 648 {
			t.Errorf("%s's photo is %d wide after the undo, want their own 648x648 back", u.UserPrincipalName, w)
		}
	}
}
