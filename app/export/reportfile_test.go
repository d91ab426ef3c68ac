package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A resumed run's report keeps the last one in place until Finish, then
// replaces it; a run that fails before its first row leaves the last
// report as it was; ReadPrevious reads what Finish put in place.
func TestReportFileKeepsTheLastReportUntilTheEnd(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.csv")
	header := strings.Join(ReportHeader, ",") + "\n"
	last := header + "u1,ann@x,Ann,ok,48x48,48,48,image/jpeg,\"E1\",ann.jpg,,,\n"
	if err := os.WriteFile(path, []byte(last), 0o600); err != nil {
		t.Fatal(err)
	}
	read := func() string {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}

	failed, err := CreateReport(path, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := failed.Write([]byte(header)); err != nil {
		t.Fatal(err)
	}
	if err := failed.Finish(false); err != nil || read() != last || failed.Started() || failed.Created() {
		t.Fatalf("a run failing before its first row: %v; report %q", err, read())
	}

	resumed, err := CreateReport(path, true)
	if err != nil {
		t.Fatal(err)
	}
	next := header + "u1,ann@x,Ann,ok,48x48,48,48,image/jpeg,\"E1\",ann.jpg,,,\nu2,bo@x,Bo,no-photo,48x48,,,,,,,,\n"
	if _, err := resumed.Write([]byte(next)); err != nil {
		t.Fatal(err)
	}
	if read() != last {
		t.Fatalf("the last report was replaced before the resumed run ended: %q", read())
	}
	if err := resumed.Finish(true); err != nil || read() != next {
		t.Fatalf("after Finish: %v; report %q", err, read())
	}
	rows, err := ReadPrevious(path)
	if err != nil || len(rows) != 2 || rows[1].ID != "u2" {
		t.Errorf("ReadPrevious = %+v, %v", rows, err)
	}
	if rows, err := ReadPrevious(path + ".missing"); rows != nil || err != nil {
		t.Errorf("ReadPrevious of no report = %v, %v; want nothing to resume from", rows, err)
	}
}
