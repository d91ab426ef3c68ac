package views

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app/importer"
	"github.com/photodesk/photodesk/internal/testkit"
	"github.com/photodesk/photodesk/views/widgets"
)

// cellText is what row's cell in col reads, and its tick.
func (t *importTable) cellText(row, col int) (string, *widgets.EscapeCheck) {
	cell := t.createCell()
	t.updateCell(widget.TableCellID{Row: row, Col: col}, cell)
	border := cell.(*fyne.Container).Objects[1].(*fyne.Container)
	return border.Objects[0].(*widget.Label).Text, border.Objects[1].(*fyne.Container).Objects[0].(*widgets.EscapeCheck)
}

// A person Graph answers as having no Exchange mailbox is a cannot back
// up row, unticked and not counted in Import N photos even with replace
// on, with why beside it and a filter of its own; the import sends them
// nothing, and its summary counts them apart, with why. The preview used
// to say will upload, and the run uploaded with no backup; the summary
// then counted them among the skipped, with no word of why.
func TestImportPreviewWillNotChangeWhomItCannotBackUp(t *testing.T) {
	h := newImportHarness(t)
	ex := h.tenant.Dir.Examples()
	nm := ex.NoMailbox.UserPrincipalName + ".jpg"
	dlg := h.preview(testkit.PhotoFolder(t, nm, ex.NoPhoto.UserPrincipalName+".jpg"))
	dlg.replace.SetChecked(true)
	if !strings.Contains(dlg.status.Text, "2 files: 1 will upload, 1 cannot back up.") || dlg.start.Text != "Import 1 photo" {
		t.Errorf("counts %q, button %q; want 1 will upload, 1 cannot back up, Import 1 photo", dlg.status.Text, dlg.start.Text)
	}
	tb := dlg.table
	if !slices.Contains(tb.filter.Options, string(importer.StatusNoBackup)) {
		t.Fatalf("filter choices %v, want %q", tb.filter.Options, importer.StatusNoBackup)
	}
	tb.filter.SetSelected(string(importer.StatusNoBackup))
	if len(tb.rows) != 1 || dlg.plan.Items[tb.rows[0]].File.Name != nm {
		t.Fatalf("filtered rows %v, want %s alone", tb.rows, nm)
	}
	status, _ := tb.cellText(0, colStatus)
	now, _ := tb.cellText(0, colCurrent)
	_, tick := tb.cellText(0, colTick)
	if status != "cannot back up" || now == "none" || tick.Checked || !tick.Disabled() {
		t.Errorf("row: status %q, now %q, ticked %v, tick enabled %v; want cannot back up, not \"none\", unticked and fixed", status, now, tick.Checked, !tick.Disabled())
	}
	tb.showDetail(0)
	if head := tb.detail.Objects[0].(*widget.Label).Text; !strings.Contains(head, "no Exchange Online mailbox") || !strings.Contains(head, "cannot be backed up") {
		t.Errorf("detail %q, want why", head)
	}
	test.Tap(dlg.start)
	h.waitFor("the import to finish", func() bool { return dlg.run != nil && !dlg.run.running })
	if !strings.HasPrefix(dlg.run.text.Text, "Done: 1 uploaded, 0 replaced, 0 skipped, 1 cannot back up (no Exchange Online mailbox, so the current photo cannot be read: not sent), 0 errors") {
		t.Errorf("summary %q; want the file that cannot be backed up counted apart from the skipped, with why", dlg.run.text.Text)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for w := range h.writes {
		if strings.Contains(w, ex.NoMailbox.ID) || strings.Contains(w, ex.NoMailbox.UserPrincipalName) {
			t.Errorf("wrote %s", w)
		}
	}
}
