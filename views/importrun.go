package views

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/app/importer"
	"github.com/photodesk/photodesk/views/widgets"
)

// importRun is the import dialog's second step: a progress bar and
// Cancel while it runs, then the summary with Resume (when it stopped),
// Undo this import and Open report.
type importRun struct {
	dlg        *importDialog
	bar        *widget.ProgressBar
	text       *widget.Label
	cancel     *widgets.KeyButton
	resume     *widgets.KeyButton
	undo       *widgets.KeyButton
	openReport *widgets.KeyButton
	stop       chan struct{}
	running    bool
	undoing    bool // the run is an undo of the import: Cancel words its stop so
	sum        *importer.Summary

	progress newest[importer.Progress]
	undone   newest[[2]int] // an undo's changes done, of how many
}

// onStart asks for the write permission the first time, then runs.
func (dlg *importDialog) onStart() {
	if dlg.plan == nil {
		return
	}
	dlg.m.withWrite(app.Person{Kind: app.KindUser}, func() { dlg.startRun(dlg.resume.Visible() && dlg.resume.Checked) })
}

// newRunView puts the run's progress and summary in the dialog's body, in
// place of the preview table.
func (dlg *importDialog) newRunView() *importRun {
	r := &importRun{dlg: dlg, bar: widget.NewProgressBar(), text: widget.NewLabel("Starting…"), stop: make(chan struct{}), running: true}
	r.text.Wrapping = fyne.TextWrapWord
	r.cancel = keyButton(dlg.m.w, "Cancel", nil, r.onCancel)
	r.resume = keyButton(dlg.m.w, "Resume", nil, func() { dlg.startRun(true) })
	r.resume.Hide()
	r.undo = keyButton(dlg.m.w, "Undo this import", nil, r.onUndo)
	r.undo.Importance = widget.DangerImportance
	r.undo.Hide()
	// The table is gone once the run starts: the report has every file's
	// outcome and why.
	report := dlg.report
	r.openReport = keyButton(dlg.m.w, "Open report", nil, func() { dlg.m.openFile(report) })
	r.openReport.Hide()
	dlg.run = r
	dlg.start.Disable()
	// The preview's counts ("Nothing is sent before Import") are not true
	// any more: the line says what happens now.
	dlg.status.SetText("Importing from " + dlg.folderName() + ": its progress and, at the end, its summary are below.")
	// Open report first after Cancel: it takes Cancel's place when the run
	// ends, so a click meant for Cancel that comes as it ends opens the
	// report, not the red Undo this import, which used to be there.
	dlg.body.Objects = []fyne.CanvasObject{container.NewVBox(r.bar, r.text, container.NewHBox(r.cancel, r.openReport, r.resume, r.undo))}
	dlg.body.Refresh()
	dlg.showClientWait("") // the wait line's slot, kept while the run is on
	dlg.m.opened(r)
	return r
}

// onCancel is Cancel: the run stops once what it already sent has
// finished. Quitting stops it so too.
func (r *importRun) onCancel() {
	if !r.running || r.cancel.Disabled() {
		return // stopping already: its stop channel is closed
	}
	close(r.stop)
	r.cancel.Disable()
	if r.undoing {
		r.text.SetText("Stopping: the undos already sent finish first…")
		return
	}
	r.text.SetText("Stopping: the uploads already sent finish first…")
}

// job names the run among the window's running jobs, with how far it has
// come.
func (r *importRun) job() runningJob {
	if r.undoing {
		// Said as the import's is: what a stopped undo leaves and how to
		// finish it, which the question left out.
		j := runningJob{
			what:  "the undo of an import",
			after: "The changes it has not undone yet stay: preview the folder again and choose Undo the earlier import… to undo them.",
			stop:  r.onCancel,
		}
		if n := r.undone.get(); n[1] > 0 {
			j.progress = fmt.Sprintf("%d of %s", n[0], plural(n[1], "change", "changes"))
		}
		return j
	}
	j := runningJob{what: "an import", after: "A stopped import can be resumed: preview its folder again.", stop: r.onCancel}
	if p := r.progress.get(); p.Total > 0 {
		j.progress = fmt.Sprintf("%d of %d photos", p.Done, p.Total)
	}
	return j
}

// startRun runs the plan; resume skips what the journal shows as sent.
func (dlg *importDialog) startRun(resume bool) {
	r := dlg.newRunView()
	dlg.hold(true)

	m, plan, report, size, hook := dlg.m, dlg.plan, dlg.report, dlg.batchSize, dlg.progressHook
	// Here, on the UI goroutine: changer() sets m.changes unguarded, and an
	// account switch replaces m.ctx (cancelling this one).
	c, ctx := m.changer(), m.ctx
	// Quitting waits for the answers of the uploads it sent (runToAnswer):
	// its Stop lets them finish, where the account's end cuts them off.
	m.bg.runToAnswer(func() {
		sum, err := runImport(ctx, c, plan, report, resume, size, r.stop, func(p importer.Progress) {
			if hook != nil {
				hook(p)
			}
			r.onProgress(m.bg, p)
		})
		m.bg.report(func() { r.finish(sum, err) })
	})
}

// runImport opens the journal next to the report, runs the plan through
// the window's change path c, and writes the report. It runs off the UI
// goroutine, so it is handed what it needs rather than the window.
func runImport(ctx context.Context, c *change.Changer, plan *importer.Plan, report string, resume bool, batchSize int, stop <-chan struct{}, progress func(importer.Progress)) (*importer.Summary, error) {
	j, err := importer.OpenJournal(importer.JournalPath(report))
	if err != nil {
		return nil, err
	}
	defer j.Close()
	reader, _ := c.Graph.(importer.PhotoReader) // the current photos, read a $batch ahead
	sum, err := importer.Run(ctx, plan, importer.Options{Changer: c, Journal: j, Resume: resume, Stop: stop, Reader: reader, BatchSize: batchSize, Progress: progress})
	if sum != nil {
		if werr := importer.WriteReport(report, plan, sum); werr != nil && err == nil {
			err = werr
		}
	}
	return sum, err
}

// folderName is the name of the folder previewed, as the dialog's lines
// say it: the field may have been edited since.
func (dlg *importDialog) folderName() string {
	if dlg.plan != nil {
		return filepath.Base(dlg.plan.Dir)
	}
	return filepath.Base(strings.TrimSpace(dlg.folder.Text))
}

// onProgress shows the newest counts, at most one UI update at a time.
func (r *importRun) onProgress(bg *background, p importer.Progress) {
	r.progress.offer(bg, p, r.render)
}

func (r *importRun) render(p importer.Progress) {
	if p.Total > 0 {
		r.bar.Max = float64(p.Total)
		r.bar.SetValue(float64(p.Done))
	}
	text := fmt.Sprintf("%d of %d photos: %d uploaded, %d replaced, %d errors", p.Done, p.Total, p.Uploaded, p.Replaced, p.Errors)
	// The bar counts answers, which a batch gets together: what is out
	// meanwhile is said, so a slow Graph does not look stuck — what is
	// sent apart from what is still read and decoded, which Cancel does
	// not send ("on their way" counted both, so it overstated).
	var out []string
	if p.InFlight > 0 {
		out = append(out, fmt.Sprintf("%d %s", p.InFlight, export.OnItsWay(p.InFlight)))
	}
	if p.Preparing > 0 {
		out = append(out, fmt.Sprintf("%d being prepared", p.Preparing))
	}
	if len(out) > 0 {
		text += " · " + strings.Join(out, ", ")
	}
	r.text.SetText(text)
}

// finish shows the summary and what can be done next.
func (r *importRun) finish(sum *importer.Summary, err error) {
	r.running = false
	r.sum = sum
	dlg := r.dlg
	dlg.hold(false)
	dlg.showClientWait("")
	r.cancel.Hide()
	dlg.status.SetText("The import from " + dlg.folderName() + " has ended: its summary is below. Preview again to see the folder as it is now.")
	if sum == nil {
		r.text.SetText("The import could not run: " + friendly(err))
		return
	}
	r.bar.Max = 1
	r.bar.SetValue(1)
	// The account's work ended (another account chosen, a sign-out): the
	// dialog's window is that account's, so its Resume could not run.
	ended := err != nil && dlg.m.ctx.Err() != nil
	head := "Done"
	switch {
	case sum.Stopped:
		head = "Stopped before the end"
	case ended:
		head = "Stopped after the last files went out"
	}
	if sum.Stopped {
		if !ended {
			r.resume.Show()
		}
		// Where it stopped: a full bar beside "Stopped" read as all sent.
		if sum.Total > 0 {
			r.bar.Max = float64(sum.Total)
			r.bar.SetValue(float64(sum.Done))
		}
	}
	// The summary counts what the earlier import sent among the uploads
	// and replacements; said apart, so "uploaded" is what this run sent.
	uploaded, replaced := sum.Uploaded, sum.Replaced
	for _, res := range sum.Results {
		switch {
		case !res.Resumed:
		case res.Outcome == importer.OutcomeUploaded:
			uploaded--
		case res.Outcome == importer.OutcomeReplaced:
			replaced--
		}
	}
	// Files nobody could back up are counted apart, with why: among the
	// skipped they read as left out by choice.
	noBackup := ""
	if sum.NoBackup > 0 {
		noBackup = fmt.Sprintf(", %d %s (%s)", sum.NoBackup, importer.StatusNoBackup, importer.NoBackupWhy)
	}
	notReached := ""
	if sum.NotReached > 0 {
		notReached = fmt.Sprintf(", %d not reached (%s)", sum.NotReached, notReachedWhy(ended))
	}
	text := fmt.Sprintf("%s: %d uploaded, %d replaced, %d skipped%s%s, %s in %s.\nReport: %s",
		head, uploaded, replaced, sum.Skipped, notReached, noBackup, plural(sum.Errors, "error", "errors"), sum.Elapsed.Round(100*time.Millisecond), dlg.report)
	if sum.Resumed > 0 {
		text += fmt.Sprintf("\n%s sent by the earlier import, not sent again.", plural(sum.Resumed, "file was", "files were"))
	}
	if n := sum.Unanswered; n > 0 {
		text += fmt.Sprintf("\n%s %s when the import stopped, and no answer came: %s may have changed.",
			plural(n, "upload was", "uploads were"), export.OnItsWay(n), pluralWord(n, "that photo", "those photos"))
	}
	if ended {
		text += endedNote(sum)
	} else {
		text += lateCancelNote(sum)
	}
	if sum.Errors > 0 {
		text += "\nThe report's error column says why each error happened" + firstError(dlg.plan, sum) + "."
	}
	if sum.Foreign > 0 && dlg.foreign == 0 { // the preview said so already otherwise
		text += "\n" + foreignNote(sum.Foreign)
	}
	if sum.Uploaded+sum.Replaced > 0 { // no new ones to wait for otherwise
		text += "\nOther Microsoft 365 apps cache photos: Outlook may take a while and Teams hours or more to show the new ones."
	}
	if ended {
		text = "The import stopped" + because(context.Cause(dlg.m.ctx)) + "; it belonged to the account it started under.\n" + text
	}
	r.text.SetText(text)
	r.openReport.Show()
	if mayHaveChanged(sum) && !ended { // ended, its undo would run as the ended account: endedNote says how
		r.undo.Show()
	}
	r.forgetChanged()
	dlg.d.Resize(importDialogSize)
}

// notReachedWhy is what becomes of the files a stopped run did not reach,
// in the few words their count carries.
func notReachedWhy(ended bool) string {
	if ended {
		return "not sent: see below"
	}
	return "not sent: Resume sends them"
}

// mayHaveChanged reports whether the run changed a photo, or may have: what
// Undo this import has to undo.
func mayHaveChanged(sum *importer.Summary) bool { return sum.Uploaded+sum.Replaced+sum.Unanswered > 0 }

// firstError is ", e.g. FILE: WHY" for the run's first error, as the
// undo's summary names one: when every upload was refused for one reason
// (a missing role, say), the summary says which without the report.
func firstError(plan *importer.Plan, sum *importer.Summary) string {
	for i, res := range sum.Results {
		if res.Outcome == importer.OutcomeError && i < len(plan.Items) {
			return ", e.g. " + plan.Items[i].File.Name + ": " + strings.TrimSuffix(res.Err, ".")
		}
	}
	return ""
}

// onUndo asks, then reverts the import from its journal: replaced photos
// back from their backups, new ones removed.
func (r *importRun) onUndo() {
	dlg := r.dlg
	m := dlg.m
	showConfirm("Undo this import", "Put back every photo this import replaced (from its backups) and remove the photos it added? "+
		"Each photo as it is now is backed up first.", enterNo, func(yes bool) {
		if yes {
			r.startUndo()
		}
	}, m.w)
}

// onUndoEarlier undoes the import an earlier run made of the folder
// previewed, from its journal, after asking: the dialog that ran it may be
// long closed.
func (dlg *importDialog) onUndoEarlier() {
	showConfirm("Undo the earlier import", "Put back every photo the earlier import of "+filepath.Base(dlg.plan.Dir)+
		" replaced (from its backups) and remove the photos it added? Each photo as it is now is backed up first.", enterNo, func(yes bool) {
		if !yes {
			return
		}
		// The permission first: declined, the preview stays as it was.
		dlg.m.withWrite(app.Person{Kind: app.KindUser}, func() { dlg.newRunView().runUndo() })
	}, dlg.m.w)
}

// startUndo reverts the import from its journal, once the account may.
func (r *importRun) startUndo() {
	r.dlg.m.withWrite(app.Person{Kind: app.KindUser}, r.runUndo)
}

// runUndo reverts the import from its journal.
func (r *importRun) runUndo() {
	dlg := r.dlg
	m := dlg.m
	r.undo.Disable()
	r.resume.Hide()
	// Its own progress from nought, and its own Cancel: the import's stop
	// may be closed already (a cancelled run), and a long undo must not
	// hold the dialog with no way out.
	r.bar.Max = 1
	r.bar.SetValue(0)
	r.stop = make(chan struct{})
	r.undoing = true
	r.cancel.Enable()
	r.cancel.Show()
	r.text.SetText("Undoing the import…")
	dlg.status.SetText("Undoing the import from " + dlg.folderName() + ": its progress and, at the end, what it did are below.")
	r.running = true // an undo is a run too: the dialog holds still
	dlg.hold(true)
	// Its wait line's slot, kept as the import's is.
	dlg.showClientWait("")
	c, ctx, report, stop, hook := m.changer(), m.ctx, dlg.report, r.stop, dlg.undoHook // on the UI goroutine, not in the background
	// Quitting waits for the answers of the undos it sent (runToAnswer).
	m.bg.runToAnswer(func() {
		j, err := importer.OpenJournal(importer.JournalPath(report))
		var sum *importer.UndoSummary
		if err == nil {
			sum, err = importer.UndoImport(ctx, c, j, importer.UndoOptions{Stop: stop, Progress: func(done, total int) {
				if hook != nil {
					hook(done, total)
				}
				r.undone.offer(m.bg, [2]int{done, total}, r.renderUndo)
			}})
			j.Close()
		}
		m.bg.report(func() { r.undoEnded(sum, err) })
	})
}

// renderUndo shows how far an undo has come, while it runs (a count that
// arrives after its end is dropped: the summary stands).
func (r *importRun) renderUndo(n [2]int) {
	if !r.running || !r.undoing || r.cancel.Disabled() {
		return
	}
	done, total := n[0], n[1]
	r.bar.Max = float64(total)
	r.bar.SetValue(float64(done))
	r.text.SetText(fmt.Sprintf("Undoing the import: %d of %s…", done, plural(total, "change", "changes")))
}

// forgetChanged asks again for the avatars of everyone the import
// changed, so the list shows their photos as they are now, and for the
// photo on show if it is one of theirs — else Save would write a photo
// the person no longer has. The change path has already dropped what the
// engine cached of them (Changer.end).
func (r *importRun) forgetChanged() {
	r.forget(func(i int) bool {
		res := r.sum.Results[i]
		return res.Outcome == importer.OutcomeUploaded || res.Outcome == importer.OutcomeReplaced || res.Unanswered
	})
}

// forgetUndone is forgetChanged after an undo, which reverts what every
// run of the folder changed, not only this one's: everyone the preview
// matched is asked again.
func (r *importRun) forgetUndone() { r.forget(func(int) bool { return true }) }

// forget asks again for the avatars of the matched people of the plan's
// items that changed(i), and for the photo on show if it is one of theirs.
func (r *importRun) forget(changed func(i int) bool) {
	dlg, m := r.dlg, r.dlg.m
	shownChanged := false
	for i, it := range dlg.plan.Items {
		if it.User != nil && changed(i) {
			p := it.User.Person()
			m.sidebar.forgetAvatar(p)
			shownChanged = shownChanged || m.person != nil && m.person.SameAs(p)
		}
	}
	if shownChanged {
		m.load()
	}
}

// undoEnded shows what an undo of the import did, and offers to undo
// again what is left.
func (r *importRun) undoEnded(sum *importer.UndoSummary, err error) {
	r.running = false
	r.undoing = false
	r.cancel.Hide()
	dlg := r.dlg
	dlg.hold(false)
	dlg.showClientWait("")
	r.forgetUndone()
	dlg.status.SetText("The undo of the import from " + dlg.folderName() + " has ended: what it did is below. Preview again to see the folder as it is now.")
	// What is left to undo is offered below (Undo this import again),
	// not as the earlier import the preview found.
	dlg.undoEarlier.Hide()
	if sum == nil {
		r.text.SetText("The import could not be undone: " + friendly(err))
		r.undo.Enable()
		r.undo.Show() // an undo of an earlier import started without it
		return
	}
	r.endUndoBar(sum)
	text, again := undoneText(sum)
	if again {
		r.undo.Enable()
		r.undo.Show()
	}
	r.text.SetText(text)
}

// endUndoBar sets the bar to where the undo ended: counts that came after
// Cancel are dropped (renderUndo), so without it a stopped undo's bar
// stayed at the last count heard before Cancel, short of the undos on
// their way that finished after it.
func (r *importRun) endUndoBar(sum *importer.UndoSummary) {
	done := sum.Restored + sum.Removed + sum.Unsent + sum.AlreadyUndone + len(sum.Failed)
	if done+sum.Left == 0 {
		r.bar.Max = 1 // nothing to undo: a full bar, not an empty one
		r.bar.SetValue(1)
		return
	}
	r.bar.Max = float64(done + sum.Left)
	r.bar.SetValue(float64(done))
}

// undoneText says what an undo of an import did, and again whether
// "Undo this import again" has something left to do: changes that failed,
// or that were not tried because the undo was stopped — its account was
// signed out or switched — which read as a whole undo before.
func undoneText(sum *importer.UndoSummary) (text string, again bool) {
	head := "Undone"
	if sum.Left > 0 {
		head = "Undone in part"
	}
	text = fmt.Sprintf("%s: %s put back from their backups, %s the import added removed.",
		head, plural(sum.Restored, "photo", "photos"), plural(sum.Removed, "photo", "photos"))
	if sum.Foreign > 0 {
		text += "\n" + foreignNote(sum.Foreign)
	}
	if sum.AlreadyUndone > 0 {
		text += fmt.Sprintf("\n%s undone already (Undo last change): nothing sent for %s.",
			plural(sum.AlreadyUndone, "change was", "changes were"), pluralWord(sum.AlreadyUndone, "it", "them"))
	}
	if sum.Unsent > 0 {
		text += fmt.Sprintf("\n%d uploads that got no answer had not gone through: nothing to undo for them.", sum.Unsent)
	}
	if len(sum.Failed) > 0 {
		text += fmt.Sprintf("\n%d could not be undone (Undo this import again retries them), e.g. %s: %s", len(sum.Failed), sum.Failed[0].File, sum.Failed[0].Err)
		again = true
	}
	if sum.Left > 0 {
		text += fmt.Sprintf("\nThe undo was stopped before %s: Undo this import again does %s.",
			plural(sum.Left, "change", "changes"), pluralWord(sum.Left, "it", "them"))
		again = true
	}
	return text, again
}

// lateCancelNote is the summary's line for a Cancel that came once the
// last uploads were on their way: they finished and nothing was left, so
// the run reads "Done", which without this line looked as if Cancel had
// been missed.
func lateCancelNote(sum *importer.Summary) string {
	if !sum.StopCameLate {
		return ""
	}
	return "\nCancel came after the last uploads were sent: they finished, and nothing was left to send."
}

// endedNote is the summary's line for an import its account's end
// stopped (another account chosen, a sign-out): how many files it did not
// reach, or that none was left, how to send what was not sent, and how to
// undo what it changed or may have changed. Nobody tapped Cancel, so the
// late-Cancel line read as if someone had.
func endedNote(sum *importer.Summary) string {
	text := "\nEvery file had gone out when it stopped: none was left unreached."
	if sum.Stopped {
		text = "\n" + plural(sum.Total-sum.Done, "file was", "files were") + " not reached."
	}
	if sum.Stopped || sum.Errors > 0 {
		text += " To send the files not sent, open Import photos… with the account it started under and preview " +
			"this folder again: it offers to skip what was sent (resume)."
	}
	if mayHaveChanged(sum) {
		// Undo this import is not offered here: it would run as the
		// account whose work ended.
		text += " To undo the import, preview this folder again with that account and choose Undo the earlier import…"
	}
	return text
}
