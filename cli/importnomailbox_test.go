package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/importer"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/internal/testkit"
)

// A dry run says that a person Graph answers as having no Exchange
// mailbox gets nothing (cannot back up, in the counts and the report),
// even with --replace; and the import itself then sends them nothing and
// exits 0, as for any file that is not to be sent, its last line counting
// it as cannot back up, with why, not among the skipped. Both used to
// promise the upload, which then went up with no backup.
func TestImportDryRunSaysWhomItCannotBackUp(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	ex := tn.Dir.Examples()
	nm, none := ex.NoMailbox.UserPrincipalName+".jpg", ex.NoPhoto.UserPrincipalName+".jpg"
	dir := testkit.PhotoFolder(t, nm, none)
	log := watch(t, tn)
	dry := filepath.Join(t.TempDir(), "dry.csv")
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--replace", "--dry-run", "--report", dry, "--backup", t.TempDir())
	if code != ExitOK || !strings.Contains(stderr, "2 files: will upload 1,") || !strings.Contains(stderr, "cannot back up 1 (no Exchange Online mailbox") {
		t.Errorf("dry run: exit %d, stderr %q; want 0, one will upload and one cannot back up", code, stderr)
	}
	ran := filepath.Join(t.TempDir(), "ran.csv")
	code, _, stderr = photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--replace", "--report", ran, "--backup", t.TempDir())
	if code != ExitOK || !strings.Contains(stderr, "uploaded 1, replaced 0, skipped 0, cannot back up 1 (no Exchange Online mailbox, so the current photo cannot be read: not sent), errors 0") {
		t.Errorf("import: exit %d, stderr %q; want 0, one uploaded and one cannot back up, saying why", code, stderr)
	}
	for _, report := range []string{dry, ran} {
		got := reportStatuses(t, report)
		if got[nm] != importer.ReportNoBackup || got[none] == importer.ReportNoBackup {
			t.Errorf("%s: %v; want %s %q", filepath.Base(report), got, nm, importer.ReportNoBackup)
		}
	}
	for w := range log.writes() {
		if strings.Contains(w, ex.NoMailbox.ID) || strings.Contains(w, ex.NoMailbox.UserPrincipalName) {
			t.Errorf("wrote %s", w)
		}
	}
}
