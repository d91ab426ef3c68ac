package views

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/importer"
	"github.com/photodesk/photodesk/internal/testkit"
)

// After an earlier import sent two files — one to someone who has no
// photo now (a fresh tenant, say), one to someone who has — the box said
// "Skip the 2 files…" beside "Resume skips 1 file…", numbers that read as
// a contradiction. The counts line says why they differ: the other has a
// photo now, so it is not sent unless replace is ticked; with replace on
// the two agree.
func TestImportPreviewSaysWhyResumeSkipsFewerThanWereSent(t *testing.T) {
	h := newImportHarness(t)
	ex := h.tenant.Dir.Examples()
	dir := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg", "Adele Vance.jpg")
	dlg := h.preview(dir)
	owner, err := importer.OwnerOf(t.Context(), h.m.changer())
	if err != nil {
		t.Fatal(err)
	}
	var lines []importer.JournalLine
	for k, it := range dlg.plan.Items {
		data, err := os.ReadFile(it.File.Path)
		if err != nil || it.User == nil {
			t.Fatalf("%s: %v, matched %v", it.File.Name, err, it.User)
		}
		sum := sha256.Sum256(data)
		lines = append(lines, importer.JournalLine{
			File: it.File.Name, SHA256: hex.EncodeToString(sum[:]), User: it.User.ID, State: importer.JournalUploaded,
			Change: "c" + string(rune('0'+k)), Account: owner.Account, Tenant: owner.Tenant,
		})
	}
	journalLines(t, dir, lines...)
	dlg.d.Hide()

	dlg = h.preview(dir)
	if !strings.Contains(dlg.resume.Text, "Skip the 2 files") {
		t.Fatalf("resume box %q, want the 2 files sent", dlg.resume.Text)
	}
	if want := "Resume skips 1 of the 2 files the earlier import sent: the other one has a photo now, so it is not sent unless you tick Also replace."; !strings.Contains(dlg.status.Text, want) {
		t.Errorf("counts line %q, want %q", dlg.status.Text, want)
	}
	dlg.replace.SetChecked(true)
	if want := "Resume skips 2 files the earlier import sent."; !strings.Contains(dlg.status.Text, want) {
		t.Errorf("replace on, counts line %q, want %q", dlg.status.Text, want)
	}
}
