package views

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/importer"
	"github.com/photodesk/photodesk/internal/testkit"
)

// A picture whose header and end read fine but whose pixels do not (cut
// short, with an end marker after the cut) is found out when its
// thumbnail is drawn: its row turns invalid with the reason, and Import
// N photos no longer counts it, instead of a blank thumbnail on a "will
// upload" row that the run then fails.
func TestImportThumbnailFailureMakesTheRowInvalid(t *testing.T) {
	h := newImportHarness(t)
	ex := h.tenant.Dir.Examples()
	dir := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg", "Grady Archie.jpg")
	path := filepath.Join(dir, "Grady Archie.jpg")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Cut into the pixels (past the header tables, which come first),
	// with the end marker the scan looks for put back.
	sos := bytes.Index(data, []byte{0xff, 0xda})
	if sos < 0 {
		t.Fatal("no start of scan")
	}
	n := sos + (len(data)-sos)/2
	cut := append(data[:n:n], 0xff, 0xd9)
	if err := os.WriteFile(path, cut, 0o600); err != nil {
		t.Fatal(err)
	}
	files, err := importer.Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Problem != "" {
			t.Fatalf("the scan finds %s (%s): the test needs a file only decoding finds", f.Name, f.Problem)
		}
	}
	dlg := h.preview(dir)
	_, it := dlg.item("Grady Archie.jpg")
	h.waitFor("the damaged row", func() bool { return it.Status == importer.StatusInvalid })
	h.waitIdle()
	if !strings.Contains(it.Note, "damaged or incomplete") {
		t.Errorf("note %q, want the reason", it.Note)
	}
	if !strings.Contains(dlg.status.Text, "1 will upload") || !strings.Contains(dlg.status.Text, "1 invalid") {
		t.Errorf("counts = %q", dlg.status.Text)
	}
	if dlg.start.Text != "Import 1 photo" {
		t.Errorf("button %q, want the damaged file left out", dlg.start.Text)
	}
}
