package views

import (
	"errors"
	"fmt"

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
	m.opened(f)
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
		m.startExportAsking(opts)
	}, m.w)
	d.Resize(fyne.NewSize(600, 0))
	d.Show()
}

// startExportAsking starts opts, first asking once whether photo files
// already in the folder may be replaced: an export never replaces files
// silently (issue 14). Keeping them is the safe choice, so it is the
// highlighted button and replacing is marked as the risky one. Listing one
// folder is quick enough for the UI goroutine; a folder that cannot be
// read is left to the export, which says why in its own dialog.
func (m *mainWindow) startExportAsking(opts export.Options) {
	n, err := export.ExistingPhotos(opts.Dir)
	if err != nil || n == 0 {
		m.startExport(opts)
		return
	}
	msg := widget.NewLabel(fmt.Sprintf("The folder already holds %d photo files named like an export's. "+
		"Replace the ones this export fetches again, or keep them? Kept files are listed as \"exists\" in the report.", n))
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	start := func(force bool) func() {
		return func() {
			d.Hide()
			opts.Force = force
			m.startExport(opts)
		}
	}
	replace := widget.NewButton("Replace", start(true))
	replace.Importance = widget.DangerImportance
	keep := widget.NewButton("Keep them", start(false))
	keep.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(fmt.Sprintf("Replace %d existing files?", n), msg, m.w)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", func() { d.Hide() }), replace, keep})
	d.Resize(fyne.NewSize(exportDialogWidth, 0))
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
