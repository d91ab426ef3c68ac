package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// Issue 14, defect 3: every cell is server- or list-controlled, so every
// cell is neutralised, not only the UPN, the display name and the error.
func TestReportNeutralisesEveryCell(t *testing.T) {
	row := Row{
		ID: "=1+1", UPN: "+upn", DisplayName: "@name", Status: StatusOK, Size: "-size",
		ContentType: "=HYPERLINK(\"http://x\")", ETag: "+etag", File: "-file.jpg", Error: "\tTAB",
	}
	var buf bytes.Buffer
	rw, err := NewReportWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := rw.Write(row); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("report = %q, %v", buf.String(), err)
	}
	for i, cell := range recs[1] {
		if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
			t.Errorf("column %s = %q: a spreadsheet runs it as a formula", ReportHeader[i], cell)
		}
	}
	got, err := ReadReport(bytes.NewReader(buf.Bytes()))
	if err != nil || len(got) != 1 || got[0] != row {
		t.Errorf("read back %+v, %v; want %+v", got, err, row)
	}
}

// Issue 14, defects 7 and 8: a token a server echoed in its error, or an
// escape sequence, is not written into the report.
func TestReportErrorCellIsSanitised(t *testing.T) {
	var buf bytes.Buffer
	rw, err := NewReportWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	msg := "401: token Bearer eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJncmFwaCJ9.c2lnbmF0dXJl rejected\x1b[2J by https://u:pw@graph.test/v1.0"
	if err := rw.Write(Row{ID: "1", Status: StatusError, Error: msg}); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"eyJ", "\x1b", "u:pw"} {
		if strings.Contains(buf.String(), secret) {
			t.Errorf("report holds %q:\n%s", secret, buf.String())
		}
	}
}
