package export

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi"
)

func TestReportRoundTripAndFormulaGuard(t *testing.T) {
	rows := []Row{
		{
			ID: "1", UPN: "ann@contoso.com", DisplayName: "=HYPERLINK(\"http://x\")", Status: StatusOK, Size: "48x48",
			Width: 48, Height: 48, ContentType: "image/jpeg", ETag: `"ABC"`, File: "ann@contoso.com_48x48.jpg",
		},
		{ID: "2", UPN: "bo@contoso.com", DisplayName: "Bo, \"the\" Builder", Status: StatusNoPhoto, Size: "largest"},
		{ID: "3", DisplayName: "-1+2", Status: StatusError, Error: "graph 404 ImageNotFound\nsecond line"},
	}
	var buf bytes.Buffer
	rw, err := NewReportWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := rw.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Contains(buf.String(), ",=HYPERLINK") || strings.Contains(buf.String(), ",-1+2") {
		t.Errorf("a formula reached the CSV unguarded:\n%s", buf.String())
	}
	got, err := ReadReport(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("%d rows back, want %d", len(got), len(rows))
	}
	for i := range rows {
		if got[i] != rows[i] {
			t.Errorf("row %d: got %+v, want %+v", i, got[i], rows[i])
		}
	}
}

func TestReadReportToleratesATornLastLine(t *testing.T) {
	in := strings.Join(ReportHeader, ",") + "\n1,a@b.c,A,ok,48x48,48,48,image/jpeg,\"\"\"E\"\"\",a.jpg,\n2,b@b.c,\"B"
	rows, err := ReadReport(strings.NewReader(in))
	if err != nil || len(rows) != 1 || rows[0].ETag != `"E"` {
		t.Errorf("rows %+v, err %v; want the one whole row", rows, err)
	}
	if _, err := ReadReport(strings.NewReader("name,upn\nx,y\n")); err == nil {
		t.Error("a CSV without the report's columns was accepted")
	}
}

func TestParseSizes(t *testing.T) {
	for in, want := range map[string]Sizes{
		"": {Mode: ModeOne}, "largest": {Mode: ModeOne}, "48": {Mode: ModeOne, Size: "48x48"},
		"648X648": {Mode: ModeOne, Size: "648x648"}, "ALL": {Mode: ModeAll}, "none": {Mode: ModeNone},
	} {
		got, err := ParseSizes(in)
		if err != nil || got != want {
			t.Errorf("ParseSizes(%q) = %+v, %v; want %+v", in, got, err, want)
		}
		if back, _ := ParseSizes(got.String()); back != got {
			t.Errorf("%+v does not survive String: %q", got, got.String())
		}
	}
	if _, err := ParseSizes("50x50"); err == nil {
		t.Error("50x50 accepted")
	}
}

func TestWaitMeterSeesRetryWaits(t *testing.T) {
	var m WaitMeter
	started, release := make(chan struct{}), make(chan struct{})
	p := m.Policy(graphapi.RetryPolicy{Sleep: func(ctx context.Context, d time.Duration) error {
		close(started)
		<-release
		return nil
	}})
	done := make(chan error)
	go func() { done <- p.Sleep(context.Background(), 3*time.Second) }()
	<-started
	if w := m.Waiting(); w <= 2*time.Second || w > 3*time.Second {
		t.Errorf("Waiting during a 3 s wait = %s", w)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if w := m.Waiting(); w != 0 {
		t.Errorf("Waiting after the wait = %s", w)
	}
	if n, total := m.Totals(); n != 1 || total != 3*time.Second {
		t.Errorf("Totals = %d, %s", n, total)
	}
	var nilMeter *WaitMeter
	if nilMeter.Waiting() != 0 {
		t.Error("a nil meter waits")
	}
}

func TestRunRejectsBadOptions(t *testing.T) {
	c := graphapi.New()
	for _, o := range []Options{
		{Source: Source{AllUsers: true}, Dir: t.TempDir()},
		{Client: c, Dir: t.TempDir()},
		{Client: c, Source: Source{AllUsers: true, GroupID: "g"}, Dir: t.TempDir()},
		{Client: c, Source: Source{AllUsers: true}},
	} {
		if _, err := Run(t.Context(), o); err == nil {
			t.Errorf("Run(%+v) accepted", o)
		}
	}
	empty := Options{Client: c, Source: Source{People: []string{}}, Sizes: Sizes{Mode: ModeNone}}
	sum, err := Run(t.Context(), empty)
	if err != nil || sum.Done != 0 || !sum.TotalKnown {
		t.Errorf("an empty list: %+v, %v", sum, err)
	}
}
