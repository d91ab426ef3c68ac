package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app/importer"
	"github.com/photodesk/photodesk/internal/testkit"
	"github.com/photodesk/photodesk/views/widgets"
)

// detailText is the first line of the panel under the import table.
func (t *importTable) detailText() string {
	return t.detail.Objects[0].(*widget.Label).Text
}

// The panel under the preview describes the row that looks selected.
// Fyne's table kept its selected cell where it was when a filter moved
// the rows under it, and says nothing when that cell is tapped again: the
// row now there was highlighted in that column, but tapping it left the
// panel on the file filtered out. And a person picked for an ambiguous
// file under the "ambiguous" filter left the panel reading "ambiguous —
// pick one" with the picker, though the file had left the list.
func TestImportTablePanelFollowsTheChosenFile(t *testing.T) {
	h := newImportHarness(t)
	ex := h.tenant.Dir.Examples()
	nestor := ex.NoPhoto.UserPrincipalName + ".jpg"
	dlg := h.preview(testkit.PhotoFolder(t, nestor, "Nobody Known.jpg", "Alan Hall.jpg"))
	tb := dlg.table
	rowOf := func(name string) int {
		for row, i := range tb.rows {
			if dlg.plan.Items[i].File.Name == name {
				return row
			}
		}
		t.Fatalf("%s is not listed: %v", name, tb.rows)
		return -1
	}

	tb.filter.SetSelected(string(importer.StatusNoMatch))
	tb.table.Select(widget.TableCellID{Row: rowOf("Nobody Known.jpg"), Col: colStatus})
	if got := tb.detailText(); !strings.HasPrefix(got, "Nobody Known.jpg: no match") {
		t.Fatalf("panel %q after choosing Nobody Known.jpg", got)
	}
	tb.filter.SetSelected(string(importer.StatusUpload))
	if got := tb.detailText(); got != importTableHint {
		t.Errorf("filtered out, the chosen file's panel stayed: %q", got)
	}
	// The tap on the one row left, where the selected cell was: Fyne
	// hears no change of cell.
	tb.table.Select(widget.TableCellID{Row: 0, Col: colStatus})
	if got := tb.detailText(); !strings.HasPrefix(got, nestor+": will upload") {
		t.Errorf("tapping %s's row shows %q", nestor, got)
	}

	// Sorted the other way round, the chosen file keeps the panel and
	// the selected cell moves with it.
	tb.filter.SetSelected(filterAll)
	tb.sortBy(colFile)
	if got := tb.detailText(); !strings.HasPrefix(got, nestor+": will upload") {
		t.Errorf("after sorting the panel reads %q", got)
	}
	if tb.cell == nil || tb.cell.Row != rowOf(nestor) {
		t.Errorf("selected cell %v, want on %s's row %d", tb.cell, nestor, rowOf(nestor))
	}

	tb.filter.SetSelected(string(importer.StatusAmbiguous))
	tb.table.Select(widget.TableCellID{Row: 0, Col: colPerson})
	alan, it := dlg.item("Alan Hall.jpg")
	pick := tb.detail.Objects[1].(interface{ SetSelectedIndex(int) })
	pick.SetSelectedIndex(1)
	if it.Status == importer.StatusAmbiguous {
		t.Fatalf("Alan Hall.jpg still ambiguous after the pick")
	}
	got := tb.detailText()
	if strings.Contains(got, "ambiguous") || !strings.HasPrefix(got, "Alan Hall.jpg: "+statusText(dlg.plan, dlg.plan.Items[alan])) {
		t.Errorf("after picking, the panel reads %q; want how Alan Hall.jpg stands now (%s)", got, statusText(dlg.plan, it))
	}
	if picked := tb.detail.Objects[1].(*widgets.EscapeSelect).Selected; picked != it.Candidates[1].DisplayName+" ("+it.Candidates[1].UPN+")" {
		t.Errorf("after picking, the picker shows %q", picked)
	}
}
