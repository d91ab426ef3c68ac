package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/export"
)

// TestExportAllSizesSummaryCountsPeople is issue 18's items 1 and 4 in the
// window: "All sizes" for four people says four people (three with a
// photo, one without) and counts the files apart; the summary names who
// has a small or non-square photo, lists them in the sidebar on request,
// and offers the report and the folder. The report gains small and square
// columns.
func TestExportAllSizesSummaryCountsPeople(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	ex := h.tenant.Dir.Examples()
	list := filepath.Join(t.TempDir(), "people.txt")
	upns := []string{ex.FullHD.UserPrincipalName, ex.UpTo240.UserPrincipalName, ex.EntraOnly.UserPrincipalName, ex.NoPhoto.UserPrincipalName}
	if err := os.WriteFile(list, []byte(strings.Join(upns, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	h.drop(list)
	h.waitFor("the dropped list", func() bool { return len(h.m.sidebar.results) == 4 })
	h.waitIdle()

	test.Tap(h.m.tools.export)
	h.waitFor("the export form", func() bool { return h.overlayButton("Start") != nil })
	form := h.dialogs.exportSet
	form.size.SetSelected(exportSizeAll)
	form.folder.SetText(filepath.Join(t.TempDir(), "out"))
	h.tapDialogButton("Start")
	h.waitFor("the export summary", h.exportFinished)

	run := h.dialogs.export
	summary := run.text.Text
	if !strings.HasPrefix(summary, "Done: 4 people — 3 with a photo, 1 without, 0 errors.") ||
		!strings.Contains(summary, "15 files written") {
		t.Errorf("summary = %q, want 4 people and 15 files apart", summary)
	}
	findings := run.findings.Text
	if !run.findings.Visible() || !strings.Contains(findings, ex.UpTo240.DisplayName+" (240x240)") ||
		!strings.Contains(findings, ex.EntraOnly.DisplayName+" (400x300, not square)") {
		t.Errorf("findings = %q, want the small and the non-square person named", findings)
	}
	for _, label := range []string{"Open report", "Open folder", "List them (2)"} {
		if h.overlayButton(label) == nil {
			t.Errorf("no %q button with the summary", label)
		}
	}
	rows := readReport(t, run.report)
	header := strings.Join(rows[0], ",")
	if !strings.HasSuffix(header, ",small,square,tenant") {
		t.Errorf("report header %q has no small and square columns", header)
	}
	h.tapDialogButton("List them (2)")
	h.waitFor("the flagged people listed", func() bool { return len(h.m.sidebar.results) == 2 })
	if h.resultIndex(ex.UpTo240.UserPrincipalName) < 0 || h.resultIndex(ex.EntraOnly.UserPrincipalName) < 0 {
		t.Errorf("list holds %v, want the two flagged people", h.m.sidebar.results)
	}
}

// TestFindingsTellNamesakesApart: two people of one name among those the
// summary flags (the sandbox has two Alan Halls) are told apart by their
// address, which the list of findings otherwise leaves out; it read
// "Alan Hall (240x240), …, Alan Hall (400x300, not square)".
func TestFindingsTellNamesakesApart(t *testing.T) {
	alan := app.Person{Kind: app.KindUser, DisplayName: "Alan Hall", UPN: "alan.hall@contoso.com"}
	alan2 := app.Person{Kind: app.KindUser, DisplayName: "Alan Hall", UPN: "alan.hall2@contoso.com"}
	megan := app.Person{Kind: app.KindUser, DisplayName: "Megan Bowen", UPN: "megan.bowen@contoso.com"}
	got := findingsText([]export.Finding{
		{Person: alan, Width: 240, Height: 240, Small: true},
		{Person: megan, Width: 240, Height: 240, Small: true},
		{Person: alan2, Width: 400, Height: 300, NonSquare: true},
	})
	want := "Small or not square: Alan Hall (alan.hall@contoso.com, 240x240), Megan Bowen (240x240), " +
		"Alan Hall (alan.hall2@contoso.com, 400x300, not square)"
	if got != want {
		t.Errorf("findings = %q\nwant       %q", got, want)
	}
}

// TestStoppedExportSaysWhoWasNotReached: a stopped export's summary read
// "Stopped early: 36 people — 26 with a photo, 10 without, 0 errors.",
// which never said that 14 of the 50 were not reached — nor, stopped at
// once, what "0 people" meant. It now counts them against the total and
// says how many were left.
func TestStoppedExportSaysWhoWasNotReached(t *testing.T) {
	sum := &export.Summary{Cancelled: true, Progress: export.Progress{
		Done: 36, Total: 50, TotalKnown: true, OK: 26, NoPhoto: 10, Files: 26,
	}}
	got := summaryText(sum, "/x/photodesk-report-1.csv", false)
	want := "Stopped early: 36 of 50 people — 26 with a photo, 10 without, 0 errors; 14 not reached."
	if !strings.HasPrefix(got, want) {
		t.Errorf("summary = %q, want it to start %q", got, want)
	}
	// A resume stopped before people the last run did: they are not missing.
	resumed := *sum
	resumed.CarriedOver = 3
	if got := summaryText(&resumed, "r.csv", false); !strings.Contains(got, "; 14 not reached (3 of them done by the last run, kept in the report).") {
		t.Errorf("stopped resume's summary = %q, want the 3 done before told apart", got)
	}
	// A total still being paged (every user) is not known: no count is made up.
	sum.TotalKnown = false
	if got := summaryText(sum, "r.csv", false); strings.Contains(got, "not reached") || strings.Contains(got, "of 50") {
		t.Errorf("summary with the total unknown = %q, want no count of who was left", got)
	}
	// Done says nothing was left.
	done := &export.Summary{Progress: export.Progress{Done: 50, Total: 50, TotalKnown: true, OK: 50, Files: 50}}
	if got := summaryText(done, "r.csv", false); !strings.HasPrefix(got, "Done: 50 people — ") {
		t.Errorf("finished summary = %q", got)
	}
}

// TestResumedExportSaysWhatItKept: a resumed export's summary said "37
// with a photo" and "7 files written" and never why the other 30 were not
// written: they were unchanged since the stopped run, and kept (the
// command line says "unchanged 30").
func TestResumedExportSaysWhatItKept(t *testing.T) {
	sum := &export.Summary{Progress: export.Progress{
		Done: 50, Total: 50, TotalKnown: true, OK: 37, NoPhoto: 13, Files: 7, Unchanged: 30,
	}}
	got := summaryText(sum, "r.csv", false)
	if !strings.Contains(got, "7 files written") || !strings.Contains(got, "30 people unchanged since the last run, not downloaded again") {
		t.Errorf("summary = %q, want the 30 people kept from the last run said", got)
	}
}
