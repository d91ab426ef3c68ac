package views

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/graphapi"
)

// Export sources and size choices, as the dialog words them.
const (
	exportAllUsers  = "Every user in the tenant"
	exportSizeAll   = "All sizes"
	exportSizeAudit = "None: audit only, no files"
)

// exportDialogWidth fits the summary's lines without wrapping.
const exportDialogWidth = 560

// exportForm asks what to export: whose photos, which size, into which
// folder. The bulk work itself is app/export's, shared with the CLI.
type exportForm struct {
	sources map[string]export.Source // by the radio option that names it
	source  *widget.RadioGroup
	size    *widget.Select
	folder  *widget.Entry
	browse  *widget.Button
}

func newExportForm(m *mainWindow) *exportForm {
	f := &exportForm{sources: map[string]export.Source{}}
	var options []string
	if ids := m.sidebar.userIDs(); len(ids) > 0 {
		label := fmt.Sprintf("The %d people listed", len(ids))
		f.sources[label] = export.Source{People: ids}
		options = append(options, label)
	}
	if p := m.person; p != nil && p.Kind == app.KindGroup {
		label := "Members of " + p.DisplayName
		f.sources[label] = export.Source{GroupID: p.ID}
		options = append(options, label)
	}
	f.sources[exportAllUsers] = export.Source{AllUsers: true}
	options = append(options, exportAllUsers)
	f.source = widget.NewRadioGroup(options, nil)
	f.source.Required = true
	f.source.SetSelected(options[0])

	sizes := []string{largestLabel}
	for _, s := range graphapi.HDSizes {
		sizes = append(sizes, string(s))
	}
	f.size = widget.NewSelect(append(sizes, exportSizeAll, exportSizeAudit), nil)
	f.size.SetSelected(largestLabel)

	f.folder = widget.NewEntry()
	f.folder.SetText(m.prefs.String(app.PrefLastSaveDir))
	f.folder.SetPlaceHolder("folder for the photos and the report")
	f.folder.Validator = func(s string) error {
		if s == "" {
			return errors.New("choose a folder")
		}
		return nil
	}
	f.browse = widget.NewButton("Choose…", func() {
		d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err == nil && dir != nil {
				f.folder.SetText(dir.Path())
			}
		}, m.w)
		if dir := m.lastSaveDir(); dir != nil {
			d.SetLocation(dir)
		}
		d.Show()
	})
	return f
}

func (f *exportForm) items() []*widget.FormItem {
	return []*widget.FormItem{
		{Text: "Whose photos", Widget: f.source},
		{Text: "Size", Widget: f.size, HintText: "A missing size falls back to the largest smaller one."},
		{
			Text: "Folder", Widget: container.NewBorder(nil, nil, nil, f.browse, f.folder),
			HintText: "Gets one file per person and size, and a report (CSV).",
		},
	}
}

// options turns the form into export options (without client or report).
func (f *exportForm) options() (export.Options, error) {
	var sizes export.Sizes
	switch f.size.Selected {
	case exportSizeAll:
		sizes = export.Sizes{Mode: export.ModeAll}
	case exportSizeAudit:
		sizes = export.Sizes{Mode: export.ModeNone}
	default:
		var err error
		if sizes, err = export.ParseSizes(string(sizeFromLabel(f.size.Selected))); err != nil {
			return export.Options{}, err
		}
	}
	return export.Options{Source: f.sources[f.source.Selected], Sizes: sizes, Dir: f.folder.Text}, nil
}

// onExport opens the Export… dialog.
func (m *mainWindow) onExport() {
	f := newExportForm(m)
	m.exportForm = f
	d := dialog.NewForm("Export photos", "Start", "Cancel", f.items(), func(ok bool) {
		if !ok {
			return
		}
		opts, err := f.options()
		if err != nil {
			m.showError(err)
			return
		}
		m.rememberSaveDir(opts.Dir)
		m.startExport(opts)
	}, m.w)
	d.Resize(fyne.NewSize(600, 0))
	d.Show()
}

// userIDs are the ids of the users listed, for an export of "the people
// listed"; nil when the list holds groups or contacts.
func (s *sidebar) userIDs() []string {
	var ids []string
	for _, p := range s.results {
		if p.Kind != app.KindUser {
			return nil
		}
		ids = append(ids, p.ID)
	}
	return ids
}

// exportRun is one export in progress: a dialog with a progress bar and a
// Cancel button that turns into the summary when the run ends.
type exportRun struct {
	bar     *widget.ProgressBar
	text    *widget.Label
	button  *widget.Button
	dialog  *dialog.CustomDialog
	cancel  context.CancelFunc
	report  string
	mu      sync.Mutex
	latest  export.Progress
	pending bool // a UI update is queued and will read latest
}

// startExport runs opts in the background and shows its progress.
func (m *mainWindow) startExport(opts export.Options) {
	ctx, cancel := context.WithCancel(context.Background())
	r := &exportRun{
		bar:    widget.NewProgressBar(),
		text:   widget.NewLabel("Starting…"),
		cancel: cancel,
		report: filepath.Join(opts.Dir, "photodesk-report-"+time.Now().Format("20060102-150405")+".csv"),
	}
	r.text.Wrapping = fyne.TextWrapWord
	r.button = widget.NewButton("Cancel", func() {
		r.cancel()
		r.button.Disable()
		r.text.SetText("Stopping…")
	})
	r.dialog = dialog.NewCustomWithoutButtons("Exporting photos", container.NewVBox(r.bar, r.text), m.w)
	r.dialog.SetButtons([]fyne.CanvasObject{r.button})
	r.dialog.Resize(fyne.NewSize(exportDialogWidth, 0))
	r.dialog.Show()
	m.exportRun = r

	opts.Client = m.eng.Client()
	opts.Progress = func(p export.Progress) { r.onProgress(m.bg, p) }
	m.bg.run(func() {
		sum, err := runExport(ctx, opts, r.report)
		m.bg.do(func() { r.finish(sum, err) })
	})
}

// runExport creates the folder and the report file and runs the export.
func runExport(ctx context.Context, opts export.Options, reportPath string) (*export.Summary, error) {
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("export folder: %w", err)
	}
	f, err := os.Create(reportPath)
	if err != nil {
		return nil, fmt.Errorf("export report: %w", err)
	}
	opts.Report = f
	sum, err := export.Run(ctx, opts)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("export report: %w", cerr)
	}
	return sum, err
}

// onProgress keeps the newest progress and queues at most one UI update at
// a time, so a fast export cannot flood the UI goroutine.
func (r *exportRun) onProgress(bg *background, p export.Progress) {
	r.mu.Lock()
	r.latest = p
	queue := !r.pending
	r.pending = true
	r.mu.Unlock()
	if queue {
		bg.do(r.render)
	}
}

func (r *exportRun) render() {
	r.mu.Lock()
	p := r.latest
	r.pending = false
	r.mu.Unlock()
	if p.Total > 0 && p.TotalKnown {
		r.bar.Max = float64(p.Total)
		r.bar.SetValue(float64(p.Done))
	}
	text := fmt.Sprintf("%d of %d people: %d with a photo, %d without, %d errors", p.Done, p.Total, p.OK, p.NoPhoto, p.Errors)
	if !p.TotalKnown {
		text = fmt.Sprintf("%d people so far: %d with a photo, %d without, %d errors", p.Done, p.OK, p.NoPhoto, p.Errors)
	}
	if p.Waiting > 0 {
		text += "\n" + throttleText(1, p.Waiting)
	}
	r.text.SetText(text)
}

// finish shows the summary (or the error) and turns Cancel into Close.
func (r *exportRun) finish(sum *export.Summary, err error) {
	r.cancel()
	switch {
	case sum != nil:
		r.bar.Max = 1
		r.bar.SetValue(1)
		r.text.SetText(summaryText(sum, r.report) + errorSuffix(err))
	default:
		r.text.SetText("The export could not run: " + friendly(err))
	}
	r.button.SetText("Close")
	r.button.OnTapped = r.dialog.Hide
	r.button.Enable()
	r.dialog.Resize(fyne.NewSize(exportDialogWidth, 0)) // grows to fit the summary
}

func errorSuffix(err error) string {
	if err == nil || errors.Is(err, context.Canceled) {
		return ""
	}
	return "\n" + friendly(err)
}

// summaryText is the audit at the end of an export, worded for a person.
func summaryText(s *export.Summary, report string) string {
	head := "Done"
	if s.Cancelled {
		head = "Stopped early"
	}
	text := fmt.Sprintf("%s: %d people — %d with a photo, %d without, %d errors.\n"+
		"Only small sizes (240x240 or less): %d · Not square: %d\n"+
		"%d files in %s · Report: %s",
		head, s.Done, s.OK, s.NoPhoto, s.Errors, s.OnlySmall, s.NonSquare, s.Files,
		s.Elapsed.Round(100*time.Millisecond), filepath.Base(report))
	if s.Skipped > 0 {
		text += fmt.Sprintf("\n%d group members were skipped (not users).", s.Skipped)
	}
	return text
}
