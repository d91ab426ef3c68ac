package views

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app/importer"
	"github.com/photodesk/photodesk/views/widgets"
)

// importDialogSize fits the preview table's seven columns and a dozen rows.
var importDialogSize = fyne.NewSize(1080, 720)

// importDialog is File > Import photos…: pick a folder (or drop one on
// it), see the preview, change it, then run the import and, if need be,
// resume or undo it. The work is app/importer's, shared with the command
// line; this file holds the dialog and its first step.
type importDialog struct {
	m       *mainWindow
	d       *dialog.CustomDialog
	folder  *widgets.EscapeEntry
	browse  *widgets.KeyButton
	rules   *widgets.EscapeCheckGroup
	replace *widgets.EscapeCheck
	resume  *widgets.EscapeCheck
	// undoEarlier undoes the import an earlier run made of this folder,
	// shown when its journal holds changes: the dialog it ran in may be
	// long closed.
	undoEarlier *widgets.KeyButton
	resumed     map[int]bool // the plan's items a resume skips
	sent        int          // files the earlier import sent, as its journal says
	status      *widget.Label
	wait        *widget.Label // the Graph client's retry wait while a preview or a run goes on (importwait.go)
	preview     *widgets.KeyButton
	start       *widgets.KeyButton
	close       *widgets.KeyButton
	body        *fyne.Container // the preview table, then the run

	plan  *importer.Plan
	table *importTable
	run   *importRun
	// previewCtx is the preview being worked out, ended by a newer one or
	// by closing the dialog; previews counts them, so an older answer that
	// arrives last is dropped.
	previewCtx  context.Context
	stopPreview context.CancelFunc
	previews    int
	report      string // where the report goes: next to the folder
	// foreign is how many standing changes of another account or tenant
	// the folder's journal holds: the preview says once that they are
	// left alone.
	foreign int
	// batchSize is how many files go to Graph in one $batch; 0 is the
	// importer's 20. Tests make it small so a Cancel falls between two.
	batchSize int
	// progressHook, when set, sees each progress report first, on the
	// run's goroutine; tests use it to cancel at a known point rather
	// than racing the uploads.
	progressHook func(importer.Progress)
	// undoHook is progressHook for an undo of the import: it hears each
	// change undone first, on the undo's goroutine (tests).
	undoHook func(done, total int)
	// thumbDrawn, when set, is called after each preview thumbnail, off
	// the UI goroutine (tests).
	thumbDrawn func()
	// beforeCurrent, when set, is called off the UI goroutine just before
	// the preview's current photos are asked for (tests).
	beforeCurrent func()
}

// ruleLabels are the match rules as the dialog words them, in order:
// short enough to fit in one row at the window's smallest size.
var ruleLabels = []string{"Object id", "UPN", "Mail", "Alias (mailNickname)", "Display name"}

// onImport opens the Import photos… dialog.
func (m *mainWindow) onImport() {
	if m.importDlg != nil {
		m.importDlg.show()
		return
	}
	dlg := newImportDialog(m)
	m.importDlg = dlg
	m.opened(dlg)
	dlg.show()
	m.w.Canvas().Focus(dlg.folder) // type or paste a path straight away
}

func newImportDialog(m *mainWindow) *importDialog {
	dlg := &importDialog{m: m, status: widget.NewLabel("Choose a folder of photos named after people (or drop one here), then Preview.")}
	dlg.status.Wrapping = fyne.TextWrapWord
	dlg.wait = newImportWait()
	dlg.folder = widgets.NewEscapeEntry()
	dlg.folder.SetPlaceHolder("folder of photos")
	dlg.folder.OnSubmitted = func(string) { dlg.onPreview() }
	dlg.browse = keyButton(m.w, "Choose…", nil, dlg.onBrowse)
	dlg.rules = widgets.NewEscapeCheckGroup(ruleLabels)
	dlg.rules.SetSelected(ruleLabels)
	dlg.replace = widgets.NewEscapeCheck("Also replace photos people already have", dlg.onReplace)
	dlg.resume = widgets.NewEscapeCheck("Skip what an earlier import of this folder sent (resume)", func(bool) {
		if dlg.previewShown() {
			dlg.counted()
		}
	})
	dlg.resume.Hide()
	dlg.undoEarlier = keyButton(m.w, "Undo the earlier import…", nil, dlg.onUndoEarlier)
	dlg.undoEarlier.Importance = widget.DangerImportance
	dlg.undoEarlier.Hide()
	dlg.preview = keyButton(m.w, "Preview", nil, dlg.onPreview)
	dlg.preview.Importance = widget.HighImportance
	dlg.start = keyButton(m.w, "Import", nil, dlg.onStart)
	dlg.start.Importance = widget.HighImportance
	dlg.start.Disable()
	dlg.close = keyButton(m.w, "Close", nil, func() { dlg.d.Hide() })
	dlg.body = container.NewStack()

	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("Folder"), container.NewHBox(dlg.browse, dlg.preview), dlg.folder),
		container.NewHBox(widget.NewLabel("Match by"), dlg.rules),
		container.NewHBox(dlg.replace, dlg.resume, layout.NewSpacer(), dlg.undoEarlier),
		dlg.status,
		dlg.wait,
	)
	passEscape(dlg.escape, top, dlg.close, dlg.start)
	dlg.d = dialog.NewCustomWithoutButtons("Import photos", container.NewBorder(top, nil, nil, nil, dlg.body), m.w)
	dlg.d.SetButtons([]fyne.CanvasObject{dlg.close, dlg.start})
	dlg.d.SetOnClosed(dlg.closed)
	dlg.d.Resize(importDialogSize)
	return dlg
}

// show shows the dialog, which Escape closes as Close does — and as Close,
// not while an import or its undo runs (its Cancel must stay in sight);
// shown again then, it is registered again.
func (dlg *importDialog) show() {
	escapeWith(dlg.m.w, dlg.d, dlg.escape)
	dlg.d.Show()
}

// escape is Escape in the dialog, wherever the focus is: Close, if it may.
func (dlg *importDialog) escape() {
	if !dlg.close.Disabled() {
		dlg.close.OnTapped()
	}
}

// closed forgets the dialog unless an import still runs: reopening the
// menu item then brings the running one back.
func (dlg *importDialog) closed() {
	if dlg.busy() {
		return
	}
	dlg.endPreview()
	if dlg.m.importDlg == dlg {
		dlg.m.importDlg = nil
	}
	if dlg.table != nil {
		dlg.table.stop() // nobody will see the thumbnails: stop decoding them
	}
}

func (dlg *importDialog) onBrowse() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err == nil && dir != nil {
			dlg.setFolder(dir.Path())
		}
	}, dlg.m.w)
	if dir := listableDir(dlg.folder.Text); dir != nil {
		d.SetLocation(dir)
	} else if dir := dlg.m.lastOpenDir(); dir != nil {
		d.SetLocation(dir)
	}
	d.Resize(pickerSize(dlg.m.w))
	closeOnEscape(dlg.m.w, d)
	d.Show()
}

// setFolder takes a folder and previews it at once.
func (dlg *importDialog) setFolder(dir string) {
	dlg.folder.SetText(dir)
	dlg.onPreview()
}

// dropped takes a folder dropped while the dialog is open; false when the
// drop holds none, so the window handles it as usual.
func (dlg *importDialog) dropped(uris []fyne.URI) bool {
	if dlg.busy() {
		return false
	}
	for _, u := range uris {
		if u.Scheme() != "file" {
			continue
		}
		if fi, err := os.Stat(u.Path()); err == nil && fi.IsDir() {
			dlg.setFolder(u.Path())
			return true
		}
	}
	return false
}

// chosenRules are the ticked rules.
func (dlg *importDialog) chosenRules() []importer.Rule {
	var out []importer.Rule
	for i, label := range ruleLabels {
		for _, s := range dlg.rules.Selected {
			if s == label {
				out = append(out, importer.AllRules[i])
			}
		}
	}
	return out
}

// busy reports whether an import or its undo is running: the folder,
// the choices and Preview wait for it (hold), so nothing replaces the run
// on screen or changes the plan it is sending.
func (dlg *importDialog) busy() bool { return dlg.run != nil && dlg.run.running }

// hold turns the dialog's choices off while a run works, and on again.
func (dlg *importDialog) hold(on bool) {
	for _, w := range []fyne.Disableable{dlg.folder, dlg.browse, dlg.rules, dlg.replace, dlg.resume, dlg.undoEarlier, dlg.preview, dlg.close} {
		if on {
			w.Disable()
		} else {
			w.Enable()
		}
	}
}

// endPreview stops the preview being worked out, if any: its lookups end,
// its answer is dropped and so is its wait line.
func (dlg *importDialog) endPreview() {
	if dlg.stopPreview != nil {
		dlg.stopPreview()
	}
	dlg.previews++
	dlg.showClientWait("")
}

// onPreview scans the folder and matches it, off the UI goroutine;
// nothing is sent to Graph but lookups. A newer preview replaces one
// still being worked out.
func (dlg *importDialog) onPreview() {
	if dlg.busy() {
		return // Enter in the folder field, or Choose…, during a run
	}
	dir := dlg.folder.Text
	rules := dlg.chosenRules()
	switch fi, err := os.Stat(dir); {
	case dir == "":
		dlg.status.SetText("Choose a folder first.")
		return
	case err != nil || !fi.IsDir():
		dlg.status.SetText(dir + " is not a folder.")
		return
	case len(rules) == 0:
		dlg.status.SetText("Tick at least one way to match file names to people.")
		return
	}
	report, err := importer.DefaultReportPath(dir)
	if err != nil {
		dlg.status.SetText(friendly(err))
		return
	}
	dlg.m.rememberOpenDir(filepath.Dir(dir))
	dlg.start.Disable()
	dlg.preview.Disable()
	dlg.status.SetText("Looking up the people in " + filepath.Base(dir) + "…")
	m := dlg.m
	changer := m.changer() // made here, on the UI goroutine
	dlg.endPreview()
	ctx, stop := context.WithCancel(m.ctx)
	dlg.previewCtx, dlg.stopPreview = ctx, stop
	seq := dlg.previews
	m.bg.run(func() {
		plan, err := buildImportPlan(ctx, m, dir, rules)
		var before earlierImport
		owner, oerr := importer.OwnerOf(ctx, changer)
		if lines, jerr := importer.ReadJournal(importer.JournalPath(report)); jerr == nil && oerr == nil {
			before.sent, before.foreign = importer.SentCount(lines, owner), importer.ForeignCount(lines, owner)
			before.standing = importer.StandingCount(lines, owner)
			if err == nil {
				before.resumed = importer.ResumedItems(plan, lines, owner)
			}
		}
		if err == nil && oerr != nil {
			// Without knowing who imports, nothing can be resumed or
			// undone as theirs: the preview says why, rather than "0 sent".
			err = oerr
		}
		m.bg.do(func() {
			if seq != dlg.previews || m.importDlg != dlg {
				return // a newer preview, or the dialog was closed
			}
			stop()
			dlg.showClientWait("") // the preview's lookups no longer wait
			dlg.previewed(plan, report, before, err)
		})
	})
}

// buildImportPlan scans dir and matches its files: the lookups are
// $batch requests on the engine's client.
func buildImportPlan(ctx context.Context, m *mainWindow, dir string, rules []importer.Rule) (*importer.Plan, error) {
	files, err := importer.Scan(dir)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, errors.New("the folder holds no files")
	}
	return importer.BuildPlan(ctx, importer.GraphDirectory{Client: m.eng.Client()}, dir, files, rules)
}

// earlierImport is what the folder's journal tells of the imports before
// this one.
type earlierImport struct {
	sent     int // files this account sent: what a resume skips
	standing int // this account's changes that went through, or may have: what an undo reverts
	foreign  int // changes of another account or tenant, left alone
	resumed  map[int]bool
}

// previewed shows the plan, and what the folder's journal tells of the
// imports before: resume when they sent files, their undo when one of
// their changes went through or may have (an upload cut off on its way
// sent no file a resume skips, but may have changed a photo).
func (dlg *importDialog) previewed(plan *importer.Plan, report string, before earlierImport, err error) {
	dlg.preview.Enable()
	if err != nil {
		dlg.status.SetText("The folder could not be previewed: " + friendly(err))
		return
	}
	plan.Replace = dlg.replace.Checked
	dlg.plan, dlg.report, dlg.run, dlg.foreign, dlg.resumed = plan, report, nil, before.foreign, before.resumed
	sent := before.sent
	dlg.sent = sent
	dlg.resume.SetChecked(sent > 0)
	dlg.resume.Text = fmt.Sprintf("Skip the %s an earlier import of this folder sent (resume)", plural(sent, "file", "files"))
	dlg.resume.Refresh()
	if sent > 0 {
		dlg.resume.Show()
	} else {
		dlg.resume.Hide()
	}
	if sent > 0 || before.standing > 0 {
		dlg.undoEarlier.Show()
	} else {
		dlg.undoEarlier.Hide()
	}
	if dlg.table != nil {
		dlg.table.stop() // its thumbnails are of a preview no one sees any more
	}
	dlg.table = newImportTable(dlg.m, plan, dlg.counted)
	dlg.table.escape = dlg.escape
	passEscape(dlg.escape, dlg.table.content)
	dlg.table.drawn = dlg.thumbDrawn
	dlg.table.beforeCurrent = dlg.beforeCurrent
	dlg.table.currentLoaded = dlg.currentPhotosLoaded
	dlg.body.Objects = []fyne.CanvasObject{dlg.table.content}
	dlg.body.Refresh()
	dlg.counted()
	dlg.table.loadThumbnails()
}

// previewShown reports whether the preview is on screen: once an import
// (or an undo) of it has run, its summary is, and the choices wait for the
// next Preview — counting the old plan again would offer to send it twice.
func (dlg *importDialog) previewShown() bool { return dlg.plan != nil && dlg.run == nil }

// onReplace switches replacing on or off; after a run, for the next
// Preview (previewed reads the box).
func (dlg *importDialog) onReplace(on bool) {
	if !dlg.previewShown() {
		return
	}
	dlg.plan.Replace = on
	dlg.table.replaceChanged()
	dlg.counted()
}

// counted updates the counts and the Import button after any change to
// the plan.
func (dlg *importDialog) counted() {
	p := dlg.plan
	c := p.Count()
	parts := []string{fmt.Sprintf("%d will upload", c[importer.StatusUpload])}
	if n := c[importer.StatusReplace]; n > 0 && p.Replace {
		parts = append(parts, fmt.Sprintf("%d will replace", n))
	} else if n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s a photo (skipped unless you tick Also replace)", n, pluralWord(n, "has", "have")))
	}
	for _, st := range []importer.Status{importer.StatusNoMatch, importer.StatusAmbiguous, importer.StatusDuplicate, importer.StatusInvalid, importer.StatusNoBackup} {
		if n := c[st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, st))
		}
	}
	text := plural(len(p.Items), "file", "files") + ": " + strings.Join(parts, ", ") + ". Nothing is sent before Import."
	n, skipped := dlg.toSend()
	text += dlg.resumeNote(skipped)
	if dlg.foreign > 0 {
		text += "\n" + foreignNote(dlg.foreign)
	}
	dlg.status.SetText(text)
	dlg.start.SetText("Import " + plural(n, "photo", "photos"))
	if n > 0 {
		dlg.start.Enable()
	} else {
		dlg.start.Disable()
	}
}

// resumeNote is the counts line's word on a ticked resume: how many of
// the files the earlier import sent it skips, and why not the rest. The
// box says how many the earlier import sent ("Skip the 40 files…"), and
// "Resume skips 10 files" beside it read as a contradiction: the other 30
// have a photo now (the earlier import's), so with replace off they are
// not sent anyway.
func (dlg *importDialog) resumeNote(skipped int) string {
	if !dlg.resume.Visible() || !dlg.resume.Checked {
		return ""
	}
	sent := dlg.sent
	if skipped >= sent {
		return fmt.Sprintf(" Resume skips %s the earlier import sent.", plural(skipped, "file", "files"))
	}
	hasPhoto := 0 // sent before, and left out now because replace is off
	for i, it := range dlg.plan.Items {
		if dlg.resumed[i] && it.Status == importer.StatusReplace && !dlg.plan.Replace {
			hasPhoto++
		}
	}
	others := sent - skipped
	other := fmt.Sprintf("the other %d", others)
	if others == 1 {
		other = "the other one"
	}
	head := fmt.Sprintf(" Resume skips %d of the %d files the earlier import sent: %s", skipped, sent, other)
	if skipped == 0 {
		head = fmt.Sprintf(" Resume skips none of the %d files the earlier import sent: %s", sent, pluralWord(sent, "it", "they"))
	}
	if hasPhoto == others {
		return head + fmt.Sprintf(" %s a photo now, so %s not sent unless you tick Also replace.",
			pluralWord(others, "has", "have"), pluralWord(others, "it is", "they are"))
	}
	return head + " are not sent now anyway (a photo now and replace off, or left out), or have changed since."
}

// toSend is how many files Import sends now, and how many it would send
// but a ticked resume skips, as sent by the earlier import.
func (dlg *importDialog) toSend() (n, resumed int) {
	skipping := dlg.resume.Visible() && dlg.resume.Checked
	for i, it := range dlg.plan.Items {
		switch {
		case !dlg.plan.Sends(it):
		case skipping && dlg.resumed[i]:
			resumed++
		default:
			n++
		}
	}
	return n, resumed
}

// foreignNote says that changes of another account or tenant are left
// alone, rather than failing on them.
func foreignNote(n int) string {
	return fmt.Sprintf("An earlier import of this folder by another account or in another tenant changed %s: "+
		"%s not resumed or undone here (sign in as that account to undo %s).", plural(n, "photo", "photos"), pluralWord(n, "it is", "they are"), pluralWord(n, "it", "them"))
}
