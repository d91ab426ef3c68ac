package views

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/views/widgets"
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
// folder. The bulk work itself is app/export's, shared with the CLI. Who
// and which size are remembered for the next time it opens, and the folder
// apart from Save's (issue 18).
type exportForm struct {
	prefs   app.Preferences
	sources map[string]export.Source // by the radio option that names it
	whos    map[string]string        // the PrefExportWho value of each option
	// listed are the people (or groups) of each option known before the
	// run, for the files in the folder it would write again; an option
	// whose people only the run finds (every user, a group's members, a
	// list file still being looked up) has none.
	listed  map[string][]app.Person
	source  *widgets.EscapeRadio
	size    *widgets.EscapeSelect
	folder  *widgets.EscapeEntry
	browse  *widgets.KeyButton
	outcome *widget.Label // what the folder gets, for the size picked
	// sourceNote, under Whose photos, says why the contacts listed are
	// not among the choices; "" otherwise.
	sourceNote string
}

// The PrefExportWho values.
const (
	exportWhoListed = "listed"
	exportWhoGroups = "listed-groups"
	exportWhoGroup  = "group"
	exportWhoAll    = "all"
)

func newExportForm(m *mainWindow) *exportForm {
	f := &exportForm{prefs: m.prefs, sources: map[string]export.Source{}, whos: map[string]string{}, listed: map[string][]app.Person{}}
	var options []string
	add := func(label, who string, src export.Source, listed []app.Person) {
		f.sources[label], f.whos[label], f.listed[label] = src, who, listed
		options = append(options, label)
	}
	if l := m.sidebar.listing; l != nil && !l.finished {
		// The rows shown so far must not pass for the list: the export
		// looks the whole file up itself, as export --users-file does,
		// and counts each person once.
		entries := l.lookup.Entries()
		label := fmt.Sprintf("The people in %s (%s, still being looked up)", l.name, plural(len(entries), "entry", "entries"))
		add(label, exportWhoListed, export.Source{People: entries}, nil)
	} else if users := m.sidebar.listedUsers(); len(users) > 0 {
		ids := make([]string, len(users))
		for i, p := range users {
			ids[i] = p.ID
		}
		add(m.sidebar.listedLabel(plural(len(ids), "person", "people")), exportWhoListed, export.Source{People: ids}, users)
	}
	if groups := m.sidebar.listedGroups(); len(groups) > 0 && !m.sidebar.appOnly {
		// Their own photos: what a list of groups is for. Not offered to
		// an application, which Graph refuses group photos.
		label := m.sidebar.listedLabel(plural(len(groups), "group", "groups"))
		add(label+" — their own photos", exportWhoGroups, export.Source{Groups: groups}, groups)
	}
	if p := m.person; p != nil && p.Kind == app.KindGroup {
		add("Members of "+p.DisplayName, exportWhoGroup, export.Source{GroupID: p.ID}, nil)
	}
	add(exportAllUsers, exportWhoAll, export.Source{AllUsers: true}, nil)
	if m.sidebar.listsContacts() {
		// Left with "Every user in the tenant" alone, someone who came
		// for the contacts on screen could start a tenant-wide export.
		f.sourceNote = "Contacts are not exported, only users and groups: Save… saves a contact's photo."
	}
	f.source = widgets.NewEscapeRadio(options, nil)
	f.source.SetSelected(options[0])
	for _, o := range options {
		if f.whos[o] == m.prefs.String(app.PrefExportWho) {
			f.source.SetSelected(o)
		}
	}

	sizes := []string{largestLabel}
	for _, s := range graphapi.HDSizes {
		sizes = append(sizes, string(s))
	}
	f.size = widgets.NewEscapeSelect(append(sizes, exportSizeAll, exportSizeAudit), nil)
	f.outcome = widget.NewLabel("")
	f.outcome.Wrapping = fyne.TextWrapWord
	f.size.OnChanged = func(string) { f.showOutcome() }
	f.source.OnChanged = func(string) { f.showOutcome() }
	f.size.SetSelected(largestLabel)
	if last := m.prefs.String(app.PrefExportSize); slices.Contains(f.size.Options, last) {
		f.size.SetSelected(last)
	}

	f.folder = widgets.NewEscapeEntry()
	f.browse = widgets.NewKeyButton("", theme.FolderOpenIcon(), func() {
		d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err == nil && dir != nil {
				f.folder.SetText(dir.Path())
			}
		}, m.w)
		if dir := listableDir(typedFolder(f.folder.Text)); dir != nil {
			d.SetLocation(dir)
		}
		d.Resize(pickerSize(m.w))
		closeOnEscape(m.w, d)
		d.Show()
	})
	f.browse.Importance = widget.LowImportance
	// Inside the entry, so the entry itself is the form item and the form
	// keeps Start off while the folder is empty or a file. Set before the
	// entry first draws (SetText does): an action item set later is never
	// drawn, and the button was missing.
	f.folder.ActionItem = f.browse
	f.folder.SetText(m.prefs.String(app.PrefLastExportDir))
	f.folder.SetPlaceHolder("folder for the photos and the report")
	f.folder.Validator = func(text string) error { return validSaveFolder(typedFolder(text)) }
	return f
}

// showOutcome says what the folder gets for the source and size picked.
func (f *exportForm) showOutcome() {
	f.outcome.SetText(exportOutcome(f.size.Selected, f.whos[f.source.Selected] == exportWhoGroups))
}

// exportOutcome says what the folder gets for a size choice, of people or
// of groups (their own photos).
func exportOutcome(size string, groups bool) string {
	each, who := "person", "who has"
	if groups {
		each, who = "group", "which has"
	}
	switch size {
	case exportSizeAll:
		return "One file per " + each + " and stored size, and a report (CSV)."
	case exportSizeAudit:
		return "Only the report (CSV): each " + each + "'s photo size, type and ETag, and " + who + " none. No photo files."
	case largestLabel:
		return "One file per " + each + ", of the largest photo each has, and a report (CSV)."
	}
	return "One file per " + each + ", and a report (CSV). A missing size falls back to the largest smaller one."
}

func (f *exportForm) items() []*widget.FormItem {
	return []*widget.FormItem{
		{Text: "Whose photos", Widget: f.source, HintText: f.sourceNote},
		{Text: "Size", Widget: f.size},
		{Text: "Folder", Widget: f.folder, HintText: "Created if missing."},
		{Text: "You get", Widget: f.outcome},
	}
}

// remember keeps the choices for the next time the dialog opens.
func (f *exportForm) remember() {
	f.prefs.SetString(app.PrefExportWho, f.whos[f.source.Selected])
	f.prefs.SetString(app.PrefExportSize, f.size.Selected)
	f.prefs.SetString(app.PrefLastExportDir, typedFolder(f.folder.Text))
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
	dir := typedFolder(f.folder.Text)
	if err := validSaveFolder(dir); err != nil {
		return export.Options{}, fmt.Errorf("export folder: %w", err)
	}
	return export.Options{Source: f.sources[f.source.Selected], Sizes: sizes, Dir: dir}, nil
}

// onExport opens the Export… dialog.
func (m *mainWindow) onExport() {
	f := newExportForm(m)
	m.opened(f)
	d := newKeyForm("Export photos", "Start", "Cancel", f.items(), func(ok bool) {
		if !ok {
			return
		}
		opts, err := f.options()
		if err != nil {
			m.showError(err)
			return
		}
		f.remember()
		m.startExportAsking(opts, f.listed[f.source.Selected])
	}, m.w)
	f.folder.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(600, 0))
	d.Show()
	focusFirst(m.w) // Whose photos: Space picks, Tab goes on to Size and the folder
}

// startExportAsking starts opts, first asking once whether photo files
// already in the folder may be replaced: an export never replaces files
// silently (issue 14). listed are the source's people when known before
// the run: then only the files it would write again are counted and
// asked about (export.PhotosInTheWay). Otherwise — every user, a group's
// members — which of the folder's photos the run meets is not known, so
// the question counts the folder's photos as what they are, photos from
// earlier exports, rather than as files this export replaces. Keeping
// them is the safe choice, so it is the highlighted button and replacing
// is marked as the risky one. The folder is listed off the UI goroutine:
// on a network share, a folder of thousands of photos takes seconds. A
// folder that cannot be read is left to the export, which says why in its
// own dialog. An audit writes no photos and asks nothing.
func (m *mainWindow) startExportAsking(opts export.Options, listed []app.Person) {
	if opts.Sizes.Mode == export.ModeNone {
		m.startExport(opts)
		return
	}
	m.bg.run(func() {
		title, text, err := replaceQuestion(opts, listed)
		m.bg.do(func() {
			if err != nil || title == "" {
				m.startExport(opts)
				return
			}
			m.askReplace(opts, title, text)
		})
	})
}

// askReplace asks whether the photo files in opts' folder may be replaced
// (startExportAsking), then starts opts.
func (m *mainWindow) askReplace(opts export.Options, title, text string) {
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	start := func(force bool) func() {
		return func() {
			d.Hide()
			opts.Force = force
			m.startExport(opts)
		}
	}
	replace := keyButton(m.w, "Replace", nil, start(true))
	replace.Importance = widget.DangerImportance
	keep := keyButton(m.w, "Keep them", nil, start(false))
	keep.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(title, msg, m.w)
	d.SetButtons([]fyne.CanvasObject{keyButton(m.w, "Cancel", nil, func() { d.Hide() }), replace, keep})
	d.Resize(fyne.NewSize(exportDialogWidth, 0))
	closeOnEscape(m.w, d)
	d.Show()
}

// keptText ends both questions: what keeping them means.
const keptText = " Kept files are listed as \"exists\" in the report."

// replaceQuestion words the question before opts runs, or gives "" when
// nothing in the folder is in its way: listed are the source's people
// when known (startExportAsking).
func replaceQuestion(opts export.Options, listed []app.Person) (title, text string, err error) {
	if listed != nil {
		n, err := export.PhotosInTheWay(opts.Dir, listed, opts.Sizes)
		if err != nil || n == 0 {
			return "", "", err
		}
		return fmt.Sprintf("Replace %s?", plural(n, "existing file", "existing files")),
			fmt.Sprintf("The folder already holds %s this export writes again, named for the people and size chosen. "+
				"Replace %s with the photos fetched now, or keep %s?", plural(n, "photo file", "photo files"),
				pluralWord(n, "it", "them"), pluralWord(n, "it", "them")) + keptText, nil
	}
	n, err := export.ExistingPhotos(opts.Dir)
	if err != nil || n == 0 {
		return "", "", err
	}
	return fmt.Sprintf("This folder holds %s from earlier exports", plural(n, "photo", "photos")),
		"Which of them this export writes again is known only as it runs. " +
			"Replace those it fetches again, or keep them? Photos of anyone else are left alone either way." + keptText, nil
}

// listedLabel names the list for the export's Whose photos, counted as
// counted ("3 people", "12 groups"): only what was loaded, when the list
// stopped or has more pages, rather than a page passing for the whole.
func (s *sidebar) listedLabel(counted string) string {
	switch {
	case s.pageFailed:
		rest := "search again for the rest"
		if s.retry.Visible() { // the failed page can be asked for again
			rest = "retry below the list for the rest"
		}
		return fmt.Sprintf("The %s loaded before the list stopped (%s)", counted, rest)
	case s.morePages():
		return fmt.Sprintf("The %s loaded so far (scroll the list to load more)", counted)
	}
	return fmt.Sprintf("The %s listed", counted)
}

// listedGroups are the groups listed, for an export of their own photos;
// nil when the list holds people or contacts.
func (s *sidebar) listedGroups() []app.Person {
	var groups []app.Person
	for _, p := range s.results {
		if p.Kind != app.KindGroup {
			return nil
		}
		groups = append(groups, p)
	}
	return groups
}

// listsContacts reports contacts in the list, which Export does not take.
func (s *sidebar) listsContacts() bool {
	return slices.ContainsFunc(s.results, func(p app.Person) bool { return p.Kind == app.KindContact })
}

// listedUsers are the users listed, for an export of "the people
// listed"; nil when the list holds groups or contacts.
func (s *sidebar) listedUsers() []app.Person {
	var users []app.Person
	for _, p := range s.results {
		if p.Kind != app.KindUser {
			return nil
		}
		users = append(users, p)
	}
	return users
}
