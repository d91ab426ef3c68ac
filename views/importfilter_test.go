package views

import (
	"slices"
	"testing"

	"github.com/photodesk/photodesk/app/importer"
	"github.com/photodesk/photodesk/internal/testkit"
)

// The status filter offers the rows' words: with replace off a row reads
// "has a photo", and the filter offered "will replace", which no row
// read. Ticking replace rewords the choice, the choice made kept.
func TestImportFilterOffersTheRowsWords(t *testing.T) {
	h := newImportHarness(t)
	ex := h.tenant.Dir.Examples()
	dlg := h.preview(testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg", "Adele Vance.jpg"))
	tb := dlg.table
	adele, _ := dlg.item("Adele Vance.jpg")
	if !slices.Contains(tb.filter.Options, "has a photo") || slices.Contains(tb.filter.Options, string(importer.StatusReplace)) {
		t.Fatalf("replace off, the filter offers %q; want \"has a photo\", as the row reads", tb.filter.Options)
	}
	tb.filter.SetSelected("has a photo")
	if len(tb.rows) != 1 || tb.rows[0] != adele {
		t.Fatalf("\"has a photo\" shows rows %v, want Adele's (%d)", tb.rows, adele)
	}

	dlg.replace.SetChecked(true)
	if tb.filter.Selected != string(importer.StatusReplace) || slices.Contains(tb.filter.Options, "has a photo") {
		t.Errorf("replace on, the filter offers %q with %q chosen; want \"will replace\" chosen", tb.filter.Options, tb.filter.Selected)
	}
	if len(tb.rows) != 1 || tb.rows[0] != adele || statusText(dlg.plan, dlg.plan.Items[adele]) != tb.filter.Selected {
		t.Errorf("\"will replace\" shows rows %v, want Adele's, reading as the choice", tb.rows)
	}
}
