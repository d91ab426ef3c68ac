package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// TestExportKeepsExistingFiles is issue 14's defect 6: an export replaced
// a same-named file it had not written. Without Force the file is kept,
// the row says "exists" and the summary counts it; Force replaces it.
func TestExportKeepsExistingFiles(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 5})
	ex := tn.Dir.Examples()
	opts := Options{
		Client: tn.Client(tn.Token), Source: Source{People: []string{ex.FullHD.UserPrincipalName}},
		Sizes: Sizes{Mode: ModeOne}, Dir: t.TempDir(),
	}
	_, rows, dir, err := exportRun(t, t.Context(), opts)
	if err != nil || len(rows) != 1 || rows[0].Status != StatusOK {
		t.Fatalf("first export: %v, %+v", err, rows)
	}
	path := filepath.Join(dir, rows[0].File)
	mine := []byte("someone else's file")
	if err := os.WriteFile(path, mine, 0o644); err != nil {
		t.Fatal(err)
	}

	sum, rows, _, err := exportRun(t, t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Status != StatusExists || rows[0].File == "" {
		t.Fatalf("rows = %+v, want one %q row naming the file", rows, StatusExists)
	}
	if data, _ := os.ReadFile(path); string(data) != string(mine) {
		t.Errorf("the existing file was replaced")
	}
	if sum.Exists != 1 || sum.Files != 0 || sum.Done != 1 || sum.Errors != 0 {
		t.Errorf("summary %+v, want 1 exists, no file written", sum)
	}
	if !strings.Contains(sum.String(), "1 file already there kept") {
		t.Errorf("summary line %q does not count the kept file", sum.String())
	}

	opts.Force = true
	sum, rows, _, err = exportRun(t, t.Context(), opts)
	if err != nil || len(rows) != 1 || rows[0].Status != StatusOK || sum.Files != 1 {
		t.Fatalf("forced export: %v, %+v, %+v", err, rows, sum)
	}
	if data, _ := os.ReadFile(path); string(data) == string(mine) {
		t.Errorf("Force did not replace the file")
	}
}
