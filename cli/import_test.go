package cli

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/photodesk/photodesk/app/importer"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/internal/testkit"
)

// requestLog records the sandbox's requests while a test runs.
type requestLog struct {
	mu   sync.Mutex
	seen []sandbox.Seen
}

func watch(t *testing.T, tn *tenant) *requestLog {
	l := &requestLog{}
	tn.Handler().Observe(func(s sandbox.Seen) {
		l.mu.Lock()
		l.seen = append(l.seen, s)
		l.mu.Unlock()
	})
	t.Cleanup(func() { tn.Handler().Observe(nil) })
	return l
}

// writes counts writes Graph took, by path.
func (l *requestLog) writes() map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[string]int{}
	for _, s := range l.seen {
		if s.Method == "PUT" || s.Method == "PATCH" || s.Method == "DELETE" {
			out[s.Method+" "+s.Path]++
		}
	}
	return out
}

// reportStatuses reads an import report: status by file.
func reportStatuses(t *testing.T, path string) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil || len(recs) == 0 || recs[0][0] != "file" || recs[0][1] != "status" {
		t.Fatalf("report %q: %v", raw, err)
	}
	out := map[string]string{}
	for _, r := range recs[1:] {
		out[r[0]] = r[1]
	}
	return out
}

// --dry-run looks people up and writes the report, and the sandbox's
// request log shows no write at all.
func TestImportDryRunSendsNoWrite(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	ex := tn.Dir.Examples()
	dir := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg", "Adele Vance.jpg", "Nobody Known.jpg")
	log := watch(t, tn)
	report := filepath.Join(t.TempDir(), "dry.csv")
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--dry-run", "--report", report, "--backup", t.TempDir())
	if code != ExitOK || !strings.Contains(stderr, "nothing was sent") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if w := log.writes(); len(w) != 0 {
		t.Errorf("a dry run sent writes: %v", w)
	}
	got := reportStatuses(t, report)
	want := map[string]string{ex.NoPhoto.UserPrincipalName + ".jpg": "matched", "Adele Vance.jpg": "skipped", "Nobody Known.jpg": "unmatched"}
	for f, st := range want {
		if got[f] != st {
			t.Errorf("%s: %q, want %q (report %v)", f, got[f], st, got)
		}
	}
	if _, err := os.Stat(strings.TrimSuffix(report, ".csv") + ".journal.jsonl"); err == nil {
		t.Error("a dry run left a journal")
	}
}

// An import uploads, a --resume sends nothing again, --undo removes what
// it added; the default report lands next to the folder.
func TestImportResumeUndo(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	ex := tn.Dir.Examples()
	dir := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg", "Grady Archie.jpg", "Nobody Known.jpg")
	backups := t.TempDir()
	log := watch(t, tn)
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--backup", backups)
	if code != ExitOK || !strings.Contains(stderr, "undo with: photodesk import --undo") {
		t.Fatalf("import: exit %d, stderr %q; want the undo command", code, stderr)
	}
	report := dir + "-import.csv"
	if got := reportStatuses(t, report); got[ex.NoPhoto.UserPrincipalName+".jpg"] != "uploaded" || got["Grady Archie.jpg"] != "uploaded" || got["Nobody Known.jpg"] != "unmatched" {
		t.Errorf("report %v", got)
	}
	if n := len(log.writes()); n != 2 {
		t.Errorf("%d writes, want 2", n)
	}
	code, _, stderr = photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--backup", backups, "--resume")
	if code != ExitOK || !strings.Contains(stderr, "2 sent by the earlier run") {
		t.Fatalf("resume: exit %d, stderr %q", code, stderr)
	}
	for w, n := range log.writes() {
		if n != 1 {
			t.Errorf("%s sent %d times", w, n)
		}
	}
	code, _, stderr = photodesk(t, cmdOpts{env: env}, "import", "--undo", report, "--backup", backups)
	if code != ExitOK || !strings.Contains(stderr, "2 photos the import added removed") {
		t.Fatalf("undo: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := photodesk(t, cmdOpts{env: env}, "get", "--user", ex.NoPhoto.UserPrincipalName, "--meta"); code != ExitNoPhoto {
		t.Errorf("after undo: get exit %d, want no photo", code)
	}
}

// TestImportResumeWithNothingToResume: --resume with no earlier import
// started afresh without a word (export --resume says so), and a run that
// sent nothing printed "undo with: …" all the same. Here the one file
// that matches someone is skipped (she has a photo; no --replace).
func TestImportResumeWithNothingToResume(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	dir := testkit.PhotoFolder(t, "Adele Vance.jpg", "Nobody Known.jpg")
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--backup", t.TempDir(), "--resume")
	if code != ExitOK || !strings.Contains(stderr, "no earlier import at "+dir+"-import.csv") {
		t.Errorf("exit %d, stderr:\n%s\nwant 0 and no earlier import said", code, stderr)
	}
	if strings.Contains(stderr, "undo") || !strings.Contains(stderr, "report: "+dir+"-import.csv") {
		t.Errorf("stderr:\n%s\nwant the report and no undo command: nothing was sent", stderr)
	}
}

// A refused upload fails the run (exit 1) and is an error row; usage
// mistakes are exit 2.
func TestImportExitCodes(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.FrontdeskUPN) // no role: Graph refuses others' photos
	ex := tn.Dir.Examples()
	dir := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg")
	report := filepath.Join(t.TempDir(), "r.csv")
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--report", report, "--backup", t.TempDir())
	if code != ExitFailure || reportStatuses(t, report)[ex.NoPhoto.UserPrincipalName+".jpg"] != "error" {
		t.Errorf("refused upload: exit %d, stderr %q", code, stderr)
	}
	for _, args := range [][]string{
		{"import"},
		{"import", "--folder", dir, "--match", "upn,shoesize"},
		{"import", "--folder", dir, "--dry-run", "--resume"},
		{"import", "--undo", report, "--folder", dir},
		{"import", "--folder", dir, "--dry-run", "--report", filepath.Join(t.TempDir(), "missing", "r.csv")},
		{"import", "--folder", string(filepath.Separator), "--dry-run"}, // no folder around it for the report
	} {
		if code, _, stderr := photodesk(t, cmdOpts{env: env}, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, stderr %q; want 2", args, code, stderr)
		}
	}
	empty := t.TempDir()
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", empty, "--dry-run"); code != ExitOK || !strings.Contains(stderr, "holds no files to import") {
		t.Errorf("empty folder: exit %d, stderr %q; want it said", code, stderr)
	}
}

// The journal next to a report is shared by whoever imports: an --undo
// in another tenant (or by another account) leaves the first one's lines
// alone and says so, rather than failing on every one; the first
// tenant's undo still works. (Sandboxes of one seed are one tenant, with
// the same ids, so the other is seeded differently.)
func TestImportUndoInAnotherTenant(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	ex := tn.Dir.Examples()
	dir := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg")
	backups := t.TempDir()
	first := writeEnv(t, tn, identity.DemoUPN)
	if code, _, stderr := photodesk(t, cmdOpts{env: first}, "import", "--folder", dir, "--backup", backups); code != ExitOK {
		t.Fatalf("import: exit %d, stderr %q", code, stderr)
	}
	report := dir + "-import.csv"
	other := newTenant(t, sandbox.Options{Users: 30, Seed: 2})
	code, _, stderr := photodesk(t, cmdOpts{env: writeEnv(t, other, identity.DemoUPN)}, "import", "--undo", report, "--backup", backups)
	if code != ExitOK || !strings.Contains(stderr, "undo: 1 photo change was made by another account or in another tenant") || !strings.Contains(stderr, "0 photos the import added removed") {
		t.Fatalf("another tenant's undo: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = photodesk(t, cmdOpts{env: first}, "import", "--undo", report, "--backup", backups)
	if code != ExitOK || !strings.Contains(stderr, "1 photo the import added removed") || strings.Contains(stderr, "another tenant") {
		t.Fatalf("own undo: exit %d, stderr %q", code, stderr)
	}
}

// An import never overwrites an earlier import's report (the record of
// what it sent; its journal lies beside it) unless it resumes that import
// or --force says so; a dry run's report is simply replaced; a folder
// given as the report is refused before any request.
func TestImportKeepsAnEarlierReport(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	ex := tn.Dir.Examples()
	dir := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg")
	env := writeEnv(t, tn, identity.DemoUPN)
	report := dir + "-import.csv"
	// A dry run's report, then the import itself: the README's two lines.
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--dry-run", "--backup", t.TempDir()); code != ExitOK {
		t.Fatalf("dry run: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--dry-run", "--backup", t.TempDir()); code != ExitOK {
		t.Fatalf("a second dry run over the first's report: exit %d, stderr %q", code, stderr)
	}
	backups := t.TempDir()
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--backup", backups); code != ExitOK {
		t.Fatalf("the import after its dry run: exit %d, stderr %q", code, stderr)
	}
	if err := os.WriteFile(report, []byte("precious"), 0o600); err != nil { // stands for the import's record
		t.Fatal(err)
	}
	tn.ResetStats()
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--dry-run", "--backup", t.TempDir())
	if code != ExitUsage || !strings.Contains(stderr, "--force") || !strings.Contains(stderr, "--report") || strings.Contains(stderr, "--resume") {
		t.Errorf("dry run over an earlier report: exit %d, stderr %q; want 2 naming --force and --report, not --resume (a dry run cannot resume)", code, stderr)
	}
	if data, _ := os.ReadFile(report); string(data) != "precious" {
		t.Errorf("the earlier report was replaced: %q", data)
	}
	if n := tn.Stats().Requests[sandbox.KindBatch] + tn.Stats().Requests[sandbox.KindUsers]; n != 0 {
		t.Errorf("%d lookups before the refusal", n)
	}
	code, _, stderr = photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--dry-run", "--report", t.TempDir())
	if code != ExitUsage || !strings.Contains(stderr, "is a folder") {
		t.Errorf("a folder as --report: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--dry-run", "--force", "--backup", t.TempDir()); code != ExitOK {
		t.Fatalf("--force: exit %d, stderr %q", code, stderr)
	}
	if data, _ := os.ReadFile(report); string(data) == "precious" {
		t.Error("--force did not replace the report")
	}
}

// One file name with a line break in a folder of good ones (the tester's
// $'new\nline.jpg') is an unmatched row saying why; the dry run goes on
// for the others instead of failing on Graph's 400 with no report.
func TestImportDryRunTakesANewlineInAName(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	ex := tn.Dir.Examples()
	dir := testkit.PhotoFolder(t, "new\nline.jpg", ex.NoPhoto.UserPrincipalName+".jpg", "Grady Archie.jpg")
	report := filepath.Join(t.TempDir(), "dry.csv")
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--dry-run", "--report", report, "--backup", t.TempDir())
	if code != ExitOK || !strings.Contains(stderr, "no match 1") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	raw, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, r := range recs[1:] {
		rows[r[0]] = r
	}
	if r := rows["new\nline.jpg"]; r == nil || r[1] != "unmatched" || !strings.Contains(r[10], "line break") {
		t.Errorf("the newline's row: %q", r)
	}
	for _, f := range []string{ex.NoPhoto.UserPrincipalName + ".jpg", "Grady Archie.jpg"} {
		if r := rows[f]; r == nil || r[1] != "matched" {
			t.Errorf("%s: %q, want matched", f, r)
		}
	}
}

// One file is "1 file", not "1 files": in the preview's count and in the
// failed run's line (TestImportUndoInAnotherTenant has the undo's "1
// photo").
func TestImportCountsSayOneFile(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.FrontdeskUPN) // no role: Graph refuses others' photos
	ex := tn.Dir.Examples()
	dir := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg")
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--report", filepath.Join(t.TempDir(), "r.csv"), "--backup", t.TempDir())
	if code != ExitFailure {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"1 file: will upload 1,", "1 file could not be uploaded:"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q, want %q", stderr, want)
		}
	}
	if strings.Contains(stderr, "1 files") {
		t.Errorf("stderr %q says 1 files", stderr)
	}
}

// The undo of an import finds its changes only in the change log of the
// backups folder the import used: the command the import prints names
// that folder, an undo given another folder says so (naming the folder
// the journal's backups are in) and sends nothing, and an undo of an
// import undone already says there is nothing left to undo.
func TestImportUndoNeedsTheImportsBackupFolder(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	ex := tn.Dir.Examples()
	dir := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg", ex.FullHD.UserPrincipalName+".jpg")
	backups := filepath.Join(t.TempDir(), "import backups")
	report := filepath.Join(t.TempDir(), "import.csv")
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--replace", "--report", report, "--backup", backups)
	if code != ExitOK {
		t.Fatalf("import: exit %d, stderr %q", code, stderr)
	}
	if want := "undo with: photodesk import --undo " + report + " --backup '" + backups + "'"; !strings.Contains(stderr, want) {
		t.Errorf("import's stderr %q\ndoes not print %q", stderr, want)
	}

	log := watch(t, tn)
	code, _, stderr = photodesk(t, cmdOpts{env: env}, "import", "--undo", report, "--backup", t.TempDir())
	if code != ExitFailure || !strings.Contains(stderr, "holds none of this import's changes") || !strings.Contains(stderr, "--backup '"+backups+"'") {
		t.Errorf("undo with another backups folder: exit %d, stderr %q; want 1, saying so and naming %s", code, stderr, backups)
	}
	if w := log.writes(); len(w) != 0 {
		t.Errorf("undo with another backups folder sent %v", w)
	}

	code, _, stderr = photodesk(t, cmdOpts{env: env}, "import", "--undo", report, "--backup", backups)
	if code != ExitOK || !strings.Contains(stderr, "1 photo put back from backups, 1 photo the import added removed") {
		t.Fatalf("undo: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = photodesk(t, cmdOpts{env: env}, "import", "--undo", report, "--backup", backups)
	if code != ExitOK || !strings.Contains(stderr, "nothing to undo") {
		t.Errorf("undo again: exit %d, stderr %q; want 0 and nothing to undo", code, stderr)
	}
}

// A photo of an import undone since with photodesk undo is not counted
// as removed by the import's undo, which sent nothing for it: the undo
// used to report "2 photos the import added removed" for two photos
// photodesk undo had removed.
func TestImportUndoAfterPhotodeskUndo(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	ex := tn.Dir.Examples()
	dir := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg", ex.LegacyNoPhoto.UserPrincipalName+".jpg")
	backups, report := t.TempDir(), filepath.Join(t.TempDir(), "import.csv")
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--report", report, "--backup", backups); code != ExitOK {
		t.Fatalf("import: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "undo", "--backup", backups); code != ExitOK {
		t.Fatalf("undo: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--undo", report, "--backup", backups)
	if code != ExitOK || !strings.Contains(stderr, "0 photos put back from backups, 1 photo the import added removed") ||
		!strings.Contains(stderr, "1 change was undone already") {
		t.Errorf("import undo after one photodesk undo: exit %d, stderr %q; want one removed, one undone already", code, stderr)
	}

	dir = testkit.PhotoFolder(t, ex.GetUserPhoto.UserPrincipalName+".jpg")
	report = filepath.Join(t.TempDir(), "import.csv")
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--report", report, "--backup", backups); code != ExitOK {
		t.Fatalf("second import: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "undo", "--backup", backups); code != ExitOK {
		t.Fatalf("undo: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = photodesk(t, cmdOpts{env: env}, "import", "--undo", report, "--backup", backups)
	if code != ExitOK || strings.Contains(stderr, "removed") || !strings.Contains(stderr, "nothing to undo") {
		t.Errorf("import undo after photodesk undo undid it all: exit %d, stderr %q; want nothing to undo", code, stderr)
	}
}

// An import stopped before its first upload leaves an empty journal: its
// undo says there is nothing to undo (it used to say there was no
// journal, beside the file). A journal with no line that can be read is
// damaged, and says so; a missing one is still "no import journal".
func TestImportUndoOfAnEmptyOrDamagedJournal(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	dir := t.TempDir()
	for i, c := range []struct {
		name, body string
		code       int
		want       string
	}{
		{"empty", "", ExitOK, "nothing to undo: the journal at"},
		{"damaged", "{\"file\":\"a.jp", ExitFailure, "it is damaged"},
		{"missing", "-", ExitFailure, "no import journal at"},
	} {
		report := filepath.Join(dir, fmt.Sprintf("import%d.csv", i)) // a name that says nothing of the case
		if c.body != "-" {
			if err := os.WriteFile(importer.JournalPath(report), []byte(c.body), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--undo", report, "--backup", t.TempDir())
		if code != c.code || !strings.Contains(strings.ToLower(stderr), c.want) {
			t.Errorf("%s journal: exit %d, stderr %q; want %d and %q", c.name, code, stderr, c.code, c.want)
		}
	}
}

// A path printed in a command to paste reads back as the same path in a
// POSIX shell: a backslash or a newline left bare was taken by the shell.
func TestCommandWordQuotesForTheShell(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX shell quoting")
	}
	for _, path := range []string{"/tmp/plain", `/tmp/back\slash`, "/tmp/new\nline", "/tmp/it's here", "/tmp/a b"} {
		out, err := exec.Command("sh", "-c", `printf %s `+commandWord(path)).Output()
		if err != nil {
			t.Fatalf("%q: %v", path, err)
		}
		if string(out) != path {
			t.Errorf("commandWord(%q) = %s reads back as %q", path, commandWord(path), out)
		}
	}
}

// A Ctrl+C that came once the last uploads were on their way (they
// finished, nothing was left) is said, and the exit code is what the run
// earned: 0 when every file was done, 1 when one failed. The run used to
// end as if it had not been pressed.
func TestImportSaysACtrlCAfterTheLastUploads(t *testing.T) {
	for _, c := range []struct {
		errors, code int
	}{{0, ExitOK}, {1, ExitFailure}} {
		var stderr strings.Builder
		sum := &importer.Summary{StopCameLate: true}
		sum.Uploaded, sum.Errors = 3, c.errors
		code := importEnd(&env{stderr: &stderr}, sum)
		if code != c.code || !strings.Contains(stderr.String(), "Ctrl+C came after the last uploads were sent: they finished") ||
			strings.Contains(stderr.String(), "--resume") {
			t.Errorf("%d errors: exit %d, stderr %q; want %d and the late Ctrl+C said", c.errors, code, stderr.String(), c.code)
		}
	}
	var stderr strings.Builder
	if code := importEnd(&env{stderr: &stderr}, &importer.Summary{}); code != ExitOK || stderr.Len() != 0 {
		t.Errorf("a run without Ctrl+C: exit %d, stderr %q; want 0 and nothing said", code, stderr.String())
	}
}

// The files a stopped import did not reach are counted apart from those
// left out (no match, invalid, unticked): they read "skipped" with them,
// as if they had never been meant to go, though --resume sends them.
func TestImportResultLineSaysWhatWasNotReached(t *testing.T) {
	sum := &importer.Summary{Stopped: true, NotReached: 54}
	sum.Skipped = 11
	if got, want := resultLine(sum), "uploaded 0, replaced 0, skipped 11, not reached 54 (not sent: --resume sends them), errors 0"; !strings.HasPrefix(got, want) {
		t.Errorf("result line %q, want it to start %q", got, want)
	}
}
