package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// tenant is a fresh sandbox with a write-enabled client, a changer on it
// and a log of every request.
type tenant struct {
	*sandboxtest.Tenant
	client  *graphapi.Client
	changer *change.Changer
	mu      sync.Mutex
	seen    []sandbox.Seen
	// perItemReads leaves Options.Reader unset (unless the test gives
	// its own): each change reads the photo it backs up itself.
	perItemReads bool
}

func newTenant(t *testing.T) *tenant {
	t.Helper()
	tn := sandboxtest.Start(t, sandbox.Options{})
	tok, err := tn.UserToken(identity.DemoUPN, "User.ReadBasic.All", "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	c := tn.Client(tok)
	x := &tenant{Tenant: tn, client: c}
	x.changer = &change.Changer{Graph: c, Dir: filepath.Join(t.TempDir(), "backups"), Account: identity.DemoUPN, Tenant: "sandbox"}
	tn.Handler().Observe(func(s sandbox.Seen) {
		x.mu.Lock()
		x.seen = append(x.seen, s)
		x.mu.Unlock()
	})
	t.Cleanup(func() { tn.Handler().Observe(nil) })
	return x
}

// changeThrough sends x's changes through g, with x's own backup folder
// and account, until the func it returns puts x's changer back.
func (x *tenant) changeThrough(g change.Graph) (restore func()) {
	real := x.changer
	x.changer = &change.Changer{Graph: g, Dir: real.Dir, Account: real.Account, Tenant: real.Tenant}
	return func() { x.changer = real }
}

// readsThrough is the base of a change path's Graph fake: it reads and
// removes photos through c, Graph's own client, and has no $batch uploads
// (c's would be promoted if c were embedded), so each upload goes through
// the fake's own SetPhoto.
type readsThrough struct{ c *graphapi.Client }

func (g readsThrough) PhotoBytes(ctx context.Context, s graphapi.Subject, size graphapi.Size) (*graphapi.Photo, error) {
	return g.c.PhotoBytes(ctx, s, size)
}

func (g readsThrough) DeletePhoto(ctx context.Context, s graphapi.Subject) error {
	return g.c.DeletePhoto(ctx, s)
}

// writes counts the photo writes Graph took (2xx), by path.
func (x *tenant) writes() map[string]int {
	x.mu.Lock()
	defer x.mu.Unlock()
	out := map[string]int{}
	for _, s := range x.seen {
		if (s.Method == "PUT" || s.Method == "PATCH" || s.Method == "DELETE") && s.Status < 300 {
			out[s.Path]++
		}
	}
	return out
}

// anyWrite reports whether any write request was sent at all.
func (x *tenant) anyWrite() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, s := range x.seen {
		if s.Method != "GET" && !(s.Method == "POST" && s.Kind == sandbox.KindBatch) {
			return true
		}
	}
	return false
}

func (x *tenant) plan(t *testing.T, dir string) *Plan {
	t.Helper()
	files, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := BuildPlan(t.Context(), GraphDirectory{Client: x.client}, dir, files, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// openJournal opens the journal at path, failing the test if it cannot.
func openJournal(t *testing.T, path string) *Journal {
	t.Helper()
	j, err := OpenJournal(path)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func (x *tenant) run(t *testing.T, ctx context.Context, p *Plan, journal string, o Options) *Summary {
	t.Helper()
	j := openJournal(t, journal)
	defer j.Close()
	o.Changer, o.Journal = x.changer, j
	if !x.perItemReads && o.Reader == nil {
		o.Reader = x.client
	}
	sum, err := Run(ctx, p, o)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// readReport is the report's rows by file name.
func readReport(t *testing.T, path string) map[string]map[string]string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "file,status,rule,id,userPrincipalName,displayName,width,height,bytes,backup,error" {
		t.Fatalf("header %v", recs[0])
	}
	out := map[string]map[string]string{}
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = r[i]
		}
		out[r[0]] = row
	}
	return out
}

// A dry run is a plan and a report: the sandbox sees no write, and the
// lookups go in $batch envelopes, not a request per file.
func TestDryRunSendsNoWrite(t *testing.T) {
	x := newTenant(t)
	ex := x.Dir.Examples()
	dir := t.TempDir()
	picture(t, dir, ex.UpTo240.ID+".jpg", 300, 300)                // id, has a photo
	picture(t, dir, ex.NoPhoto.UserPrincipalName+".jpg", 300, 300) // upn, none
	picture(t, dir, "jane@fabrikam.com.png", 300, 300)             // mail (the guest)
	picture(t, dir, "grady.archie.jpg", 300, 300)                  // alias
	picture(t, dir, "Diaz, Lucas.jpg", 300, 300)                   // name
	picture(t, dir, "Alan Hall.jpg", 300, 300)                     // two Alan Halls
	picture(t, dir, "Ánna Nakamura.jpg", 300, 300)                 // accents kept: nobody
	picture(t, dir, "hiro.smith.jpg", 300, 300)                    // duplicate…
	picture(t, dir, "Hiro Smith.jpg", 300, 300)                    // …of this
	picture(t, dir, "tiny.png", 30, 30)                            // invalid
	p := x.plan(t, dir)
	report := filepath.Join(t.TempDir(), "dry.csv")
	if err := WriteReport(report, p, nil); err != nil {
		t.Fatal(err)
	}
	if x.anyWrite() {
		t.Fatal("a dry run sent a write request")
	}
	x.mu.Lock()
	seen := len(x.seen)
	x.mu.Unlock()
	st := x.Stats()
	if st.Requests[sandbox.KindBatchItem] != seen || st.Requests[sandbox.KindBatch] > 3 {
		t.Errorf("%d requests, %d of them in %d $batch envelopes: want every lookup batched", seen, st.Requests[sandbox.KindBatchItem], st.Requests[sandbox.KindBatch])
	}
	rows := readReport(t, report)
	want := map[string][2]string{
		ex.UpTo240.ID + ".jpg":                {"skipped", "id"}, // has a photo, replace off
		ex.NoPhoto.UserPrincipalName + ".jpg": {"matched", "upn"},
		"jane@fabrikam.com.png":               {"skipped", "mail"},
		"grady.archie.jpg":                    {"matched", "alias"},
		"Diaz, Lucas.jpg":                     {"matched", "name"},
		"Alan Hall.jpg":                       {"ambiguous", "name"},
		"Ánna Nakamura.jpg":                   {"unmatched", ""},
		"hiro.smith.jpg":                      {"duplicate", "alias"},
		"Hiro Smith.jpg":                      {"duplicate", "name"},
		"tiny.png":                            {"invalid", ""},
	}
	for file, w := range want {
		r := rows[file]
		if r == nil || r["status"] != w[0] || r["rule"] != w[1] {
			t.Errorf("%s: %v, want status %s rule %s", file, r, w[0], w[1])
		}
	}
	if r := rows[ex.NoPhoto.UserPrincipalName+".jpg"]; r["id"] != ex.NoPhoto.ID || r["width"] != "300" || r["bytes"] == "" {
		t.Errorf("matched row %v", r)
	}
}

// An import uploads to people without a photo, replaces (with a backup)
// only when asked, logs each change, and its report says so.
func TestImportUploadsAndReplaces(t *testing.T) {
	x := newTenant(t)
	x.perItemReads = true
	ex := x.Dir.Examples()
	dir := t.TempDir()
	picture(t, dir, ex.NoPhoto.UserPrincipalName+".jpg", 700, 500)
	picture(t, dir, "Adele Vance.jpg", 300, 300)
	p := x.plan(t, dir)
	p.Replace = true
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	sum := x.run(t, t.Context(), p, journal, Options{})
	if sum.Uploaded != 1 || sum.Replaced != 1 || sum.Errors != 0 {
		t.Fatalf("summary %+v", sum.Progress)
	}
	replaced := sum.Results[indexOf(p, "Adele Vance.jpg")]
	if replaced.Backup == "" {
		t.Fatal("no backup of the replaced photo")
	}
	if _, err := os.Stat(replaced.Backup); err != nil {
		t.Errorf("backup missing: %v", err)
	}
	// The centred 500x500 square went up; Graph keeps sizes up to 432x432.
	if m, err := x.client.PhotoMeta(t.Context(), graphapi.User(ex.NoPhoto.ID), graphapi.SizeLargest); err != nil || m.Width != 432 || m.Height != 432 {
		t.Errorf("new photo %+v, %v; want 432x432", m, err)
	}
	entries, _ := change.ReadLog(x.changer.Dir)
	if len(entries) != 2 {
		t.Errorf("%d change log entries, want 2", len(entries))
	}
	// Undone one at a time (Undo last change), each says it was the import's.
	for _, e := range entries {
		if want := "the import of " + filepath.Base(dir); e.Via != want || !strings.HasSuffix(e.Describe(), ", by "+want+")") {
			t.Errorf("logged via %q, described %q; want %q", e.Via, e.Describe(), want)
		}
	}
	report := filepath.Join(t.TempDir(), "r.csv")
	if err := WriteReport(report, p, sum); err != nil {
		t.Fatal(err)
	}
	rows := readReport(t, report)
	if rows["Adele Vance.jpg"]["status"] != "replaced" || rows["Adele Vance.jpg"]["backup"] != replaced.Backup ||
		rows[ex.NoPhoto.UserPrincipalName+".jpg"]["status"] != "uploaded" {
		t.Errorf("report rows %v", rows)
	}
}

// Cancel lets the uploads in flight finish and starts no more; resume
// sends the rest, and nobody's photo is uploaded twice.
func TestCancelAndResumeUploadEachOnce(t *testing.T) {
	x := newTenant(t)
	dir := t.TempDir()
	var names []string
	for _, u := range x.Dir.Users() {
		if u.Photo == sandbox.PhotoNone && len(names) < 12 {
			names = append(names, u.UserPrincipalName)
			picture(t, dir, u.UserPrincipalName+".jpg", 100, 100)
		}
	}
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	stop := make(chan struct{})
	var once sync.Once
	first := x.run(t, t.Context(), x.plan(t, dir), journal, Options{Stop: stop, BatchSize: 2, Progress: func(pr Progress) {
		if pr.Done >= 3 {
			once.Do(func() { close(stop) })
		}
	}})
	if !first.Stopped || first.Uploaded >= len(names) || first.Uploaded < 3 {
		t.Fatalf("cancelled run: %+v stopped=%v", first.Progress, first.Stopped)
	}
	second := x.run(t, t.Context(), x.plan(t, dir), journal, Options{Resume: true})
	if second.Uploaded != len(names) || second.Resumed != first.Uploaded || second.Errors != 0 {
		t.Fatalf("resumed run: %+v, want all %d uploaded, %d of them from the first run", second.Progress, len(names), first.Uploaded)
	}
	w := x.writes()
	if len(w) != len(names) {
		t.Errorf("%d people written, want %d", len(w), len(names))
	}
	for path, n := range w {
		if n != 1 {
			t.Errorf("%s uploaded %d times", path, n)
		}
	}
}

// Throttling mid-import: 429s with Retry-After are waited out and retried;
// every file ends uploaded, each exactly once.
func TestThrottledImportLosesNobody(t *testing.T) {
	x := newTenant(t)
	dir := t.TempDir()
	n := 0
	for _, u := range x.Dir.Users() {
		if u.Photo == sandbox.PhotoNone && n < 10 {
			n++
			picture(t, dir, u.UserPrincipalName+".jpg", 64, 64)
		}
	}
	p := x.plan(t, dir)
	x.SetFaults(sandbox.Faults{ThrottleRate: 0.35, RetryAfter: "0.01", MaxPhotoConcurrency: 4})
	sum := x.run(t, t.Context(), p, filepath.Join(t.TempDir(), "j.jsonl"), Options{})
	if sum.Uploaded != n || sum.Errors != 0 {
		t.Fatalf("summary %+v", sum.Progress)
	}
	if x.Stats().Statuses[429] == 0 {
		t.Error("no request was throttled; the test proves nothing")
	}
	for path, c := range x.writes() {
		if c != 1 {
			t.Errorf("%s written %d times", path, c)
		}
	}
	if peak := x.Stats().PeakPhotoConcurrency; peak > 4 {
		t.Errorf("peak %d photo requests in flight, Graph allows 4", peak)
	}
}

// Undo this import: replaced photos come back from their backups, new
// ones are removed, and a second undo has nothing left to do.
func TestUndoImport(t *testing.T) {
	x := newTenant(t) // backups read a $batch ahead, as the window and the command line do
	ex := x.Dir.Examples()
	dir := t.TempDir()
	picture(t, dir, ex.NoPhoto.UserPrincipalName+".jpg", 300, 300)
	picture(t, dir, ex.FullHD.UserPrincipalName+".jpg", 300, 300)
	before, err := x.client.PhotoBytes(t.Context(), graphapi.User(ex.FullHD.ID), graphapi.SizeLargest)
	if err != nil {
		t.Fatal(err)
	}
	p := x.plan(t, dir)
	p.Replace = true
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	x.run(t, t.Context(), p, journal, Options{})
	if m, err := x.client.PhotoMeta(t.Context(), graphapi.User(ex.FullHD.ID), graphapi.SizeLargest); err != nil || m.Width != 240 {
		t.Fatalf("not replaced: %+v, %v", m, err)
	}
	j := openJournal(t, journal)
	defer j.Close()
	sum, err := UndoImport(t.Context(), x.changer, j, UndoOptions{})
	if err != nil || sum.Restored != 1 || sum.Removed != 1 || len(sum.Failed) != 0 {
		t.Fatalf("undo: %+v, %v", sum, err)
	}
	if _, err := x.client.PhotoMeta(t.Context(), graphapi.User(ex.NoPhoto.ID), graphapi.SizeLargest); !graphapi.IsNoPhoto(err) {
		t.Errorf("the photo the import added is still there: %v", err)
	}
	after, err := x.client.PhotoMeta(t.Context(), graphapi.User(ex.FullHD.ID), graphapi.SizeLargest)
	if err != nil || after.Width != 648 {
		t.Errorf("restored photo %+v, %v; want the 648x648 original back", after, err)
	}
	if len(before.Bytes) == 0 {
		t.Error("no original photo read")
	}
	again, err := UndoImport(t.Context(), x.changer, j, UndoOptions{})
	if err != nil || again.Restored+again.Removed != 0 {
		t.Errorf("second undo: %+v, %v", again, err)
	}
	j.Close() // the undo is over; the resume below opens the journal again
	// After an undo, a resume sends the files again (they are not "sent" any more).
	second := x.run(t, t.Context(), x.plan(t, dir), journal, Options{Resume: true})
	if second.Resumed != 0 {
		t.Errorf("resume after undo skipped %d files", second.Resumed)
	}
}

// The report neutralises a file name a spreadsheet would run.
func TestReportNeutralisesFormulas(t *testing.T) {
	dir := t.TempDir()
	picture(t, dir, "=HYPERLINK(x).jpg", 300, 300)
	files, _ := Scan(dir)
	p, err := BuildPlan(t.Context(), &fakeDirectory{}, dir, files, nil)
	if err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(t.TempDir(), "r.csv")
	if err := WriteReport(report, p, nil); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(report)
	if !strings.Contains(string(raw), "'=HYPERLINK(x).jpg") {
		t.Errorf("report:\n%s", raw)
	}
}

// A file Graph keeps throttling past every round is an error row that
// says so — never dropped, never counted as sent.
func TestThrottledPastEveryRoundIsAnErrorRow(t *testing.T) {
	x := newTenant(t)
	ex := x.Dir.Examples()
	dir := t.TempDir()
	picture(t, dir, ex.NoPhoto.UserPrincipalName+".jpg", 64, 64)
	p := x.plan(t, dir)
	x.SetFaults(sandbox.Faults{ThrottleRate: 1, RetryAfter: "0.001"})
	sum := x.run(t, t.Context(), p, filepath.Join(t.TempDir(), "j.jsonl"), Options{MaxRounds: 2})
	res := sum.Results[0]
	if res.Outcome != OutcomeError || !strings.Contains(res.Err, "still throttled") || sum.Requeued != 1 {
		t.Errorf("result %+v, requeued %d", res, sum.Requeued)
	}
	if len(x.writes()) != 0 {
		t.Errorf("writes went through: %v", x.writes())
	}
}

// An import run twice into one journal without resume replaces the photo
// twice; the second change's backup is the import's own photo, so undo
// must undo both, newest first, for the person's original to come back.
func TestUndoImportRunTwiceRestoresOriginal(t *testing.T) {
	x := newTenant(t)
	ex := x.Dir.Examples()
	dir := t.TempDir()
	picture(t, dir, ex.FullHD.UserPrincipalName+".jpg", 300, 300)
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	for range 2 {
		p := x.plan(t, dir)
		p.Replace = true
		if sum := x.run(t, t.Context(), p, journal, Options{}); sum.Replaced != 1 {
			t.Fatalf("run: %+v", sum.Progress)
		}
	}
	j := openJournal(t, journal)
	defer j.Close()
	sum, err := UndoImport(t.Context(), x.changer, j, UndoOptions{})
	if err != nil || sum.Restored != 2 || len(sum.Failed) != 0 {
		t.Fatalf("undo: %+v, %v", sum, err)
	}
	if after, err := x.client.PhotoMeta(t.Context(), graphapi.User(ex.FullHD.ID), graphapi.SizeLargest); err != nil || after.Width != 648 {
		t.Errorf("photo after undo %+v, %v; want the 648x648 original back", after, err)
	}
}

// lossyGraph sends each person's first upload but reports it as
// unanswered, as a connection lost after Graph took it would. It sends
// one upload at a time (no $batch), so the loss is per person.
type lossyGraph struct {
	readsThrough
	mu   sync.Mutex
	lost map[string]bool
	// drop loses each person's first upload before Graph takes it.
	drop bool
	// reset answers the first upload Graph took with a connection reset
	// (the client's retries spent) instead of ErrNoAnswer.
	reset bool
}

func (g *lossyGraph) SetPhoto(ctx context.Context, s graphapi.Subject, data []byte, contentType string) error {
	g.mu.Lock()
	first := !g.lost[s.String()]
	g.lost[s.String()] = true
	g.mu.Unlock()
	if first && g.drop {
		return fmt.Errorf("set photo: %w", graphapi.ErrNoAnswer)
	}
	if err := g.c.SetPhoto(ctx, s, data, contentType); err != nil {
		return err
	}
	switch {
	case first && g.reset:
		return fmt.Errorf("set photo: giving up after 5 tries: %w", syscall.ECONNRESET)
	case first:
		return fmt.Errorf("set photo: %w", graphapi.ErrNoAnswer)
	}
	return nil
}

// An upload Graph took whose connection was then reset ends as an error
// row, and a resume sends it again: the journal must mark it as perhaps
// sent, so undoing the import still brings the person's original back
// (not the first upload's photo, which the resume backed up).
func TestUndoImportAfterResetConnection(t *testing.T) {
	x := newTenant(t)
	ex := x.Dir.Examples()
	dir := t.TempDir()
	picture(t, dir, ex.FullHD.UserPrincipalName+".jpg", 300, 300)
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	restore := x.changeThrough(&lossyGraph{readsThrough: readsThrough{x.client}, lost: map[string]bool{}, reset: true})
	p := x.plan(t, dir)
	p.Replace = true
	if sum := x.run(t, t.Context(), p, journal, Options{}); sum.Errors != 1 {
		t.Fatalf("run: %+v", sum.Progress)
	}
	p = x.plan(t, dir)
	p.Replace = true
	if sum := x.run(t, t.Context(), p, journal, Options{Resume: true}); sum.Errors != 0 {
		t.Fatalf("resume: %+v", sum.Progress)
	}
	restore()
	x.undoRestoresFullHD(t, journal)
}

// An upload whose answer was lost went through; the retry's backup is the
// import's photo. Undo must see that the unanswered upload went through
// and undo it too, so the person's original comes back.
func TestUndoImportAfterLostAnswer(t *testing.T) {
	x := newTenant(t)
	ex := x.Dir.Examples()
	dir := t.TempDir()
	picture(t, dir, ex.FullHD.UserPrincipalName+".jpg", 300, 300)
	picture(t, dir, ex.NoPhoto.UserPrincipalName+".jpg", 300, 300)
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	p := x.plan(t, dir)
	p.Replace = true
	restore := x.changeThrough(&lossyGraph{readsThrough: readsThrough{x.client}, lost: map[string]bool{}})
	sum := x.run(t, t.Context(), p, journal, Options{})
	restore()
	if sum.Errors != 0 || sum.Requeued != 2 {
		t.Fatalf("run: %+v", sum.Progress)
	}
	j := openJournal(t, journal)
	defer j.Close()
	undo, err := UndoImport(t.Context(), x.changer, j, UndoOptions{})
	if err != nil || len(undo.Failed) != 0 {
		t.Fatalf("undo: %+v, %v", undo, err)
	}
	if after, err := x.client.PhotoMeta(t.Context(), graphapi.User(ex.FullHD.ID), graphapi.SizeLargest); err != nil || after.Width != 648 {
		t.Errorf("photo after undo %+v, %v; want the 648x648 original back", after, err)
	}
	if _, err := x.client.PhotoMeta(t.Context(), graphapi.User(ex.NoPhoto.ID), graphapi.SizeLargest); !graphapi.IsNoPhoto(err) {
		t.Errorf("the photo the import added is still there: %v", err)
	}
	again, err := UndoImport(t.Context(), x.changer, j, UndoOptions{})
	if err != nil || again.Restored+again.Removed+again.Unsent+len(again.Failed) != 0 {
		t.Errorf("second undo: %+v, %v", again, err)
	}
}

// A crash between Graph's answer and the journal's line for it leaves the
// change's "sending" line, with its id and backup: a resume sends the file
// again (its backup is then of the import's own photo), and undoing the
// import still brings the person's original back.
func TestUndoImportAfterACrashBeforeTheAnswerWasJournalled(t *testing.T) {
	x := newTenant(t)
	ex := x.Dir.Examples()
	dir := t.TempDir()
	picture(t, dir, ex.FullHD.UserPrincipalName+".jpg", 300, 300)
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	p := x.plan(t, dir)
	p.Replace = true
	if sum := x.run(t, t.Context(), p, journal, Options{}); sum.Replaced != 1 {
		t.Fatalf("run: %+v", sum.Progress)
	}
	data, err := os.ReadFile(journal)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
	if err := os.WriteFile(journal, []byte(strings.Join(lines[:len(lines)-1], "")), 0o600); err != nil { // the crash
		t.Fatal(err)
	}
	p = x.plan(t, dir)
	p.Replace = true
	if sum := x.run(t, t.Context(), p, journal, Options{Resume: true}); sum.Replaced != 1 || sum.Resumed != 0 {
		t.Fatalf("resume: %+v", sum.Progress)
	}
	x.undoRestoresFullHD(t, journal)
}

// One journal sits next to a report whoever imports: another account (or
// the same one in another tenant) neither resumes nor undoes the lines it
// did not write, and says how many it left alone instead of failing.
func TestJournalLinesOfAnotherAccountAreLeftAlone(t *testing.T) {
	x := newTenant(t)
	ex := x.Dir.Examples()
	dir := t.TempDir()
	picture(t, dir, ex.NoPhoto.UserPrincipalName+".jpg", 300, 300)
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	if sum := x.run(t, t.Context(), x.plan(t, dir), journal, Options{}); sum.Uploaded != 1 {
		t.Fatalf("run: %+v", sum.Progress)
	}
	lines, err := ReadJournal(journal)
	if err != nil || len(lines) != 3 || lines[1].State != JournalSending || lines[1].Change == "" {
		t.Fatalf("journal %+v, %v; want started, sending (with its change id), uploaded", lines, err)
	}
	for _, l := range lines {
		if l.Account != identity.DemoUPN || l.Tenant != "sandbox" || l.Run == "" || l.Run != lines[0].Run {
			t.Errorf("line %+v does not say who wrote it in which run", l)
		}
	}
	mine := x.changer
	x.changer = &change.Changer{Graph: x.client, Dir: mine.Dir, Account: "someone.else@contoso.com", Tenant: "sandbox"}
	other := x.run(t, t.Context(), x.plan(t, dir), journal, Options{Resume: true})
	if other.Resumed != 0 || other.Foreign != 1 {
		t.Errorf("another account's resume: %+v foreign %d; want nothing resumed, the 1 change left alone", other.Progress, other.Foreign)
	}
	j := openJournal(t, journal)
	defer j.Close()
	undo, err := UndoImport(t.Context(), x.changer, j, UndoOptions{})
	if err != nil || undo.Restored+undo.Removed != 0 || len(undo.Failed) != 0 || undo.Foreign == 0 {
		t.Fatalf("another account's undo: %+v, %v; want nothing undone, nothing failed, lines counted as foreign", undo, err)
	}
	x.changer = mine
	undo, err = UndoImport(t.Context(), x.changer, j, UndoOptions{})
	if err != nil || undo.Removed != 1 || len(undo.Failed) != 0 {
		t.Fatalf("own undo: %+v, %v", undo, err)
	}
}

// An upload lost before Graph took it changed nothing: undo sees that the
// retry found the photo as it was, and sends nothing for it.
func TestUndoImportAfterUploadLostUnsent(t *testing.T) {
	x := newTenant(t)
	ex := x.Dir.Examples()
	dir := t.TempDir()
	picture(t, dir, ex.FullHD.UserPrincipalName+".jpg", 300, 300)
	picture(t, dir, ex.NoPhoto.UserPrincipalName+".jpg", 300, 300)
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	p := x.plan(t, dir)
	p.Replace = true
	restore := x.changeThrough(&lossyGraph{readsThrough: readsThrough{x.client}, lost: map[string]bool{}, drop: true})
	sum := x.run(t, t.Context(), p, journal, Options{})
	restore()
	if sum.Errors != 0 || sum.Requeued != 2 {
		t.Fatalf("run: %+v", sum.Progress)
	}
	j := openJournal(t, journal)
	defer j.Close()
	undo, err := UndoImport(t.Context(), x.changer, j, UndoOptions{})
	if err != nil || undo.Restored != 1 || undo.Removed != 1 || undo.Unsent != 2 || len(undo.Failed) != 0 {
		t.Fatalf("undo: %+v, %v; want one restored, one removed, the two lost uploads unsent", undo, err)
	}
	perUser := map[string]int{}
	for path, n := range x.writes() {
		perUser[strings.TrimSuffix(path, "/$value")] += n
	}
	for user, n := range perUser {
		if n != 2 {
			t.Errorf("%s written %d times, want 2 (the retry and its undo)", user, n)
		}
	}
	if after, err := x.client.PhotoMeta(t.Context(), graphapi.User(ex.FullHD.ID), graphapi.SizeLargest); err != nil || after.Width != 648 {
		t.Errorf("photo after undo %+v, %v; want the 648x648 original back", after, err)
	}
}

// undoRestoresFullHD undoes the import journalled at journal, which must
// fail nowhere, and checks that the FullHD example has its 648x648
// original again.
func (x *tenant) undoRestoresFullHD(t *testing.T, journal string) {
	t.Helper()
	j := openJournal(t, journal)
	defer j.Close()
	if undo, err := UndoImport(t.Context(), x.changer, j, UndoOptions{}); err != nil || len(undo.Failed) != 0 {
		t.Fatalf("undo: %+v, %v", undo, err)
	}
	if after, err := x.client.PhotoMeta(t.Context(), graphapi.User(x.Dir.Examples().FullHD.ID), graphapi.SizeLargest); err != nil || after.Width != 648 {
		t.Errorf("photo after undo %+v, %v; want the 648x648 original back", after, err)
	}
}

// stopOnRead closes stop as the first batch's current photos are read:
// Ctrl+C before any upload of the batch has gone out.
type stopOnRead struct {
	PhotoReader
	once sync.Once
	stop chan struct{}
}

func (s *stopOnRead) PhotosBatch(ctx context.Context, subjects []graphapi.Subject, size graphapi.Size) []graphapi.PhotoResult {
	s.once.Do(func() { close(s.stop) })
	return s.PhotoReader.PhotosBatch(ctx, subjects, size)
}

// A stop that comes while a batch is being read and prepared sends none
// of it: the whole batch used to go out after Ctrl+C, and the run ended
// as if nothing had been asked. Resume sends the files.
func TestStopBeforeTheBatchGoesSendsNothing(t *testing.T) {
	x := newTenant(t)
	dir := t.TempDir()
	n := 0
	for _, u := range x.Dir.Users() {
		if u.Photo == sandbox.PhotoNone && n < 4 {
			n++
			picture(t, dir, u.UserPrincipalName+".jpg", 100, 100)
		}
	}
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	j := openJournal(t, journal)
	stop := make(chan struct{})
	sum, err := Run(t.Context(), x.plan(t, dir), Options{
		Changer: x.changer, Journal: j, Stop: stop,
		Reader: &stopOnRead{PhotoReader: x.client, stop: stop},
	})
	j.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Stopped || sum.Uploaded != 0 || x.anyWrite() {
		t.Fatalf("stopped before the batch went: %+v stopped=%v, writes %v; want stopped and nothing sent", sum.Progress, sum.Stopped, x.writes())
	}
	for _, res := range sum.Results {
		if !strings.Contains(res.Err, "not reached") {
			t.Errorf("result %+v, want not reached", res)
		}
	}
	if entries, _ := change.ReadLog(x.changer.Dir); len(entries) != 0 {
		t.Errorf("change log %+v, want nothing begun", entries)
	}
	second := x.run(t, t.Context(), x.plan(t, dir), journal, Options{Resume: true})
	if second.Uploaded != n || second.Errors != 0 {
		t.Errorf("resumed run: %+v, want all %d uploaded", second.Progress, n)
	}
}

// A stop during an import's undo lets the undos on their way finish and
// starts no more: none is cut off mid-send (Ctrl+C used to cancel them,
// leaving each in doubt), the rest are counted as left, and undoing
// again does them.
func TestStopUndoImportLeavesTheRest(t *testing.T) {
	x := newTenant(t)
	dir := t.TempDir()
	n := 0
	for _, u := range x.Dir.Users() {
		if u.Photo == sandbox.PhotoNone && n < 10 {
			n++
			picture(t, dir, u.UserPrincipalName+".jpg", 100, 100)
		}
	}
	journal := filepath.Join(t.TempDir(), "j.jsonl")
	if sum := x.run(t, t.Context(), x.plan(t, dir), journal, Options{}); sum.Uploaded != n {
		t.Fatalf("import: %+v", sum.Progress)
	}
	// Each request takes a while, so three undos are on their way when
	// the first one ends and the stop comes.
	x.SetFaults(sandbox.Faults{Latency: 20 * time.Millisecond})
	j := openJournal(t, journal)
	defer j.Close()
	stop := make(chan struct{})
	var once sync.Once
	first, err := UndoImport(t.Context(), x.changer, j, UndoOptions{Stop: stop, Progress: func(int, int) { once.Do(func() { close(stop) }) }})
	if err != nil || len(first.Failed) != 0 || first.Left == 0 || first.Removed+first.Left != n {
		t.Fatalf("stopped undo: %+v, %v; want some removed, the rest left, none failed", first, err)
	}
	entries, err := change.ReadLog(x.changer.Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Action == change.ActionUndo && e.Status != change.StatusDone {
			t.Errorf("undo %s ended %s (%s): cut off by the stop", e.ID, e.Status, e.Error)
		}
	}
	second, err := UndoImport(t.Context(), x.changer, j, UndoOptions{})
	if err != nil || second.Left != 0 || len(second.Failed) != 0 || second.Removed != first.Left {
		t.Errorf("undo again: %+v, %v; want the %d left removed", second, err, first.Left)
	}
}

// A stop that comes while the last batch's uploads are on their way lets
// them finish: nothing is left, so the run is not Stopped, but it says the
// stop came (StopCameLate) — it ended as if Ctrl+C had not been pressed.
func TestStopAfterTheLastUploadsWereSent(t *testing.T) {
	x := newTenant(t)
	dir := t.TempDir()
	n := 0
	for _, u := range x.Dir.Users() {
		if u.Photo == sandbox.PhotoNone && n < 3 {
			n++
			picture(t, dir, u.UserPrincipalName+".jpg", 100, 100)
		}
	}
	stop := make(chan struct{})
	var once sync.Once
	// Observed before the answer goes back: the stop comes while the
	// uploads (one batch of three) are on their way.
	x.Handler().Observe(func(s sandbox.Seen) {
		if s.Method == "PUT" || s.Method == "PATCH" {
			once.Do(func() { close(stop) })
		}
	})
	sum := x.run(t, t.Context(), x.plan(t, dir), filepath.Join(t.TempDir(), "j.jsonl"), Options{Stop: stop})
	select {
	case <-stop:
	default:
		t.Fatal("no upload was seen, so the stop never came")
	}
	if sum.Stopped || !sum.StopCameLate || sum.Uploaded != n || sum.Errors != 0 {
		t.Errorf("stop during the last uploads: %+v stopped=%v late=%v; want all %d uploaded, not stopped, the late stop said", sum.Progress, sum.Stopped, sum.StopCameLate, n)
	}
	// A run nobody stopped says no stop.
	if again := x.run(t, t.Context(), x.plan(t, dir), filepath.Join(t.TempDir(), "j2.jsonl"), Options{Resume: true}); again.Stopped || again.StopCameLate {
		t.Errorf("a run without a stop: stopped=%v late=%v", again.Stopped, again.StopCameLate)
	}
}
