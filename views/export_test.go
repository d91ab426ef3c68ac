package views

import (
	"encoding/csv"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/views/widgets"
)

// exportFinished reports whether the export dialog shows its summary.
func (h *harness) exportFinished() bool {
	r := h.dialogs.export
	return r != nil && r.button.Text == "Close"
}

func TestExportTheListedPeople(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	ex := h.tenant.Dir.Examples()
	list := filepath.Join(t.TempDir(), "people.txt")
	upns := []string{ex.FullHD.UserPrincipalName, ex.NoPhoto.UserPrincipalName, ex.Guest.UserPrincipalName}
	if err := os.WriteFile(list, []byte(strings.Join(upns, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	h.drop(list)
	h.waitFor("the dropped list", func() bool { return len(h.m.sidebar.results) == 3 })

	out := filepath.Join(t.TempDir(), "out")
	test.Tap(h.m.tools.export)
	h.waitFor("the export form", func() bool { return h.overlayButton("Start") != nil })
	form := h.dialogs.exportSet
	if form.source.Selected != "The 3 people listed" {
		t.Errorf("default source = %q, want the listed people", form.source.Selected)
	}
	form.folder.SetText(out)
	h.tapDialogButton("Start")
	h.waitFor("the export summary", h.exportFinished)

	summary := h.dialogs.export.text.Text
	if !strings.HasPrefix(summary, "Done: 3 people — 2 with a photo, 1 without, 0 errors.") {
		t.Errorf("summary = %q", summary)
	}
	rows := readReport(t, h.dialogs.export.report)
	if len(rows) != 4 { // header + one row a person
		t.Fatalf("report has %d lines, want 4: %v", len(rows), rows)
	}
	photos := 0
	for _, name := range dirNames(t, out) {
		if !strings.HasSuffix(name, ".csv") {
			photos++
		}
	}
	if photos != 2 {
		t.Errorf("%d photo files, want 2", photos)
	}
}

// TestExportTheListedGroups: with groups listed, Export… offered only
// the members of the group open and every user; the groups' own photos,
// what a list of groups is for, could not be exported. It is the first
// choice, and gives one row and file a group, named after its mail.
func TestExportTheListedGroups(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.listGroups()
	n := len(h.m.sidebar.results)

	out := filepath.Join(t.TempDir(), "out")
	test.Tap(h.m.tools.export)
	h.waitFor("the export form", func() bool { return h.overlayButton("Start") != nil })
	form := h.dialogs.exportSet
	if want := h.m.sidebar.listedLabel(plural(n, "group", "groups")) + " — their own photos"; form.source.Selected != want {
		t.Errorf("default source = %q, want %q (choices %q)", form.source.Selected, want, form.source.Options)
	}
	form.folder.SetText(out)
	h.tapDialogButton("Start")
	h.waitFor("the export summary", h.exportFinished)

	if summary := h.dialogs.export.text.Text; !strings.HasPrefix(summary, fmt.Sprintf("Done: %d groups — ", n)) || !strings.Contains(summary, " 0 errors") {
		t.Errorf("summary = %q", summary)
	}
	if rows := readReport(t, h.dialogs.export.report); len(rows) != n+1 {
		t.Errorf("report has %d lines, want a header and one a group (%d): %v", len(rows), n, rows)
	}
	sales := h.tenant.Dir.Examples().Sales
	if !slices.ContainsFunc(dirNames(t, out), func(name string) bool { return strings.HasPrefix(name, app.SafeFileName(sales.Mail)+"_") }) {
		t.Errorf("no photo file of Sales named after %s in %v", sales.Mail, dirNames(t, out))
	}
}

func TestExportCancel(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	h.tenant.SetFaults(sandbox.Faults{Latency: 100 * time.Millisecond})
	form := newExportForm(h.m)
	form.source.SetSelected(exportAllUsers)
	form.size.SetSelected(exportSizeAudit)
	form.folder.SetText(t.TempDir())
	opts, err := form.options()
	if err != nil {
		t.Fatal(err)
	}
	h.m.startExport(opts)
	h.waitFor("some progress", func() bool { return strings.Contains(h.dialogs.export.text.Text, "people") })
	test.Tap(h.dialogs.export.button)
	h.waitFor("the export to stop", h.exportFinished)
	if text := h.dialogs.export.text.Text; !strings.HasPrefix(text, "Stopped early") {
		t.Errorf("summary = %q, want it to say the export stopped early", text)
	}
}

func readReport(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// startExportInto runs an export of the listed examples into out from the
// window, as the Export… form would start it, and waits for its summary.
func (h *harness) startExportInto(out string, upns ...string) string {
	h.t.Helper()
	opts := export.Options{Source: export.Source{People: upns}, Sizes: export.Sizes{Mode: export.ModeOne}, Dir: out}
	h.m.startExport(opts)
	h.waitFor("the export summary", h.exportFinished)
	return h.dialogs.export.text.Text
}

// TestExportGroupCountsMembers: a group's export counted its nested group,
// shown as skipped, among "the 13 people". The dialog counts members, as
// it runs and at the end.
func TestExportGroupCountsMembers(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	g := h.tenant.Dir.Examples().NewHires
	h.m.startExport(export.Options{Source: export.Source{GroupID: g.ID}, Sizes: export.Sizes{Mode: export.ModeNone}, Dir: t.TempDir()})
	h.waitFor("the export summary", h.exportFinished)
	n := len(g.Members)
	text := h.dialogs.export.text.Text
	if want := fmt.Sprintf("Done: %d members — ", n); !strings.HasPrefix(text, want) || strings.Contains(text, "people") {
		t.Errorf("summary %q, want it to start %q and count no people", text, want)
	}
	if !strings.Contains(text, "1 skipped (not a user)") {
		t.Errorf("summary %q does not name the skipped member", text)
	}
	h.dialogs.export.render(export.Progress{Members: true, Done: 3, Total: n, TotalKnown: true, OK: 2, Skipped: 1})
	if got, want := h.dialogs.export.text.Text, fmt.Sprintf("3 of %d members: ", n); !strings.HasPrefix(got, want) {
		t.Errorf("progress %q, want it to start %q", got, want)
	}
}

// TestExportFolderInUse is issue 14's defect 4 in the window: an export
// into a folder another export holds is refused, and the dialog says so.
func TestExportFolderInUse(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	out := t.TempDir()
	lock, err := export.LockFolder(out) // held as another export would hold it
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	h.tenant.ResetStats()
	text := h.startExportInto(out, h.tenant.Dir.Examples().FullHD.UserPrincipalName)
	if !strings.Contains(text, "in use by another export") {
		t.Errorf("dialog says %q, want it to say the folder is in use", text)
	}
	if n := h.tenant.Stats().Requests[sandbox.KindPhotoBytes]; n != 0 {
		t.Errorf("%d photos fetched into a folder in use", n)
	}
	if names := dirNames(t, out); len(names) != 1 {
		t.Errorf("folder holds %v, want only the other export's lock", names)
	}
}

// TestExportKeepsExistingFiles is issue 14's defect 6 in the window: a
// second export into the same folder keeps the files already there and
// counts them in its summary.
func TestExportKeepsExistingFiles(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	out := t.TempDir()
	upn := h.tenant.Dir.Examples().FullHD.UserPrincipalName
	if text := h.startExportInto(out, upn); !strings.HasPrefix(text, "Done: 1 person — 1 with a photo") {
		t.Fatalf("first export: %q", text)
	}
	var photo string
	for _, name := range dirNames(t, out) {
		if !strings.HasSuffix(name, ".csv") {
			photo = filepath.Join(out, name)
		}
	}
	mine := []byte("not this export's file")
	if err := os.WriteFile(photo, mine, 0o600); err != nil {
		t.Fatal(err)
	}
	h.dialogs.export.dialog.Hide()
	text := h.startExportInto(out, upn)
	if !strings.Contains(text, "1 file already in the folder was kept") {
		t.Errorf("summary %q does not count the kept file", text)
	}
	if got, _ := os.ReadFile(photo); string(got) != string(mine) {
		t.Error("the window replaced a file it had not written")
	}
}

// TestExportThrottledForADay is issue 14's defect 1 in the window: people
// whose lookup Graph answers with Retry-After: 86000 end as error rows at
// once instead of an export that waits almost a day.
func TestExportThrottledForADay(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	h.tenant.SetFaults(sandbox.Faults{ThrottleRate: 1, RetryAfter: "86000"})
	ex := h.tenant.Dir.Examples()
	text := h.startExportInto(t.TempDir(), ex.FullHD.UserPrincipalName, ex.Guest.UserPrincipalName)
	if !strings.HasPrefix(text, "Done: 2 people — 0 with a photo, 0 without, 2 errors.") {
		t.Errorf("summary = %q", text)
	}
	rows := readReport(t, h.dialogs.export.report)
	for _, row := range rows[1:] {
		if !strings.HasPrefix(row[10], "throttled: Graph asked to wait 23 h 53 min") {
			t.Errorf("row %v: want the throttling reason", row)
		}
	}
}

// TestExportAsksBeforeReplacing is issue 14's defect 6 through the form:
// with photo files already in the folder the window asks once, "Replace N
// existing files?"; Keep leaves them and counts them, Replace replaces.
func TestExportAsksBeforeReplacing(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	upn := h.tenant.Dir.Examples().FullHD.UserPrincipalName
	list := filepath.Join(t.TempDir(), "people.txt")
	if err := os.WriteFile(list, []byte(upn+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.drop(list)
	h.waitFor("the dropped list", func() bool { return len(h.m.sidebar.results) == 1 })
	h.waitIdle()
	out := t.TempDir()
	h.startExportInto(out, upn)
	h.dialogs.export.dialog.Hide()
	var photo string
	for _, name := range dirNames(t, out) {
		if !strings.HasSuffix(name, ".csv") {
			photo = filepath.Join(out, name)
		}
	}
	mine := []byte("not this export's file")
	if err := os.WriteFile(photo, mine, 0o600); err != nil {
		t.Fatal(err)
	}

	for _, choice := range []string{"Keep them", "Replace"} {
		test.Tap(h.m.tools.export)
		h.waitFor("the export form", func() bool { return h.overlayButton("Start") != nil })
		h.dialogs.exportSet.folder.SetText(out)
		h.tapDialogButton("Start")
		h.waitFor("the question", func() bool { return h.overlayButton(choice) != nil })
		if text := h.overlayText(); !strings.Contains(text, "Replace 1 existing file?") {
			t.Errorf("the question reads %q", text)
		}
		h.tapDialogButton(choice)
		h.waitFor("the export summary", h.exportFinished)
		summary := h.dialogs.export.text.Text
		got, _ := os.ReadFile(photo)
		kept := string(got) == string(mine)
		switch choice {
		case "Keep them":
			if !kept || !strings.Contains(summary, "1 file already in the folder was kept") {
				t.Errorf("Keep: file kept %v, summary %q", kept, summary)
			}
		default:
			if kept || !strings.HasPrefix(summary, "Done: 1 person — 1 with a photo") {
				t.Errorf("Replace: file kept %v, summary %q", kept, summary)
			}
		}
		h.dialogs.export.dialog.Hide()
	}
}

// TestExportWaitCapSetting: the Throttling setting is the window's
// --max-wait. Saved as five minutes, a day-long Retry-After is refused
// naming that cap, not the default minute.
func TestExportWaitCapSetting(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	f := newSettingsForm(h.m.prefs)
	f.maxWait.SetSelected(maxWaits[1].label)
	f.save()
	if again := newSettingsForm(h.m.prefs); again.maxWait.Selected != maxWaits[1].label {
		t.Errorf("the setting reads back as %q", again.maxWait.Selected)
	}
	h.tenant.SetFaults(sandbox.Faults{ThrottleRate: 1, RetryAfter: "86000"})
	h.startExportInto(t.TempDir(), h.tenant.Dir.Examples().FullHD.UserPrincipalName)
	rows := readReport(t, h.dialogs.export.report)
	if len(rows) != 2 || !strings.Contains(rows[1][slices.Index(rows[0], "error")], "more than the 5 min one wait may take") {
		t.Errorf("report %v: want the 5 min cap named", rows)
	}
}

// TestExportThatFailsDoesNotSayDone: an export whose source fails (a group
// deleted since it was listed, paging refused part-way) ended with "Done"
// and a full bar, as if everyone had been exported; it says it stopped,
// and why, and its bar stays where it stopped.
func TestExportThatFailsDoesNotSayDone(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	opts := export.Options{Source: export.Source{GroupID: "00000000-0000-0000-0000-00000000dead"}, Sizes: export.Sizes{Mode: export.ModeOne}, Dir: t.TempDir()}
	h.m.startExport(opts)
	h.waitFor("the export's end", h.exportFinished)
	run := h.dialogs.export
	text := run.text.Text
	if strings.HasPrefix(text, "Done") || !strings.HasPrefix(text, "Stopped by an error") {
		t.Errorf("summary = %q, want it to say the export stopped on an error", text)
	}
	if !strings.Contains(text, "Not found") {
		t.Errorf("summary = %q, want the reason", text)
	}
	if run.bar.Value == run.bar.Max {
		t.Errorf("bar at %v of %v: a failed export's bar must not read complete", run.bar.Value, run.bar.Max)
	}
}

// An export started in the same second as an earlier one into the same
// folder finds its report name taken: its report gets a name of its own,
// the earlier report is kept as it was, and the summary and Open report
// name the report this export wrote.
func TestExportReportTakesAFreeName(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	out := t.TempDir()
	// Every name the export could ask for in the next seconds is taken.
	now := time.Now()
	var taken []string
	for i := range 10 {
		name := filepath.Join(out, "photodesk-report-"+now.Add(time.Duration(i)*time.Second).Format("20060102-150405")+".csv")
		if err := os.WriteFile(name, []byte("earlier\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		taken = append(taken, name)
	}
	sizes, err := export.ParseSizes("none")
	if err != nil {
		t.Fatal(err)
	}
	upn := h.tenant.Dir.Examples().FullHD.UserPrincipalName
	h.m.startExport(export.Options{Source: export.Source{People: []string{upn}}, Sizes: sizes, Dir: out})
	h.waitFor("the export summary", h.exportFinished)
	report := h.dialogs.export.report
	if slices.Contains(taken, report) || !strings.HasSuffix(report, "-2.csv") {
		t.Fatalf("report %s: want a name of its own, with a counter", report)
	}
	if rows := readReport(t, report); len(rows) != 2 {
		t.Errorf("report has %d lines, want the header and one person", len(rows))
	}
	for _, name := range taken {
		if data, _ := os.ReadFile(name); string(data) != "earlier\n" {
			t.Errorf("%s, an earlier report, now holds %q", filepath.Base(name), data)
		}
	}
	if text := h.dialogs.export.text.Text; !strings.Contains(text, filepath.Base(report)) {
		t.Errorf("summary %q does not name the report written, %s", text, filepath.Base(report))
	}
}

// exportButton is the button labelled label among the export summary's
// actions, or nil.
func exportButton(r *exportRun, label string) *widgets.KeyButton {
	for _, o := range r.actions.Objects {
		if b, ok := o.(*widgets.KeyButton); ok && b.Text == label {
			return b
		}
	}
	return nil
}

// An export stopped part-way offers Resume: it goes on into the same
// folder from the same report, through the command line's --resume, so
// the people already done are not downloaded again, and the report then
// lists everyone once.
func TestExportStoppedCanBeResumed(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	var upns []string
	for _, u := range h.tenant.Dir.Users()[:20] {
		upns = append(upns, u.UserPrincipalName)
	}
	out := t.TempDir()
	h.tenant.SetFaults(sandbox.Faults{Latency: 50 * time.Millisecond})
	first := h.m.startExport(export.Options{Source: export.Source{People: upns}, Sizes: export.Sizes{Mode: export.ModeOne, Size: "120x120"}, Dir: out})
	h.waitFor("a few photos written", func() bool { return len(dirNames(t, out)) >= 5 })
	test.Tap(first.button)
	h.waitFor("the export to stop", h.exportFinished)
	h.waitIdle()
	if !strings.HasPrefix(first.text.Text, "Stopped early") {
		t.Fatalf("summary = %q, want it stopped early", first.text.Text)
	}
	resume := exportButton(first, "Resume")
	if resume == nil {
		t.Fatal("a stopped export offers no Resume")
	}
	// Done at the size asked for: a fallback (an Entra-only photo has no
	// 120x120) is fetched again by a resume, as by --resume, since the
	// report cannot tell it from another run's file.
	done, doneIDs := 0, map[string]bool{}
	for _, row := range readReport(t, first.report)[1:] {
		if row[3] == "ok" && row[4] == "120x120" && row[5] == "120" {
			done++
			doneIDs[strings.ToLower(row[0])], doneIDs[strings.ToLower(row[1])] = true, true // asked by id or UPN
		}
	}
	if done == 0 || done == len(upns) {
		t.Fatalf("%d people done before the stop; the test needs some, not all", done)
	}

	h.tenant.SetFaults(sandbox.Faults{})
	log := &requestLog{} // the window's own photos are never 120x120 (exportPart)
	h.tenant.Handler().Observe(log.add)
	t.Cleanup(func() { h.tenant.Handler().Observe(nil) })
	test.Tap(resume)
	h.waitFor("the resumed export's summary", func() bool {
		r := h.dialogs.export
		return r != first && h.exportFinished()
	})
	again := h.dialogs.export
	if !strings.HasPrefix(again.text.Text, "Done: 20 people") || again.report != first.report {
		t.Errorf("resumed summary = %q, report %s; want everyone done, in the same report %s", again.text.Text, again.report, first.report)
	}
	seen := map[string]bool{}
	for _, row := range readReport(t, again.report)[1:] {
		if seen[row[0]] {
			t.Errorf("%s listed twice in the report", row[1])
		}
		seen[row[0]] = true
	}
	if len(seen) != len(upns) {
		t.Errorf("the report lists %d people, want %d", len(seen), len(upns))
	}
	// By people, not requests: the stopped run's last envelope may still
	// be served after its summary (the sandbox goes on with a request its
	// client gave up on, as a server does), and so be seen here.
	redone := log.downloadedUsers(exportPart)
	for who := range redone {
		if doneIDs[who] {
			t.Errorf("the resumed run downloaded %s again, done before the stop", who)
		}
	}
	if len(redone) == 0 || len(redone) > len(upns)-done {
		t.Errorf("the resumed run downloaded %d people's photos, want some, and at most the %d not done before", len(redone), len(upns)-done)
	}
	if exportButton(again, "Resume") != nil {
		t.Error("an export that reached everyone still offers Resume")
	}
}

// downloadedUsers is who (an id or a UPN, lower-cased, as the path named
// them) had a photo downloaded by a path containing part.
func (l *requestLog) downloadedUsers(part string) map[string]bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	ids := map[string]bool{}
	for _, s := range l.seen {
		if s.Kind != sandbox.KindPhotoBytes || !strings.Contains(s.Path, part) {
			continue
		}
		if _, rest, ok := strings.Cut(s.Path, "/users/"); ok {
			who, _, _ := strings.Cut(rest, "/")
			if u, err := url.PathUnescape(who); err == nil {
				who = u
			}
			ids[strings.ToLower(who)] = true
		}
	}
	return ids
}

// An export that an error ended as its account was signed out or
// switched offers no Resume: the window it ran in is that account's, and
// a resume there would only stop again at once.
func TestExportEndedWithItsAccountOffersNoResume(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	sizes, err := export.ParseSizes("none")
	if err != nil {
		t.Fatal(err)
	}
	upn := h.tenant.Dir.Examples().FullHD.UserPrincipalName
	r := h.m.startExport(export.Options{Source: export.Source{People: []string{upn}}, Sizes: sizes, Dir: t.TempDir()})
	h.waitFor("the export summary", h.exportFinished)
	h.waitIdle()
	// The run as it ends when the sign-out reaches a request before the
	// run's context does: an error, not a cancel.
	sum := &export.Summary{}
	r.finish(sum, auth.ErrSignInRequired, errors.New("you signed out"))
	r.offer(h.m, sum)
	if exportButton(r, "Resume") != nil {
		t.Errorf("an export ended with its account offers Resume (summary %q)", r.text.Text)
	}
}

// TestExportIntoAFolderThatTakesNoFileSaysSoPlainly: an export into a
// folder that takes no file (a read-only share) says nothing was fetched,
// the folder and why, and to choose another — not the hidden lock file
// it tried to make ("open …/.photodesk-export.lock: read-only file
// system", after a capitalised "Export folder:"); and no bar stands at
// 0% as if the export were about to go on.
func TestExportIntoAFolderThatTakesNoFileSaysSoPlainly(t *testing.T) {
	out := t.TempDir()
	if os.Geteuid() == 0 {
		if runtime.GOOS != "linux" {
			t.Skip("needs a folder root cannot write into")
		}
		out = "/proc" // permissions do not stop root; /proc takes no new files
	} else {
		if err := os.Chmod(out, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.Chmod(out, 0o755) })
	}
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	text := h.startExportInto(out, h.tenant.Dir.Examples().FullHD.UserPrincipalName)
	lower := strings.ToLower(text)
	if strings.Contains(text, export.LockFileName) || strings.Contains(text, "Export folder:") ||
		!strings.Contains(lower, "nothing was fetched") || !strings.Contains(lower, "cannot write into the folder "+out) ||
		!strings.Contains(lower, "choose a folder you may write into") {
		t.Errorf("dialog says %q, want the folder, why, that nothing was fetched and what to do, and no lock file", text)
	}
	if h.dialogs.export.bar.Visible() {
		t.Error("a progress bar is shown for an export that never started")
	}
}

// TestExportOfOnePersonListedTwiceCountsThemOnce: the dialog read "0 of 2
// people" and then "1 of 1 person" for a list naming Adele twice (her UPN,
// then her id). The list is looked up first, the bar showing how far,
// and its people are counted once from the start (the engine's totals:
// export's TestListedPeopleCountedOnceFromTheStart).
func TestExportOfOnePersonListedTwiceCountsThemOnce(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	adele := h.tenant.Dir.Examples().FullHD
	h.m.startExport(export.Options{
		Source: export.Source{People: []string{adele.UserPrincipalName, adele.ID}}, Sizes: export.Sizes{Mode: export.ModeNone}, Dir: t.TempDir(),
	})
	h.waitFor("the export summary", h.exportFinished)
	if text := h.dialogs.export.text.Text; !strings.HasPrefix(text, "Done: 1 person — ") {
		t.Errorf("summary %q, want Adele counted once", text)
	}
	r := h.dialogs.export
	r.render(export.Progress{Listed: 2, LookedUp: 1})
	if got := r.text.Text; got != "Looking up the people listed: 1 of 2 entries…" || r.bar.Max != 2 || r.bar.Value != 1 {
		t.Errorf("lookup progress %q, bar %v of %v; want how far the lookup came", got, r.bar.Value, r.bar.Max)
	}
}

// TestExportsEndTakesEnterOnClose: once an export ended — its summary, or
// "could not start" for a folder that takes no file — Enter did nothing,
// since nothing had the focus: only Escape or the mouse closed what reads
// as a message with one Close button. Close takes the focus as the run
// ends, as a message's OK does, so Enter closes it.
func TestExportsEndTakesEnterOnClose(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.waitIdle()
	c := h.m.w.Canvas()
	adele := h.tenant.Dir.Examples().FullHD
	h.m.startExport(export.Options{
		Source: export.Source{People: []string{adele.UserPrincipalName}}, Sizes: export.Sizes{Mode: export.ModeNone}, Dir: t.TempDir(),
	})
	h.waitFor("the export summary", h.exportFinished)
	if c.Focused() != h.dialogs.export.button {
		t.Fatalf("after the export the focus is on %T, want Close", c.Focused())
	}
	driverKey(c, fyne.KeyReturn)
	h.waitIdle()
	if n := len(c.Overlays().List()); n != 0 {
		t.Errorf("Enter left %d dialogs open", n)
	}
}
