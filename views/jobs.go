package views

import (
	"fmt"
	"slices"

	"github.com/photodesk/photodesk/app/export"
)

// runningJob is work of the window that closing it would stop, as the
// question before quitting names it (quitask.go).
type runningJob struct {
	// what names the job within a sentence: "an export", "Save all sizes
	// for Adele Vance".
	what string
	// progress is how far it has come ("36 of 50 people"); "" when not known.
	progress string
	// after says what becomes of the job stopped, for the question to
	// say once however many jobs share it; "" when there is nothing to add.
	after string
	// stop stops the job as its own Cancel or Stop would; nil when it has
	// none and ends with the account's work as the window closes.
	stop func()
}

// jobList holds the window's jobs that no dialog of their own shows: Save
// all sizes and the changes of one photo. Only the UI goroutine touches it.
type jobList struct {
	running []*runningJob
}

// add notes j as running until the end it returns is called.
func (l *jobList) add(j runningJob) (end func()) {
	p := &j
	l.running = append(l.running, p)
	return func() { l.running = slices.DeleteFunc(l.running, func(x *runningJob) bool { return x == p }) }
}

// runningJobs lists the work running in the window now, oldest kinds
// first: an export, an import or its undo, then the jobs in m.jobs. It is
// the one place that knows where each kind of job is kept. UI goroutine.
func (m *mainWindow) runningJobs() []runningJob {
	var out []runningJob
	if r := m.exporting; r != nil && !r.finished {
		out = append(out, runningJob{
			what: "an export", progress: exportProgress(r.progress.get()),
			after: "The files written so far stay, and a stopped export can be resumed (export --resume on the command line).",
			stop:  r.stop,
		})
	}
	if dlg := m.importDlg; dlg != nil && dlg.busy() {
		out = append(out, dlg.run.job())
	}
	for _, j := range m.jobs.running {
		out = append(out, *j)
	}
	return out
}

// trackChange runs change, one photo's change (an upload, a removal, an
// undo), in the background, listed as what among the running jobs until
// it returns. It has no Stop of its own: quitting waits a few seconds for
// its answer (runToAnswer, shell.quitWork) before the account's work ends
// and cuts it off, so a change Graph took is logged as made, with its
// backup, not as perhaps gone through.
func (m *mainWindow) trackChange(what string, change func()) {
	end := m.jobs.add(runningJob{
		what:  what,
		after: "A change on its way gets a few seconds for its answer; one cut off may still go through: Edit > Undo last change checks, and puts the photo back.",
	})
	m.bg.runToAnswer(func() {
		defer m.bg.report(end)
		change()
	})
}

// exportProgress is how far an export has come, as its dialog counts it;
// "" before its first progress.
func exportProgress(p export.Progress) string {
	switch {
	case p.LookingUp():
		return fmt.Sprintf("looking up the people listed: %d of %d", p.LookedUp, p.Listed)
	case p.TotalKnown && p.Total > 0:
		return fmt.Sprintf("%d of %d %s", p.Done, p.Total, p.Unit(p.Total))
	case p.Done > 0:
		return fmt.Sprintf("%d %s so far", p.Done, p.Unit(p.Done))
	}
	return ""
}
