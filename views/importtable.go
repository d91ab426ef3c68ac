package views

import (
	"context"
	"image"
	"image/color"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app/importer"
	"github.com/photodesk/photodesk/views/widgets"
)

// The preview's columns.
const (
	colTick = iota
	colFile
	colCurrent
	colPerson
	colRule
	colStatus
	colNote
	importColumns
)

var importHeaders = [importColumns]string{"", "File", "Now", "Person", "Rule", "Status", "Note"}

// importWidths are the columns' widths: Status fits its longest, "cannot
// back up".
var importWidths = [importColumns]float32{36, 210, 56, 270, 60, 130, 280}

// thumbSide is the preview's thumbnails, in pixels: Teams' small avatar.
const thumbSide = 40

// importTableHint is the panel under the table while no row is chosen.
const importTableHint = "Select a row to see more; untick a row to leave it out."

// Filter choices besides the statuses.
const filterAll = "All files"

// importTable is the preview: one row per file with the file's
// thumbnail (the centred square that would go up) and the person's
// current photo side by side, who matched, by which rule, and the status.
// Rows can be filtered, sorted by a column (tap its header), unticked;
// an ambiguous or duplicate row is settled in the panel under the table.
type importTable struct {
	m       *mainWindow
	plan    *importer.Plan
	changed func() // the plan changed: recount
	escape  func() // Escape in the dialog, from the settling panel's widgets

	table   *widgets.EscapeTable
	filter  *widgets.EscapeSelect
	search  *widgets.EscapeEntry
	detail  *fyne.Container
	content fyne.CanvasObject

	rows []int // plan items shown, in order
	// chosen is the plan item whose row is highlighted (-1: none). Fyne's
	// table selects one cell; a row is what a person settles, so the
	// whole row is drawn selected, and it stays with its item when the
	// rows are sorted or filtered.
	chosen int
	// cell is the cell Fyne's table has selected (nil: none). Fyne tells
	// nothing when a cell already selected is tapped again, so after the
	// rows moved under it (a filter, a sort) the cell must be moved with
	// its item, or tapping the row now under it said nothing and the panel
	// kept describing the file that had been there.
	cell    *widget.TableCellID
	sortCol int
	sortAsc bool

	redrawing atomic.Bool // a table refresh is queued

	// ctx ends when the dialog closes or a new preview replaces this
	// table (stop): the thumbnails and current photos stop loading.
	ctx  context.Context
	stop context.CancelFunc
	// drawn, when set, is called after each thumbnail, off the UI
	// goroutine; tests use it to close the dialog at a known point.
	drawn func()
	// fetching counts the current-photo fetches under way (loadCurrent),
	// and currentLoaded, when set, hears each one end; both on the UI
	// goroutine. While one is under way, Graph's waits are the table's,
	// and the dialog says them (importwait.go).
	fetching      int
	currentLoaded func()
	// beforeCurrent, when set, is called off the UI goroutine just before
	// the current photos are asked for (tests).
	beforeCurrent func()

	mu      sync.Mutex
	thumbs  map[string]image.Image // file path -> thumbnail
	current map[string]image.Image // user id -> current photo
	noPhoto map[string]bool        // user id -> has none
}

func newImportTable(m *mainWindow, plan *importer.Plan, changed func()) *importTable {
	t := &importTable{
		m: m, plan: plan, changed: changed, sortCol: colFile, sortAsc: true,
		thumbs: map[string]image.Image{}, current: map[string]image.Image{}, noPhoto: map[string]bool{},
	}
	t.ctx, t.stop = context.WithCancel(m.ctx)
	t.filter = widgets.NewEscapeSelect(t.filterChoices(), nil)
	t.filter.SetSelected(filterAll)
	t.filter.OnChanged = func(string) { t.refresh() }
	t.search = widgets.NewEscapeEntry()
	t.search.SetPlaceHolder("filter by file or person")
	t.search.OnChanged = func(string) { t.refresh() }
	t.detail = container.NewVBox(widget.NewLabel(importTableHint))

	t.table = widgets.NewEscapeTableWithHeaders(t.size, t.createCell, t.updateCell)
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = func() fyne.CanvasObject { return widget.NewButton("", nil) }
	t.table.UpdateHeader = t.updateHeader
	t.chosen = -1
	t.table.OnSelected = func(id widget.TableCellID) {
		t.cell = &id
		if id.Row >= 0 && id.Row < len(t.rows) {
			t.chosen = t.rows[id.Row]
		}
		t.table.Refresh() // every cell of the row, not Fyne's one, shows it
		t.showDetail(id.Row)
	}
	t.table.OnUnselected = func(widget.TableCellID) { t.cell = nil }
	for c, w := range importWidths {
		t.table.SetColumnWidth(c, w)
	}
	bar := container.NewBorder(nil, nil, t.filter, nil, t.search)
	t.content = container.NewBorder(bar, t.detail, nil, nil, t.table)
	t.refresh()
	return t
}

func (t *importTable) size() (int, int) { return len(t.rows), importColumns }

// createCell is one template for every column: a tick, a thumbnail and a
// label, of which updateCell shows what the column needs.
func (t *importTable) createCell() fyne.CanvasObject {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSquareSize(thumbSide))
	label := widget.NewLabel("")
	label.Truncation = fyne.TextTruncateEllipsis
	row := canvas.NewRectangle(color.Transparent) // the chosen row's highlight
	tick := widgets.NewEscapeCheck("", nil)
	tick.OnEscape = func() {
		if t.escape != nil {
			t.escape()
		}
	}
	return container.NewStack(row, container.NewBorder(nil, nil, container.NewHBox(tick, img), nil, label))
}

func (t *importTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row >= len(t.rows) {
		return
	}
	i := t.rows[id.Row]
	it := t.plan.Items[i]
	cell := o.(*fyne.Container)
	row := cell.Objects[0].(*canvas.Rectangle)
	if i == t.chosen {
		row.FillColor = theme.Color(theme.ColorNameSelection)
	} else {
		row.FillColor = color.Transparent
	}
	row.Refresh()
	border := cell.Objects[1].(*fyne.Container)
	label := border.Objects[0].(*widget.Label)
	left := border.Objects[1].(*fyne.Container)
	check, img := left.Objects[0].(*widgets.EscapeCheck), left.Objects[1].(*canvas.Image)
	check.Hide()
	img.Hide()
	label.SetText("")
	switch id.Col {
	case colTick:
		check.OnChanged = nil
		check.SetChecked(it.Ticked && it.Sendable())
		if it.Sendable() {
			check.Enable()
		} else {
			check.Disable()
		}
		check.OnChanged = func(on bool) { t.plan.SetTicked(i, on); t.changed() }
		check.Show()
	case colFile:
		t.showImage(img, t.thumb(it.File.Path))
		label.SetText(it.File.Name)
	case colCurrent:
		if it.Status == importer.StatusNoBackup {
			// Shown as no photo by the avatars, but Graph would not say:
			// not "none" (the note says why).
			label.SetText("?")
			break
		}
		if it.User != nil {
			im, none := t.currentOf(it.User.ID)
			if none {
				label.SetText("none")
			} else {
				t.showImage(img, im)
			}
		}
	case colPerson:
		label.SetText(personText(it))
	case colRule:
		label.SetText(string(it.Rule))
	case colStatus:
		label.SetText(statusText(t.plan, it))
	case colNote:
		label.SetText(it.Note)
	}
}

func (t *importTable) showImage(img *canvas.Image, im image.Image) {
	img.Image = im
	img.Show()
	img.Refresh()
}

// updateHeader makes each header a button that sorts by its column.
func (t *importTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 {
		return
	}
	text := importHeaders[id.Col]
	if id.Col == t.sortCol && text != "" {
		if t.sortAsc {
			text += " ▲"
		} else {
			text += " ▼"
		}
	}
	b.SetText(text)
	col := id.Col
	b.OnTapped = func() { t.sortBy(col) }
	b.Importance = widget.LowImportance
}

// sortBy sorts by col, or turns the order round when it sorts by it.
func (t *importTable) sortBy(col int) {
	if col == t.sortCol {
		t.sortAsc = !t.sortAsc
	} else {
		t.sortCol, t.sortAsc = col, true
	}
	t.refresh()
}

// refresh applies the filter and the sort and redraws.
func (t *importTable) refresh() {
	want := t.filter.Selected
	q := strings.ToLower(strings.TrimSpace(t.search.Text))
	t.rows = t.rows[:0]
	for i, it := range t.plan.Items {
		if want != "" && want != filterAll && statusChoice(t.plan, it.Status) != want {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(it.File.Name+" "+personText(it)), q) {
			continue
		}
		t.rows = append(t.rows, i)
	}
	key := func(i int) string {
		it := t.plan.Items[i]
		switch t.sortCol {
		case colPerson:
			return strings.ToLower(personText(it))
		case colRule:
			return string(it.Rule)
		case colStatus:
			return statusText(t.plan, it)
		case colNote:
			return it.Note
		case colTick:
			if t.plan.Sends(it) {
				return "0"
			}
			return "1"
		}
		return strings.ToLower(it.File.Name)
	}
	sort.SliceStable(t.rows, func(a, b int) bool {
		ka, kb := key(t.rows[a]), key(t.rows[b])
		if t.sortAsc {
			return ka < kb
		}
		return ka > kb
	})
	t.table.Refresh()
	t.followChosen()
}

// followChosen keeps Fyne's selected cell and the panel under the table
// on the chosen file after the rows changed: the cell moves to the file's
// new row and the panel says how the file stands now; a file the filter
// hides is let go, and the panel goes back to its hint, rather than
// describing a file no longer listed while a row still looked selected.
func (t *importTable) followChosen() {
	if t.chosen < 0 {
		return
	}
	row := slices.Index(t.rows, t.chosen)
	if row < 0 {
		t.chosen = -1
		t.table.UnselectAll()
		t.detail.Objects = []fyne.CanvasObject{widget.NewLabel(importTableHint)}
		t.detail.Refresh()
		return
	}
	if t.cell == nil || t.cell.Row != row {
		col := colFile
		if t.cell != nil {
			col = t.cell.Col
		}
		t.table.Select(widget.TableCellID{Row: row, Col: col}) // shows its detail
		return
	}
	t.showDetail(row)
}

// showDetail settles the selected row: pick the person of an ambiguous
// file, or the file to use among duplicates.
func (t *importTable) showDetail(row int) {
	if row < 0 || row >= len(t.rows) {
		return
	}
	t.showItem(t.rows[row])
}

// showItem is showDetail for plan item i, wherever its row is.
func (t *importTable) showItem(i int) {
	it := t.plan.Items[i]
	head := widget.NewLabel(it.File.Name + ": " + statusText(t.plan, it) + noteSuffix(it.Note))
	head.Wrapping = fyne.TextWrapWord
	objects := []fyne.CanvasObject{head}
	switch {
	case it.Status == importer.StatusAmbiguous || it.User != nil && len(it.Candidates) > 1:
		var labels []string
		for _, c := range it.Candidates {
			labels = append(labels, c.DisplayName+" ("+c.UPN+")")
		}
		pick := widgets.NewEscapeSelect(labels, func(s string) {
			for k, l := range labels {
				if l == s {
					_ = t.plan.Choose(i, it.Candidates[k].ID)
				}
			}
			t.afterChoice(i)
		})
		pick.PlaceHolder = "Pick who this is"
		for k, c := range it.Candidates {
			if it.User != nil && c.ID == it.User.ID {
				pick.Selected = labels[k] // the person picked, without picking again
			}
		}
		objects = append(objects, pick)
	case it.Status == importer.StatusDuplicate:
		use := widgets.NewKeyButton("Use this file for "+it.User.DisplayName, nil, func() {
			t.plan.Prefer(i)
			t.afterChoice(i)
		})
		objects = append(objects, use)
	}
	if t.escape != nil {
		passEscape(t.escape, objects...)
	}
	t.detail.Objects = objects
	t.detail.Refresh()
}

// afterChoice redraws after item i was settled. Its row may have moved
// (or left the filter, an ambiguous row once a person is picked): the
// panel says how item i stands now, not what the row it was on holds.
func (t *importTable) afterChoice(i int) {
	t.refresh()
	t.changed()
	t.loadCurrent() // a chosen person's current photo
	if t.chosen != i {
		t.showItem(i) // filtered out now: still said, as the answer to the choice
	}
}

func noteSuffix(note string) string {
	if note == "" {
		return ""
	}
	return " — " + note
}

// personText names the matched person, or the candidates.
func personText(it *importer.Item) string {
	switch {
	case it.User != nil:
		return it.User.DisplayName + " · " + it.User.UPN
	case len(it.Candidates) > 0:
		names := make([]string, len(it.Candidates))
		for i, c := range it.Candidates {
			names[i] = c.UPN
		}
		return strings.Join(names, " or ")
	}
	return ""
}

// filterStatuses are the statuses the filter offers, in its order.
var filterStatuses = []importer.Status{
	importer.StatusUpload, importer.StatusReplace, importer.StatusNoMatch, importer.StatusAmbiguous,
	importer.StatusDuplicate, importer.StatusInvalid, importer.StatusNoBackup,
}

// filterChoices are the filter's choices, each status in the rows' words
// for the plan as it stands: with replace off, "has a photo", not "will
// replace", which no row read.
func (t *importTable) filterChoices() []string {
	out := []string{filterAll}
	for _, st := range filterStatuses {
		out = append(out, statusChoice(t.plan, st))
	}
	return out
}

// statusChoice is status st as the filter offers it: the rows' word.
func statusChoice(p *importer.Plan, st importer.Status) string {
	if st == importer.StatusReplace && !p.Replace {
		return "has a photo"
	}
	return string(st)
}

// replaceChanged words the filter's choices for replace as it is now,
// the choice made kept (in its new words), and redraws the rows.
func (t *importTable) replaceChanged() {
	was := slices.Index(t.filter.Options, t.filter.Selected)
	t.filter.Options = t.filterChoices()
	t.filter.Refresh()
	if was > 0 && t.filter.Options[was] != t.filter.Selected {
		t.filter.SetSelected(t.filter.Options[was]) // refreshes the rows
		return
	}
	t.refresh()
}

// statusText is the status as the row shows it: a photo that will not be
// replaced (replace off) or a row left out say so. The filter's words are
// statusChoice's, so they stay the rows'.
func statusText(p *importer.Plan, it *importer.Item) string {
	switch {
	case it.Status == importer.StatusReplace && !p.Replace:
		// statusChoice's "has a photo", left out or not
	case it.Sendable() && !it.Ticked:
		return "left out"
	}
	return statusChoice(p, it.Status)
}
