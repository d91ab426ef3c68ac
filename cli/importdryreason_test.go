package cli

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/internal/testkit"
)

// A dry run's skipped row says why, as the run's does and as the README
// says of the error column ("why a file was skipped"): a file for someone
// who has a photo, without --replace, was "skipped" with the column empty.
func TestImportDryRunSaysWhyItSkips(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	dir := testkit.PhotoFolder(t, "Adele Vance.jpg")
	report := filepath.Join(t.TempDir(), "dry.csv")
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--dry-run", "--report", report); code != ExitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	raw, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil || len(recs) != 2 || recs[0][1] != "status" || recs[0][10] != "error" {
		t.Fatalf("report %q: %v", raw, err)
	}
	if row := recs[1]; row[1] != "skipped" || row[10] != "has a photo; replace was off" {
		t.Errorf("row %q: want skipped, saying it has a photo and replace was off", row)
	}
}
