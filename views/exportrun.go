package views

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/views/widgets"
)

// exportRun is one export in progress: a dialog with a progress bar and a
// Cancel button that turns into the summary when the run ends.
type exportRun struct {
	bar    *widget.ProgressBar
	text   *widget.Label
	button *widgets.KeyButton
	// findings names the people the audit flags, and actions holds Show
	// them, Open report and Open folder; both appear with the summary.
	findings *widget.Label
	actions  *fyne.Container
	dir      string
	dialog   *dialog.CustomDialog
	cancel   context.CancelFunc
	report   string
	// base is the export as asked for (source, sizes, folder, Force), for
	// Resume; stopped says the run ended before everyone was done (Cancel,
	// an error) while its account is still signed in: Resume is offered.
	base     export.Options
	stopped  bool
	progress newest[export.Progress]
	// clientWait is the Graph client's own retry wait ("throttled —
	// waiting 3 s"), which the engine's progress does not see; UI
	// goroutine only, like finished.
	clientWait string
	finished   bool
	window     fyne.Window // its Close takes the focus as the run ends
}

// startExport runs opts in the background and shows its progress in a
// dialog, whose model it returns. The
// export belongs to the account it started under: when another account is
// chosen or that one signs out it stops, and its dialog says why.
func (m *mainWindow) startExport(opts export.Options) *exportRun {
	report := filepath.Join(opts.Dir, "photodesk-report-"+time.Now().Format("20060102-150405")+".csv")
	return m.runExportDialog(opts, report, false)
}

// resumeExport continues the export base into its folder from its report
// at report, as the command line's --resume does: people whose file is
// still there with an unchanged ETag are kept, the rest fetched, and the
// report, put in place as the run ends, lists everyone.
func (m *mainWindow) resumeExport(base export.Options, report string) *exportRun {
	return m.runExportDialog(base, report, true)
}

// runExportDialog runs opts with its report at report (a new one, or the
// one resumed) and shows its progress.
func (m *mainWindow) runExportDialog(opts export.Options, report string, resume bool) *exportRun {
	ctx, cancel := context.WithCancel(m.ctx)
	r := &exportRun{
		bar:    widget.NewProgressBar(),
		text:   widget.NewLabel("Starting…"),
		cancel: cancel,
		report: report,
		base:   opts,
		window: m.w,
	}
	if resume {
		r.text.SetText("Resuming: checking what the last run left in the folder…")
	}
	r.text.Wrapping = fyne.TextWrapWord
	r.dir = opts.Dir
	r.findings = widget.NewLabel("")
	r.findings.Wrapping = fyne.TextWrapWord
	r.findings.Hide()
	r.actions = container.NewHBox()
	r.actions.Hide()
	r.button = keyButton(m.w, "Cancel", nil, r.stop)
	// "Export photos", not "Exporting": the title stays when it is done.
	r.dialog = dialog.NewCustomWithoutButtons("Export photos", container.NewVBox(r.bar, r.text, r.findings, r.actions), m.w)
	r.dialog.SetButtons([]fyne.CanvasObject{r.button})
	// Escape is the button: Cancel while it runs, Close when it is done.
	escapeWith(m.w, r.dialog, func() {
		if !r.button.Disabled() {
			r.button.OnTapped()
		}
	})
	r.dialog.Resize(fyne.NewSize(exportDialogWidth, 0))
	r.dialog.Show()
	m.opened(r)
	m.exporting = r

	opts.Client = m.eng.Client()
	if opts.MaxWait == 0 {
		opts.MaxWait, opts.MaxItemWait = app.WaitCapsFrom(m.prefs)
	}
	opts.Progress = func(p export.Progress) { r.onProgress(m.bg, p) }
	m.bg.run(func() {
		run := runExport
		if resume {
			run = runResumedExport
		}
		sum, report, err := run(ctx, opts, r.report)
		m.bg.report(func() {
			if report != "" {
				r.report = report // the name it got: another report may have had the one asked for
			}
			if m.exporting == r {
				m.exporting = nil
			}
			r.finish(sum, err, context.Cause(m.ctx))
			r.offer(m, sum)
		})
	})
	return r
}

// stop is Cancel: the export stops, its finished files kept, and its
// summary follows. Quitting stops it so too.
func (r *exportRun) stop() {
	if r.finished || r.button.Disabled() {
		return
	}
	r.cancel()
	r.button.Disable()
	r.text.SetText("Stopping…")
}

// runExport creates the folder and the report file and runs the export,
// returning the report's path as created. The folder is locked first, so
// a second export into it (from this window or the command line) is
// refused instead of mixing files and reports, and a folder that cannot be
// written is found before the first request (issue 14). The report is
// created new (app.CreateNew, O_EXCL): a report already at reportPath —
// another export's started in the same second, or one kept from an earlier
// export — is never overwritten, and a symlink planted at its name is
// never followed (issue 14); the report takes the next free name instead
// (photodesk-report-…-2.csv). Rows reach it as the export goes.
func runExport(ctx context.Context, opts export.Options, reportPath string) (*export.Summary, string, error) {
	unlock, err := lockExportFolder(opts.Dir)
	if err != nil {
		return nil, "", err
	}
	defer unlock() // deferred first, so it runs after the report is closed
	f, path, err := app.CreateNew(reportPath)
	if err != nil {
		return nil, "", fmt.Errorf("export report: %w", err)
	}
	opts.Report = f
	sum, err := export.Run(ctx, opts)
	cerr := f.Sync()
	if closeErr := f.Close(); cerr == nil {
		cerr = closeErr
	}
	if err == nil && cerr != nil {
		err = fmt.Errorf("%w: save %s: %w", errReportNotSaved, path, cerr)
	}
	return sum, path, err
}

// runResumedExport is runExport resuming the export whose report is at
// reportPath, through the command line's own resume: export.ReadPrevious
// gives the engine the last run's rows (Options.Previous), and
// export.ReportFile keeps that report in place until the run ends, then
// puts the new one, which lists everyone, in its place.
func runResumedExport(ctx context.Context, opts export.Options, reportPath string) (*export.Summary, string, error) {
	unlock, err := lockExportFolder(opts.Dir)
	if err != nil {
		return nil, "", err
	}
	defer unlock()
	prev, err := export.ReadPrevious(reportPath)
	if err != nil {
		return nil, "", fmt.Errorf("export report: %w", err)
	}
	rf, err := export.CreateReport(reportPath, true)
	if err != nil {
		return nil, "", fmt.Errorf("export report: %w", err)
	}
	opts.Resume, opts.Previous, opts.Report = true, prev, rf
	sum, err := export.Run(ctx, opts)
	if ferr := rf.Finish(err == nil); err == nil && ferr != nil {
		err = fmt.Errorf("%w: %w", errReportNotSaved, ferr)
	}
	return sum, reportPath, err
}

// lockExportFolder creates dir and locks it for one export, so a second
// one into it (from this window or the command line) is refused instead of
// mixing files and reports; creating the lock also proves the folder
// writable before the first request (issue 14). A folder that cannot be
// made or written is a folderError.
func lockExportFolder(dir string) (unlock func(), err error) {
	if err := export.MakeFolder(dir); err != nil {
		return nil, &folderError{err}
	}
	lock, err := export.LockFolder(dir)
	if errors.Is(err, export.ErrFolderInUse) {
		return nil, err
	}
	if err != nil {
		return nil, &folderError{err}
	}
	return lock.Unlock, nil
}

// folderError is an export folder that could not be made or written: the
// export never started, so nothing was fetched, and another folder is
// the way on.
type folderError struct{ err error }

func (e *folderError) Error() string { return e.err.Error() }

func (e *folderError) Unwrap() error { return e.err }

// errReportNotSaved marks the one error runExport returns after an export
// that ran to its end: every person was done, only the report could not
// be put in place.
var errReportNotSaved = errors.New("export report")

// onProgress shows the newest progress, at most one UI update at a time.
func (r *exportRun) onProgress(bg *background, p export.Progress) {
	r.progress.offer(bg, p, r.render)
}

func (r *exportRun) render(p export.Progress) {
	if p.LookingUp() {
		// A list is looked up whole before its people are counted, so
		// the total shown is each person once.
		r.bar.Max = float64(p.Listed)
		r.bar.SetValue(float64(p.LookedUp))
		r.text.SetText(fmt.Sprintf("Looking up the people listed: %d of %s…", p.LookedUp, plural(p.Listed, "entry", "entries")))
		return
	}
	if p.Total > 0 && p.TotalKnown {
		r.bar.Max = float64(p.Total)
		r.bar.SetValue(float64(p.Done))
	}
	text := fmt.Sprintf("%d of %d %s: %s", p.Done, p.Total, p.Unit(p.Total), bucketsText(p))
	if !p.TotalKnown {
		text = fmt.Sprintf("%d %s so far: %s", p.Done, p.Unit(p.Done), bucketsText(p))
	}
	if p.Files > 0 {
		text += " · " + plural(p.Files, "file", "files") + " written"
	}
	if p.InFlight > 0 {
		// The bar counts answers, which an envelope gets together: what is
		// out meanwhile is said, so a slow Graph does not look stuck.
		text += " · " + plural(p.InFlight, "request", "requests") + " " + export.OnItsWay(p.InFlight)
	}
	wait := r.clientWait
	if p.Waiting > 0 {
		wait = throttleText(1, p.Waiting)
	}
	if wait != "" {
		text += "\n" + wait + " (Cancel stops the export; finished files are kept)"
	}
	r.text.SetText(text)
}

// showClientWait shows (or, with "", clears) the Graph client's retry wait
// while the run goes on. UI goroutine.
func (r *exportRun) showClientWait(text string) {
	if r.finished || text == r.clientWait {
		return
	}
	r.clientWait = text
	r.render(r.progress.get())
}

// finish shows the summary (or the error) and turns Cancel into Close.
// ended is why the account's work ended, if it did: the export stopped
// with it.
func (r *exportRun) finish(sum *export.Summary, err, ended error) {
	r.cancel()
	r.finished = true
	switch {
	case ended != nil && (sum == nil || sum.Cancelled):
		text := "The export stopped" + because(ended) + ": it belonged to the account it started under, " +
			"and nothing more is fetched for it."
		if sum != nil {
			text += "\n" + summaryText(sum, r.report, false)
		}
		r.text.SetText(text)
	case sum != nil:
		// The source failing part-way (a group deleted, paging refused)
		// or the report failing ends the run as surely as Cancel does:
		// saying "Done" with a full bar would pass the people not
		// reached for exported.
		failed := err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, errReportNotSaved)
		// Resume only while the account is still signed in: a run an
		// error ended as its account went (ended) belongs to that account.
		r.stopped = ended == nil && (sum.Cancelled || failed)
		if !sum.Cancelled && !failed {
			// A stopped export's bar stays where it stopped.
			r.bar.Max = 1
			r.bar.SetValue(1)
		}
		r.text.SetText(summaryText(sum, r.report, failed) + errorSuffix(err))
	case errors.Is(err, export.ErrFolderInUse):
		r.bar.Hide() // it never started: no bar waiting at 0%
		r.text.SetText("The folder is in use by another export, so nothing was fetched. " +
			"Wait for that export to finish, or choose another folder.")
	case errors.As(err, new(*folderError)):
		r.bar.Hide()
		r.text.SetText("The export could not start, and nothing was fetched.\n" + app.Sentence(friendly(err)) +
			"\nOpen Export… again and choose a folder you may write into.")
	default:
		r.bar.Hide()
		r.text.SetText("The export could not run: " + friendly(err))
	}
	r.button.SetText("Close")
	r.button.OnTapped = r.dialog.Hide
	r.button.Enable()
	r.dialog.Resize(fyne.NewSize(exportDialogWidth, 0)) // grows to fit the summary
	// Ended, it reads as a message, and takes Enter on Close as a
	// message's OK does; nothing had the focus, so only Escape closed it.
	// A dialog above it (Quit's question) keeps the keys: Focus sets the
	// export dialog's own layer. The dialog is hidden only after this
	// (Close, List them, Resume), so with no overlay up the window is
	// gone and there is nothing to focus.
	if c := r.window.Canvas(); c != nil && len(c.Overlays().List()) > 0 {
		c.Focus(r.button)
	}
}

func errorSuffix(err error) string {
	if err == nil || errors.Is(err, context.Canceled) {
		return ""
	}
	return "\n" + friendly(err)
}

// bucketsText is the people (or members) counts, which add up to those
// done: "11 with a photo, 1 without, 1 skipped (not a user), 0 errors".
func bucketsText(p export.Progress) string {
	text := fmt.Sprintf("%d with a photo, %d without", p.OK, p.NoPhoto)
	if p.Skipped > 0 {
		text += fmt.Sprintf(", %d skipped (%s)", p.Skipped, export.SkippedWhy(p.Skipped))
	}
	return text + ", " + plural(p.Errors, "error", "errors")
}

// summaryText is the audit at the end of an export, worded for a person.
// The first line counts people (a group's members); files are counted apart, since "All
// sizes" writes several a person (issue 18). failed says an error ended
// the run before its end; the caller words the error.
func summaryText(s *export.Summary, report string, failed bool) string {
	head := "Done"
	switch {
	case failed:
		head = "Stopped by an error"
	case s.Cancelled:
		head = "Stopped early"
	}
	files := "Took " + export.FormatDuration(s.Elapsed) // an audit, or nothing new to write
	if s.Files > 0 {
		files = fmt.Sprintf("%s written in %s", plural(s.Files, "file", "files"), export.FormatDuration(s.Elapsed))
	}
	if s.Unchanged > 0 {
		// A resume: what it did not download again, else "37 with a
		// photo" beside "7 files written" left 30 unexplained.
		files += fmt.Sprintf(" · %d %s unchanged since the last run, not downloaded again", s.Unchanged, s.Unit(s.Unchanged))
	}
	small := fmt.Sprint(s.OnlySmall)
	if s.LargestUnknown && s.OnlySmall == 0 {
		small = "not known (export Largest or All to know)" // one size asked for: "0" would say nobody
	}
	who, left := fmt.Sprintf("%d %s", s.Done, s.Unit(s.Done)), ""
	if (failed || s.Cancelled) && s.TotalKnown && s.Total > s.Done {
		// Stopped: how many of how many, and who is left, which "36
		// people" alone never said.
		who = fmt.Sprintf("%d of %d %s", s.Done, s.Total, s.Unit(s.Total))
		left = fmt.Sprintf("; %d not reached", s.Total-s.Done)
		if c := min(s.CarriedOver, s.Total-s.Done); c > 0 {
			// A resume stopped before the people an earlier run did:
			// their files and rows stay, and they are not missing.
			left += fmt.Sprintf(" (%d of them done by the last run, kept in the report)", c)
		}
	}
	text := fmt.Sprintf("%s: %s — %s%s.\n"+
		"Only small sizes (240x240 or less): %s · Not square: %d\n"+
		"%s · Report: %s",
		head, who, bucketsText(s.Progress), left, small, s.NonSquare,
		files, filepath.Base(report))
	if s.Exists > 0 {
		// The window never replaces files it did not write (issue 14).
		text += fmt.Sprintf("\n%s already in the folder %s kept, not replaced (status \"exists\" in the report).",
			plural(s.Exists, "file", "files"), pluralWord(s.Exists, "was", "were"))
	}
	return text
}

// findingsShown is how many flagged people the summary names.
const findingsShown = 5

// findingsText names the people with small or non-square photos:
// "Small or not square: Megan Bowen (240x240), Lee Gu (400x300, not
// square) and 3 more". People who share a name (a tenant has its two Alan
// Halls) are told apart by their address.
func findingsText(fs []export.Finding) string {
	named := map[string]int{}
	for _, f := range fs {
		named[strings.ToLower(f.Person.Name())]++
	}
	var names []string
	for _, f := range fs[:min(len(fs), findingsShown)] {
		what := fmt.Sprintf("%dx%d", f.Width, f.Height)
		if f.NonSquare {
			what += ", not square"
		}
		if a := f.Person.Address(); named[strings.ToLower(f.Person.Name())] > 1 && a != "" {
			what = a + ", " + what
		}
		names = append(names, fmt.Sprintf("%s (%s)", f.Person.Name(), what))
	}
	text := "Small or not square: " + strings.Join(names, ", ")
	if more := len(fs) - len(names); more > 0 {
		text += fmt.Sprintf(" and %d more", more)
	}
	return text
}

// offer adds what the summary can lead to: the people it flags as the
// result list, the report and the folder (issue 18).
func (r *exportRun) offer(m *mainWindow, sum *export.Summary) {
	if sum == nil {
		return
	}
	r.actions.RemoveAll()
	if n := len(sum.Findings); n > 0 {
		r.findings.SetText(findingsText(sum.Findings))
		r.findings.Show()
		people := make([]app.Person, 0, n)
		for _, f := range sum.Findings {
			people = append(people, f.Person)
		}
		who := plural(n, "person", "people")
		if sum.Groups {
			who = plural(n, "group", "groups")
		}
		note := who + " with a small or non-square photo, from the export."
		r.actions.Add(keyButton(m.w, fmt.Sprintf("List them (%d)", n), nil, func() {
			r.dialog.Hide()
			m.sidebar.showList(people, note)
		}))
	}
	if r.stopped {
		// The rest into the same folder, keeping what is done: the
		// command line's --resume, from the same report.
		r.actions.Add(keyButton(m.w, "Resume", nil, func() {
			r.dialog.Hide()
			m.resumeExport(r.base, r.report)
		}))
	}
	r.actions.Add(keyButton(m.w, "Open report", nil, func() { m.openFile(r.report) }))
	if r.dir != "" {
		r.actions.Add(keyButton(m.w, "Open folder", nil, func() { m.openExportFolder(r.dir) }))
	}
	r.actions.Show()
	r.dialog.Resize(fyne.NewSize(exportDialogWidth, 0))
}

// plural is export.Plural: one wording for the window and the command line.
var plural = export.Plural

// pluralWord is one or many as n asks.
func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
