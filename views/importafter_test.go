package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/internal/testkit"
)

// Once an import has run, ticking or unticking Also replace (or resume)
// only sets what the next Preview does: it used to count the old
// preview again, put "Nothing is sent before Import" over the summary and
// enable Import, whose second run overwrote the report of the first and
// took its Undo this import away.
func TestImportChoicesAfterTheRunWaitForPreview(t *testing.T) {
	h := newImportHarness(t)
	ex := h.tenant.Dir.Examples()
	dir := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg", "Adele Vance.jpg")
	dlg := h.preview(dir)
	test.Tap(dlg.start)
	h.waitFor("the import to finish", func() bool { return dlg.run != nil && !dlg.run.running })
	ended := dlg.status.Text
	if !dlg.run.undo.Visible() {
		t.Fatalf("no Undo this import after the run: %q", dlg.run.text.Text)
	}

	dlg.replace.SetChecked(true)
	dlg.resume.SetChecked(!dlg.resume.Checked)

	if !dlg.start.Disabled() {
		t.Errorf("Import (%q) is enabled again on the preview the import already ran", dlg.start.Text)
	}
	if dlg.status.Text != ended || strings.Contains(dlg.status.Text, "Nothing is sent") {
		t.Errorf("the line above the summary now reads %q, want %q", dlg.status.Text, ended)
	}
	if !dlg.run.undo.Visible() {
		t.Error("Undo this import is gone")
	}
	if total, _ := h.writeCount(); total != 1 {
		t.Errorf("%d writes, want the run's one upload", total)
	}

	// Preview again: the choice made meanwhile counts.
	test.Tap(dlg.preview)
	h.waitFor("the new preview", func() bool { return dlg.run == nil && dlg.plan != nil })
	if !dlg.plan.Replace || !strings.Contains(dlg.status.Text, "will replace") {
		t.Errorf("the new preview does not replace: %q", dlg.status.Text)
	}
}
