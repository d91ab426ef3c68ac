package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/app/startup"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// readReport parses the report file and indexes it by lower-cased UPN,
// failing if anyone appears twice.
func readReport(t *testing.T, data []byte) map[string]export.Row {
	t.Helper()
	rows, err := export.ReadReport(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("report: %v", err)
	}
	out := map[string]export.Row{}
	for _, r := range rows {
		k := strings.ToLower(r.UPN)
		if k == "" {
			k = strings.ToLower(r.ID)
		}
		if _, dup := out[k]; dup {
			t.Errorf("%s is in the report twice", k)
		}
		out[k] = r
	}
	return out
}

// checkExportDir checks that ok rows' files decode at the reported size,
// other rows have no file, and nothing else (no temp file) is in dir.
func checkExportDir(t *testing.T, dir string, rows map[string]export.Row) {
	t.Helper()
	listed := map[string]bool{"report.csv": true}
	for k, r := range rows {
		if r.Status != export.StatusOK {
			if r.File != "" {
				t.Errorf("%s: %s row names file %s", k, r.Status, r.File)
			}
			continue
		}
		listed[r.File] = true
		data, err := os.ReadFile(filepath.Join(dir, r.File))
		if err != nil {
			t.Errorf("%s: %v", k, err)
			continue
		}
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %s does not decode: %v", k, r.File, err)
			continue
		}
		if b := img.Bounds(); b.Dx() != r.Width || b.Dy() != r.Height {
			t.Errorf("%s: %s is %dx%d, report says %dx%d", k, r.File, b.Dx(), b.Dy(), r.Width, r.Height)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !listed[e.Name()] {
			t.Errorf("%s is in the export folder but not in the report", e.Name())
		}
	}
}

// TestExportGroupUnderFaults is the acceptance run: a 1,000-member
// group exported while the sandbox throws 429 storms, 503/504s and corrupt
// images and enforces four concurrent photo requests. Everyone is in the
// report exactly once, and an image damaged on the way is read again,
// never saved damaged.
func TestExportGroupUnderFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 people")
	}
	tn := newTenant(t, sandbox.Options{Users: 1000, Faults: sandbox.Faults{
		MaxPhotoConcurrency: 4, ThrottleRate: 0.25, RetryAfter: "0.05",
		UnavailableRate: 0.05, CorruptRate: 0.03,
	}})
	g := tn.Dir.Examples().AllCompany
	out := t.TempDir()
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--group", g.ID, "--out", out, "--size", "64x64")
	data, err := os.ReadFile(filepath.Join(out, "report.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows := readReport(t, data)
	if len(rows) != len(g.Members) {
		t.Errorf("%d report rows for %d members", len(rows), len(g.Members))
	}
	corrupt, noPhoto, throttled := 0, 0, 0
	for _, m := range g.Members {
		if m.User == nil {
			continue
		}
		r, ok := rows[strings.ToLower(m.User.UserPrincipalName)]
		switch {
		case !ok:
			t.Errorf("%s is not in the report", m.User.UserPrincipalName)
		case r.Status == export.StatusError && strings.Contains(r.Error, "corrupt"):
			corrupt++
		case r.Status == export.StatusError && transient(r.Error):
			// Still throttled or busy after every retry in a storm where
			// almost a third of all answers are 429s, 503s or 504s: by
			// design an error row that --resume retries, never a lost
			// person. Rare (below).
			throttled++
		case r.Status == export.StatusError:
			t.Errorf("%s: unexpected error %s", m.User.UserPrincipalName, r.Error)
		case r.Status == export.StatusNoPhoto:
			noPhoto++
		}
	}
	if throttled*100 > len(g.Members) {
		t.Errorf("%d of %d people still throttled or busy after every retry; want under 1%%", throttled, len(g.Members))
	}
	if noPhoto == 0 {
		t.Error("no no-photo row; the sandbox has people without one")
	}
	// Three damaged reads in a row happen to one person in 37,000 at 3%.
	if corrupt*100 > len(g.Members) {
		t.Errorf("%d people reported with a corrupt photo at a 3%% corruption rate: damaged transfers are not read again", corrupt)
	}
	wantCode := ExitOK
	if corrupt+throttled > 0 {
		wantCode = ExitFailure // error rows, which --resume retries
	}
	if code != wantCode {
		t.Errorf("exit %d with %d error rows, want %d; stderr:\n%s", code, corrupt+throttled, wantCode, stderr)
	}
	checkExportDir(t, out, rows)
	st := tn.Stats()
	// The pacer sends a request a little before the last one's answer is
	// due (graphapi/pacer.go), so now and then one arrives while four are
	// still served and is refused by the rule — retried, never lost. What
	// must not happen is a client that floods the rule.
	photos := st.Requests[sandbox.KindPhotoBytes]
	if st.ConcurrencyThrottled*20 > photos {
		t.Errorf("%d of %d photo requests refused by the 4-concurrent rule; want under 5%% (peak %d)", st.ConcurrencyThrottled, photos, st.PeakPhotoConcurrency)
	}
	if st.Statuses[429] == 0 {
		t.Error("no 429 seen: the storm did not happen")
	}
}

// transient reports an error row of a request that was throttled or found
// the service busy on every try.
func transient(msg string) bool {
	for _, mark := range []string{"429", "throttled", "503", "504"} {
		if strings.Contains(msg, mark) {
			return true
		}
	}
	return false
}

func TestExportUsersFileAndAudit(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 40})
	ex := tn.Dir.Examples()
	list := filepath.Join(t.TempDir(), "people.csv")
	csv := "displayName,userPrincipalName\n" +
		"x," + ex.FullHD.UserPrincipalName + "\n" +
		"x," + ex.Guest.UserPrincipalName + "\n" +
		"x," + ex.NoPhoto.UserPrincipalName + "\n" +
		"x," + ex.EntraOnly.UserPrincipalName + "\n"
	if err := os.WriteFile(list, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--users-file", list, "--out", out)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(filepath.Join(out, "report.csv"))
	if !strings.HasPrefix(string(data), "id,userPrincipalName,displayName,status,size,width,height,contentType,etag,file,error,small,square,tenant\n") {
		t.Errorf("report header: %q", strings.SplitN(string(data), "\n", 2)[0])
	}
	rows := readReport(t, data)
	if len(rows) != 4 || rows[strings.ToLower(ex.NoPhoto.UserPrincipalName)].Status != export.StatusNoPhoto {
		t.Errorf("rows: %+v", rows)
	}
	checkExportDir(t, out, rows)

	// The audit: metadata only, report on stdout, no files.
	auditDir := t.TempDir()
	code, stdout, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--all-users", "--size", "none", "--out", auditDir, "--report", "-")
	if code != ExitOK {
		t.Fatalf("audit: exit %d: %s", code, stderr)
	}
	audit := readReport(t, []byte(stdout))
	if len(audit) != len(tn.Dir.Users()) {
		t.Errorf("audit has %d rows for %d users", len(audit), len(tn.Dir.Users()))
	}
	if entries, _ := os.ReadDir(auditDir); len(entries) != 0 {
		t.Errorf("the audit wrote %d files", len(entries))
	}
	if st := tn.Stats(); st.Requests[sandbox.KindPhotoBytes] != 4 {
		t.Errorf("%d photo downloads in all, want 4 (the export; the audit downloads none)", st.Requests[sandbox.KindPhotoBytes])
	}
	if !strings.Contains(stderr, "only small") || !strings.Contains(stderr, "non-square") {
		t.Errorf("audit summary missing from stderr:\n%s", stderr)
	}
}

func TestExportResume(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 60})
	out := t.TempDir()
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--all-users", "--out", out, "--size", "240x240")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	first, _ := os.ReadFile(filepath.Join(out, "report.csv"))
	firstRows := readReport(t, first)
	ok, fallbacks := 0, 0
	for _, r := range firstRows {
		if r.Status == export.StatusOK {
			ok++
			if r.Size != "240x240" {
				fallbacks++ // downloaded again: 240x240 first, then what is served
			}
		}
	}
	tn.ResetStats()
	code, _, stderr = photodesk(t, cmdOpts{env: tn.env}, "export", "--all-users", "--out", out, "--size", "240x240", "--resume")
	if code != ExitOK {
		t.Fatalf("resume: exit %d: %s", code, stderr)
	}
	second, _ := os.ReadFile(filepath.Join(out, "report.csv"))
	secondRows := readReport(t, second)
	if len(secondRows) != len(firstRows) {
		t.Errorf("resumed report has %d rows, first %d", len(secondRows), len(firstRows))
	}
	st := tn.Stats()
	if n, want := st.Requests[sandbox.KindPhotoBytes], len(firstRows)-ok+2*fallbacks; n != want {
		t.Errorf("%d downloads on resume, want %d (only the people without a photo or without 240x240 are asked again)", n, want)
	}
	if !strings.Contains(stderr, "unchanged") {
		t.Errorf("stderr does not report unchanged photos:\n%s", stderr)
	}
	checkExportDir(t, out, secondRows)
}

// TestExportInterrupt stops an export half way, as Ctrl+C does: the
// command exits 1, the report is whole and lists exactly the files kept.
func TestExportInterrupt(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 400, Faults: sandbox.Faults{Latency: 50 * time.Millisecond, ServerTime: 10 * time.Millisecond, MaxPhotoConcurrency: 4}})
	out := t.TempDir()
	p := start(t, cmdOpts{env: tn.env}, "export", "--all-users", "--out", out, "--size", "48x48")
	// Wait for the first rows to reach the report, then interrupt.
	deadline := time.Now().Add(30 * time.Second)
	for {
		data, _ := os.ReadFile(filepath.Join(out, "report.csv"))
		if bytes.Count(data, []byte("\n")) > 5 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no rows in the report after 30 s")
		}
		select {
		case <-p.done:
			t.Fatalf("export ended before it could be interrupted: %s", p.stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	p.interrupt()
	if code := p.wait(t); code != ExitFailure {
		t.Errorf("interrupted export exit %d, want 1", code)
	}
	data, _ := os.ReadFile(filepath.Join(out, "report.csv"))
	rows := readReport(t, data)
	if len(rows) == 0 || len(rows) >= 400 {
		t.Errorf("%d rows after an interrupt", len(rows))
	}
	if !strings.Contains(p.stderr.String(), "stopped") {
		t.Errorf("stderr does not say it stopped:\n%s", p.stderr.String())
	}
	checkExportDir(t, out, rows)
}

// An export stopped before anyone is finished says so, and claims no
// report: none was written.
func TestExportInterruptBeforeAnyoneFinished(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20, Faults: sandbox.Faults{ServerTime: time.Minute, MaxPhotoConcurrency: 4}})
	out := filepath.Join(t.TempDir(), "photos")
	p := start(t, cmdOpts{env: tn.env}, "export", "--all-users", "--out", out, "--size", "48x48")
	waitLine(t, p.stderr, "photodesk export: 0/", 30*time.Second) // listed; the photos are slow
	p.interrupt()
	if code := p.wait(t); code != ExitFailure {
		t.Errorf("exit %d, want 1", code)
	}
	stderr := p.stderr.String()
	if !strings.Contains(stderr, "stopped (Ctrl+C) before anyone was finished") || !strings.Contains(stderr, "no report was written") ||
		strings.Contains(stderr, "listed in the report") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "report.csv")); err == nil {
		t.Error("a report was written")
	}
}

// TestExportWithSandboxFlag runs export --sandbox: the demo account signs in
// through MSAL with Group.Read.All, so a group's members can be listed.
func TestExportWithSandboxFlag(t *testing.T) {
	sales := sandbox.NewDirectory(1, 0).Examples().Sales // what --sandbox will generate
	out := t.TempDir()
	code, stdout, stderr := photodesk(t, cmdOpts{}, "export", "--sandbox", "--group", sales.ID, "--size", "none", "--out", out, "--report", "-")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows := readReport(t, []byte(stdout))
	users := 0
	for _, m := range sales.Members {
		if m.User != nil {
			users++
			if _, ok := rows[strings.ToLower(m.User.UserPrincipalName)]; !ok {
				t.Errorf("%s missing", m.User.UserPrincipalName)
			}
		}
	}
	if users == 0 || len(rows) != len(sales.Members) {
		t.Errorf("%d rows for %d members", len(rows), len(sales.Members))
	}
}

// TestSignedInHook checks that without --graph-url or --sandbox the command
// line asks main.go's SignedIn hook. The hook is a Go value, so this runs
// in-process even when the other tests run the binary.
func TestSignedInHook(t *testing.T) {
	inProcess := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
		code := run(t.Context(), args, e)
		return code, stdout.String(), stderr.String()
	}
	code, _, stderr := inProcess("get", "--me", "--meta")
	if code != ExitFailure || !strings.Contains(stderr, "signed-in") {
		t.Errorf("no hook: exit %d, stderr %q", code, stderr)
	}
	tn := newTenant(t, sandbox.Options{Users: 20})
	var askedAPI string
	SignedIn = func(ctx context.Context, api string) (graphapi.TokenSource, string, error) {
		askedAPI = api
		return graphapi.StaticToken(tn.env[EnvAccessToken]), tn.GraphURL(api), nil
	}
	t.Cleanup(func() { SignedIn = nil })
	code, stdout, stderr := inProcess("get", "--me", "--meta", "--api", "beta")
	if code != ExitOK || askedAPI != "beta" || !strings.Contains(stdout, `"etag"`) {
		t.Errorf("with the hook: exit %d, api %q, stdout %q, stderr %q", code, askedAPI, stdout, stderr)
	}
}

// TestExportFailedRunKeepsLastReport: a run that fails before anyone is
// done (an expired token, an unknown group) must not replace the last
// report with an empty one, least of all with --resume, whose next run
// needs it; nor leave an empty report in a new folder.
func TestExportFailedRunKeepsLastReport(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	out := t.TempDir()
	report := filepath.Join(out, "report.csv")
	if code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--all-users", "--out", out, "--size", "48x48"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	before, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	rows := readReport(t, before)
	bad := map[string]string{EnvGraphURL: tn.env[EnvGraphURL], EnvAccessToken: "expired"}
	for _, extra := range [][]string{{"--resume"}, {"--force"}} {
		args := append([]string{"export", "--all-users", "--out", out, "--size", "48x48"}, extra...)
		code, _, stderr := photodesk(t, cmdOpts{env: bad}, args...)
		if code != ExitFailure || !strings.Contains(stderr, "401") {
			t.Errorf("%v with a bad token: exit %d, stderr:\n%s", extra, code, stderr)
		}
		if after, _ := os.ReadFile(report); !bytes.Equal(after, before) {
			t.Errorf("%v with a bad token replaced the last report (%d bytes) with %d bytes", extra, len(before), len(after))
		}
	}
	checkExportDir(t, out, rows)

	fresh := filepath.Join(t.TempDir(), "audit")
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--group", "00000000-0000-0000-0000-000000000000", "--out", fresh, "--size", "none")
	if code != ExitFailure {
		t.Errorf("unknown group: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(fresh, "report.csv")); err == nil {
		t.Error("a failed run left an empty report behind")
	}
}

// TestExportReportThatCannotBeWritten fails at once, before any photo is
// fetched, when --report names a folder or a folder that does not exist.
func TestExportReportThatCannotBeWritten(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20})
	dir := t.TempDir()
	for _, report := range []string{dir, filepath.Join(dir, "missing", "r.csv")} {
		tn.ResetStats()
		out := filepath.Join(t.TempDir(), "out")
		code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--all-users", "--out", out, "--report", report)
		if code != ExitFailure || strings.Count(stderr, "\n") > 2 {
			t.Errorf("--report %s: exit %d, stderr:\n%s", report, code, stderr)
		}
		if n := tn.Stats().Requests[sandbox.KindPhotoBytes]; n != 0 {
			t.Errorf("--report %s: %d photos fetched before failing", report, n)
		}
		if entries, _ := os.ReadDir(out); len(entries) != 0 {
			t.Errorf("--report %s: %d files left in the export folder", report, len(entries))
		}
	}
}

// TestExportFolderInUse is issue 14's defect 4: a second export into a
// folder another export holds is refused before any request, with a clear
// line and exit 1, and leaves the other's lock alone; a lock whose process
// is gone is taken over, and the run removes its own lock at the end.
func TestExportFolderInUse(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	out := t.TempDir()
	lockPath := filepath.Join(out, export.LockFileName)
	lock, err := export.LockFolder(out) // this test process holds it, as another export would
	if err != nil {
		t.Fatal(err)
	}
	held := strconv.Itoa(os.Getpid()) + "\n"
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--all-users", "--out", out)
	if code != ExitFailure || !strings.Contains(stderr, "is in use by another export") {
		t.Errorf("export into a locked folder: exit %d, stderr:\n%s", code, stderr)
	}
	if n := tn.Stats().Requests[sandbox.KindPhotoBytes]; n != 0 {
		t.Errorf("%d photos fetched into a folder in use", n)
	}
	if data, _ := os.ReadFile(lockPath); string(data) != held {
		t.Errorf("the other export's lock was touched: %q", data)
	}
	if _, err := os.Stat(filepath.Join(out, "report.csv")); err == nil {
		t.Error("the refused export wrote a report")
	}
	lock.Unlock()

	gone := exec.Command(os.Args[0], "-test.run=^$")
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(lockPath, []byte(strconv.Itoa(gone.Process.Pid)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = photodesk(t, cmdOpts{env: tn.env}, "export", "--all-users", "--out", out)
	if code != ExitOK {
		t.Fatalf("export over a stale lock: exit %d, stderr:\n%s", code, stderr)
	}
	data, _ := os.ReadFile(filepath.Join(out, "report.csv"))
	checkExportDir(t, out, readReport(t, data)) // the lock file is gone too
}

// TestExportReadOnlyOut is issue 14's defect 10: with --report elsewhere,
// an --out that cannot be written was found only after every download.
func TestExportReadOnlyOut(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	out := t.TempDir()
	if os.Geteuid() == 0 {
		// Permissions do not stop root; /proc takes no new files.
		if runtime.GOOS != "linux" {
			t.Skip("needs a folder root cannot write into")
		}
		out = "/proc"
	} else {
		if err := os.Chmod(out, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.Chmod(out, 0o755) })
	}
	report := filepath.Join(t.TempDir(), "report.csv")
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--all-users", "--out", out, "--report", report)
	if code != ExitFailure || !strings.Contains(stderr, "cannot write into the export folder") {
		t.Errorf("read-only --out: exit %d, stderr:\n%s", code, stderr)
	}
	if n := tn.Stats().Requests[sandbox.KindPhotoBytes]; n != 0 {
		t.Errorf("%d photos fetched before finding --out read-only", n)
	}
	if _, err := os.Stat(report); err == nil {
		t.Error("a report was written")
	}
}

// TestExportKeepsExistingFiles is issue 14's defect 6 on the command line:
// without --force a same-named file is kept, its row says exists and the
// summary counts it; --force replaces it.
func TestExportKeepsExistingFiles(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	ex := tn.Dir.Examples()
	list := filepath.Join(t.TempDir(), "people.txt")
	if err := os.WriteFile(list, []byte(ex.FullHD.UserPrincipalName+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	args := []string{"export", "--users-file", list, "--out", out}
	if code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, args...); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(filepath.Join(out, "report.csv"))
	row := readReport(t, data)[strings.ToLower(ex.FullHD.UserPrincipalName)]
	// Another export's file of the same name (no report of ours lists it).
	photo := filepath.Join(out, row.File)
	mine := []byte("not from this export")
	if err := os.WriteFile(photo, mine, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(out, "report.csv")); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, args...)
	if code != ExitOK || !strings.Contains(stderr, "1 file already there kept") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if got, _ := os.ReadFile(photo); !bytes.Equal(got, mine) {
		t.Error("the existing file was replaced without --force")
	}
	data, _ = os.ReadFile(filepath.Join(out, "report.csv"))
	if r := readReport(t, data)[strings.ToLower(ex.FullHD.UserPrincipalName)]; r.Status != export.StatusExists {
		t.Errorf("row status %q, want %q", r.Status, export.StatusExists)
	}

	// An earlier export's photo of someone not in the list: --force
	// replaces what this export writes again, and nothing else.
	other := filepath.Join(out, "someone@elsewhere.example_48x48.jpg")
	if err := os.WriteFile(other, mine, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, append(args, "--force")...); code != ExitOK {
		t.Fatalf("--force: exit %d: %s", code, stderr)
	}
	if got, _ := os.ReadFile(photo); bytes.Equal(got, mine) {
		t.Error("--force did not replace the file")
	}
	if got, _ := os.ReadFile(other); !bytes.Equal(got, mine) {
		t.Error("--force replaced a photo this export does not write")
	}
}

// TestExportKeepsLastReport is the rest of issue 14's defect 6: an
// earlier report in the way was replaced by a plain re-run. Now the run
// stops before any request and says how to go on; --force replaces it.
func TestExportKeepsLastReport(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	out := t.TempDir()
	report := filepath.Join(out, "report.csv")
	last := []byte("id,userPrincipalName\nsomeone's,earlier report\n")
	if err := os.WriteFile(report, last, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"export", "--all-users", "--out", out, "--size", "48x48"}
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, args...)
	if code != ExitUsage || !strings.Contains(stderr, "is the report of an earlier export and is kept") || !strings.Contains(stderr, "--resume") ||
		!strings.Contains(stderr, "--force replaces that report and the files this export writes again") {
		t.Errorf("re-run over a report: exit %d, stderr:\n%s", code, stderr)
	}
	if got, _ := os.ReadFile(report); !bytes.Equal(got, last) {
		t.Error("the earlier report was replaced")
	}
	if n := tn.Stats().Requests[sandbox.KindPhotoBytes]; n != 0 {
		t.Errorf("%d photos fetched before refusing", n)
	}
	if code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, append(args, "--force")...); code != ExitOK {
		t.Fatalf("--force: exit %d: %s", code, stderr)
	}
	if got, _ := os.ReadFile(report); bytes.Equal(got, last) {
		t.Error("--force kept the earlier report")
	}
}

// TestExportMaxWaitFlag is issue 14's defect 1 as a setting: --max-wait
// caps one throttling wait, so a person Graph asks to wait 30 s becomes an
// error row naming the wait (with the default minute, the export would
// wait it out), and bad values are usage errors.
func TestExportMaxWaitFlag(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 5, Faults: sandbox.Faults{ThrottleRate: 1, RetryAfter: "30"}})
	out := t.TempDir()
	list := filepath.Join(t.TempDir(), "people.txt")
	if err := os.WriteFile(list, []byte(tn.Dir.Examples().FullHD.UserPrincipalName+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--users-file", list, "--out", out,
		"--max-wait", "2s", "--max-item-wait", "5s")
	if code != ExitFailure {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "report.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for k, r := range readReport(t, data) {
		if r.Status != export.StatusError || !strings.HasPrefix(r.Error, "throttled: Graph asked to wait 30 s (more than the 2 s one wait may take)") {
			t.Errorf("%s: %s %q", k, r.Status, r.Error)
		}
	}
	for _, bad := range [][]string{{"--max-wait", "0s"}, {"--max-wait", "soon"}, {"--max-wait", "2m", "--max-item-wait", "1m"}} {
		args := append([]string{"export", "--users-file", list, "--out", t.TempDir()}, bad...)
		if code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d; stderr:\n%s", bad, code, ExitUsage, stderr)
		}
	}
}

// A list that names nobody makes an empty export, and says why.
func TestExportOfAnEmptyListSaysSo(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	list := filepath.Join(t.TempDir(), "people.txt")
	if err := os.WriteFile(list, []byte("\n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--users-file", list, "--out", t.TempDir())
	if code != ExitOK || !strings.Contains(stderr, "names nobody") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestExportGroupByNameSaysItTakesAnID: --group "New Hires" (a group's
// name, what a helpdesk person knows it by) was answered "Not found: no
// such user, group or contact in this tenant (it may have been deleted)",
// which sends them looking for a deleted group. Graph reads a group by
// its object id only; the command line says so, and where to find it —
// before any request, with a usage error, as get, set and remove do.
func TestExportGroupByNameSaysItTakesAnID(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	name := tn.Dir.Examples().NewHires.DisplayName
	log := watch(t, tn)
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--group", name, "--out", t.TempDir())
	if code != ExitUsage {
		t.Errorf("exit %d, want %d", code, ExitUsage)
	}
	log.mu.Lock()
	if n := len(log.seen); n != 0 {
		t.Errorf("%d requests sent for a name given as --group", n)
	}
	log.mu.Unlock()
	if !strings.Contains(stderr, "--group takes the group's object id") || strings.Contains(stderr, "may have been deleted") {
		t.Errorf("want it to say --group takes an object id, not that the group may be deleted; stderr:\n%s", stderr)
	}
}

// TestExportGroupCountsMembers: New Hires has a nested group, Interns,
// which the export skips; the progress and closing lines counted it among
// "the 13 people". They count members, and say so.
func TestExportGroupCountsMembers(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 60})
	g := tn.Dir.Examples().NewHires
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--group", g.ID, "--out", t.TempDir(), "--size", "none")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	n := len(g.Members)
	for _, want := range []string{
		fmt.Sprintf("%d/%d members ", n, n),
		fmt.Sprintf("export: %d members: ", n),
		"1 skipped (not a user)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "people") {
		t.Errorf("a group's members, a nested group among them, are counted as people:\n%s", stderr)
	}
	if strings.Contains(stderr, "+ member ") {
		t.Errorf("a total still growing (\"1+\") is counted as one member:\n%s", stderr)
	}
}

// TestSandboxFlagTakesTheDemosPeople: --sandbox is the demo, and the demo
// has as many people as PHOTODESK_SANDBOX_USERS says, as the window's and
// the command line's that follows the window's account do; it had the
// default 200 whatever was asked. A value that is not a number of people
// is a usage error, as a bad PHOTODESK_SANDBOX_FAULTS is.
func TestSandboxFlagTakesTheDemosPeople(t *testing.T) {
	out := t.TempDir()
	env := map[string]string{startup.EnvSandboxUsers: "300"}
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "export", "--sandbox", "--all-users", "--size", "none", "--out", out)
	if code != ExitOK || !strings.Contains(stderr, "export: 305 people:") {
		t.Errorf("export --sandbox of everyone with %s=300: exit %d, stderr:\n%s\nwant 305 people (300 and the demo's own)", startup.EnvSandboxUsers, code, stderr)
	}
	env[startup.EnvSandboxUsers] = "lots"
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "get", "--sandbox", "--me", "--meta"); code != ExitUsage || !strings.Contains(stderr, startup.EnvSandboxUsers) {
		t.Errorf("%s=lots: exit %d, stderr %q; want a usage error naming it", startup.EnvSandboxUsers, code, stderr)
	}
}

// TestExportOfMissingGroupPrintsOnlyTheError: a group id that is no
// group's printed "0/0 members …" twice, "0 members: 0 with a photo…" and
// "nobody finished: no report was written" above Graph's 404, which read
// as an export of an empty group. The error alone is printed.
func TestExportOfMissingGroupPrintsOnlyTheError(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--group", "00000000-0000-0000-0000-00000000dead", "--out", out)
	first, _, _ := strings.Cut(stderr, "\n")
	if code != ExitFailure || stdout != "" || !strings.HasPrefix(first, "photodesk export: Not found") ||
		strings.Count(stderr, "photodesk export:") != 1 || strings.Contains(stderr, "0 members") {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 1 and the error alone", code, stdout, stderr)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the export folder %s is left behind (%v)", out, err)
	}
}

// TestExportResumeRefusesAnotherTenantsReport: --resume over a folder of
// another tenant's export mixed both tenants' files and rows without a
// word. The report records the tenant, and a resume signed in to another
// is refused, naming both, before anything is fetched; a report from
// before the tenant column is resumed as it always was.
func TestExportResumeRefusesAnotherTenantsReport(t *testing.T) {
	a := newTenant(t, sandbox.Options{Users: 10})
	b := newTenant(t, sandbox.Options{Users: 10, Seed: 2})
	if a.TenantID() == b.TenantID() {
		t.Fatal("both sandboxes are one tenant")
	}
	out := t.TempDir()
	report := filepath.Join(out, "report.csv")
	if code, _, stderr := photodesk(t, cmdOpts{env: a.env}, "export", "--all-users", "--size", "48x48", "--out", out); code != ExitOK {
		t.Fatalf("tenant A's export: exit %d, stderr %s", code, stderr)
	}
	before, _ := os.ReadFile(report)
	if !strings.Contains(string(before), ","+a.TenantID()+"\n") {
		t.Fatalf("the report does not record tenant %s:\n%s", a.TenantID(), before)
	}
	files, _ := os.ReadDir(out)

	log := watch(t, b)
	code, _, stderr := photodesk(t, cmdOpts{env: b.env}, "export", "--all-users", "--size", "48x48", "--out", out, "--resume")
	if code != ExitFailure || !strings.Contains(stderr, a.TenantID()) || !strings.Contains(stderr, b.TenantID()) || !strings.Contains(stderr, "mix both tenants") {
		t.Errorf("resume in tenant B: exit %d, stderr:\n%s\nwant 1 and both tenants named", code, stderr)
	}
	log.mu.Lock()
	n := len(log.seen)
	log.mu.Unlock()
	if n != 0 {
		t.Errorf("the refused resume sent %d requests", n)
	}
	after, _ := os.ReadFile(report)
	if again, _ := os.ReadDir(out); string(after) != string(before) || len(again) != len(files) {
		t.Errorf("the refused resume changed the folder: %d files then %d, report changed %v", len(files), len(again), string(after) != string(before))
	}

	// A report written before the column: resumable, and it records the
	// tenant from now on.
	var old []string
	for _, line := range strings.Split(strings.TrimSuffix(string(before), "\n"), "\n") {
		old = append(old, line[:strings.LastIndex(line, ",")])
	}
	if err := os.WriteFile(report, []byte(strings.Join(old, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := photodesk(t, cmdOpts{env: a.env}, "export", "--all-users", "--size", "48x48", "--out", out, "--resume"); code != ExitOK {
		t.Errorf("resume of a report without the tenant column: exit %d, stderr %s", code, stderr)
	}
	if data, _ := os.ReadFile(report); !strings.Contains(string(data), ","+a.TenantID()+"\n") {
		t.Errorf("the resumed report does not record the tenant:\n%s", data)
	}
}

// TestListMistakeIsSaidBeforeTheLastReport: a --users-file that is not
// there (a name mistyped) into a folder an earlier export left its report
// in was answered "report.csv is the report of an earlier export and is
// kept: --resume continues that export, --force replaces …", a usage
// error pointing at the wrong thing; following it (--force, --resume) only
// then said the list was missing. The list is read first, so what is wrong
// with it is said first, and the earlier report is left alone.
func TestListMistakeIsSaidBeforeTheLastReport(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	out := t.TempDir()
	report := filepath.Join(out, "report.csv")
	earlier := strings.Join(export.ReportHeader, ",") + "\n"
	if err := os.WriteFile(report, []byte(earlier), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "peple.txt")
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--users-file", missing, "--out", out)
	if code != ExitFailure || !strings.Contains(stderr, "peple.txt") || strings.Contains(stderr, "earlier export") {
		t.Errorf("exit %d, want %d naming the missing list, not the earlier report; stderr:\n%s", code, ExitFailure, stderr)
	}
	if data, err := os.ReadFile(report); err != nil || string(data) != earlier {
		t.Errorf("earlier report now %q (%v)", data, err)
	}
}
