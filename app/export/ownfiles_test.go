package export

import (
	"os"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// TestResumeAtAnotherSizeKeepsItsOwnFiles: --size 240x240, then --resume
// --size largest, then --resume --size 240x240 again. The second run's
// report dropped the 240x240 file the first had written, and the third
// run, finding it in its way, kept it as "exists" — the export's own
// photo, however outdated, passed for a stranger's. The report keeps
// listing the export's files still in the folder, so the third run checks
// and replaces its own file, and every file in the folder is in the
// report.
func TestResumeAtAnotherSizeKeepsItsOwnFiles(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	dir := t.TempDir()
	opts := Options{Client: tn.Client(tn.Token), Source: Source{People: []string{ex.FullHD.UserPrincipalName}}, Dir: dir}
	var rows []Row
	for i, size := range []graphapi.Size{"240x240", graphapi.SizeLargest, "240x240"} {
		opts.Sizes = Sizes{Mode: ModeOne, Size: size}
		opts.Resume, opts.Previous = i > 0, rows
		if i == 2 {
			tn.Dir.TouchPhoto(ex.FullHD.ID) // changed since: the 240x240 file is outdated
		}
		_, got, _, err := exportRun(t, t.Context(), opts)
		if err != nil {
			t.Fatal(err)
		}
		rows = got
		checkFiles(t, dir, rows)
	}
	for _, r := range rows {
		if r.Status == StatusExists {
			t.Errorf("the export's own file kept as a stranger's: %+v", r)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Errorf("folder holds %d files, want the 240x240 and the 648x648 photo", len(entries))
	}
}
