package export

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
)

// exportRun runs an export into a fresh folder and returns the summary,
// the parsed report and the folder.
func exportRun(t *testing.T, ctx context.Context, opts Options) (*Summary, []Row, string, error) {
	t.Helper()
	if opts.Dir == "" {
		opts.Dir = t.TempDir()
	}
	var report bytes.Buffer
	opts.Report = &report
	sum, err := Run(ctx, opts)
	rows, rerr := ReadReport(bytes.NewReader(report.Bytes()))
	if rerr != nil {
		t.Fatalf("report does not parse: %v\n%s", rerr, report.String())
	}
	return sum, rows, opts.Dir, err
}

// byKey indexes rows by lower-cased UPN (or id), failing on duplicates:
// every person must appear exactly once.
func byKey(t *testing.T, rows []Row) map[string]Row {
	t.Helper()
	out := make(map[string]Row, len(rows))
	for _, r := range rows {
		k := strings.ToLower(r.UPN)
		if k == "" {
			k = strings.ToLower(r.ID)
		}
		if _, dup := out[k]; dup {
			t.Errorf("%s appears in the report twice", k)
		}
		out[k] = r
	}
	return out
}

// filesIn lists the regular files of dir, failing on leftover temp files.
func filesIn(t *testing.T, dir string) map[string]bool {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
		out[e.Name()] = true
	}
	return out
}

// checkFiles verifies that every ok row's file exists and decodes to the
// reported dimensions, and that no other photo files exist.
func checkFiles(t *testing.T, dir string, rows []Row) {
	t.Helper()
	files := filesIn(t, dir)
	want := map[string]bool{}
	for _, r := range rows {
		if r.Status != StatusOK {
			if r.File != "" {
				t.Errorf("%s: status %s but file %q", r.UPN, r.Status, r.File)
			}
			continue
		}
		want[r.File] = true
		data, err := os.ReadFile(filepath.Join(dir, r.File))
		if err != nil {
			t.Errorf("%s: %v", r.UPN, err)
			continue
		}
		img, err := app.DecodeImage(data, 0)
		if err != nil {
			t.Errorf("%s: saved file does not decode: %v", r.File, err)
			continue
		}
		if img.Width != r.Width || img.Height != r.Height {
			t.Errorf("%s: file is %dx%d, report says %dx%d", r.File, img.Width, img.Height, r.Width, r.Height)
		}
	}
	for f := range files {
		if !want[f] {
			t.Errorf("file %s is not in the report", f)
		}
	}
}
