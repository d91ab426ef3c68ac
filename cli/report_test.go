package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/export"
)

// A new run's report replaces the last one at its first row, so its rows
// survive a crash as it goes; a resumed run leaves the last report in
// place until it ends, since the rows of people it has not reached yet
// are copied from it only then.
func TestResumedReportKeepsTheLastUntilTheEnd(t *testing.T) {
	header := strings.Join(export.ReportHeader, ",") + "\n"
	row := "id1,ann@contoso.com,Ann,ok,120x120,120,120,image/jpeg,\"E\",ann.jpg,,,\n"
	for _, resume := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "report.csv")
		old := header + "id0,old@contoso.com,Old,ok,120x120,120,120,image/jpeg,\"E\",old.jpg,,,\n"
		if err := os.WriteFile(path, []byte(old), 0o600); err != nil {
			t.Fatal(err)
		}
		e := &env{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }}
		w, finish, err := openReport(e, path, resume)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(header + row)); err != nil {
			t.Fatal(err)
		}
		during, _ := os.ReadFile(path)
		if keptOld := string(during) == old; keptOld != resume {
			t.Errorf("resume %v: during the run the report at the path holds %q", resume, during)
		}
		finish(true)
		if after, _ := os.ReadFile(path); string(after) != header+row {
			t.Errorf("resume %v: after the run the report holds %q", resume, after)
		}
	}
}
