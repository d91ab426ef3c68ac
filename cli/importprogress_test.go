package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/app/importer"
)

// On a slow Graph the first batch of an import (or envelope of an
// export) is out a while before any answer: the lines said "0/40 sent"
// as if nothing happened. They say what is on its way, apart from what
// is done, and the import's first line comes as its first batch goes.
func TestProgressLinesSayWhatIsOnItsWay(t *testing.T) {
	if got := progressLine(export.Progress{Total: 40, TotalKnown: true, InFlight: 20}); !strings.Contains(got, "0/40 people") || !strings.Contains(got, "20 on their way") {
		t.Errorf("export line %q; want 0/40 done and 20 on their way", got)
	}
	if got := progressLine(export.Progress{Done: 40, Total: 40, TotalKnown: true}); strings.Contains(got, "on their way") {
		t.Errorf("export line %q says something is on its way with none", got)
	}

	var out strings.Builder
	clock := time.Unix(0, 0)
	ip := newImportProgress(&out)
	ip.now = func() time.Time { return clock }
	ip.update(importer.Progress{Total: 40})
	if out.Len() != 0 {
		t.Errorf("the total alone printed %q", out.String())
	}
	ip.update(importer.Progress{Total: 40, InFlight: 20})
	if want := "0/40 sent  uploaded 0  replaced 0  errors 0  20 on their way"; !strings.Contains(out.String(), want) {
		t.Errorf("first line %q; want %q", out.String(), want)
	}
	out.Reset()
	clock = clock.Add(importLineEvery)
	ip.update(importer.Progress{Done: 40, Total: 40, Uploaded: 40})
	if want := "40/40 sent  uploaded 40  replaced 0  errors 0\n"; !strings.HasSuffix(out.String(), want) {
		t.Errorf("last line %q; want it to end %q", out.String(), want)
	}
}

// A batch still being read and decoded is not on its way: Ctrl+C does
// not send it. The line says it apart ("on their way" counted it).
func TestImportProgressLineSaysWhatIsBeingPrepared(t *testing.T) {
	got := importProgressLine(importer.Progress{Total: 40, InFlight: 20, Preparing: 20})
	if want := "0/40 sent  uploaded 0  replaced 0  errors 0  20 on their way  20 being prepared"; got != want {
		t.Errorf("line %q; want %q", got, want)
	}
}

// One request or upload out read "1 on their way"; it is "1 on its way",
// as the window says it, and more stay "on their way".
func TestProgressLinesSayOneIsOnItsWay(t *testing.T) {
	if got, want := progressLine(export.Progress{Total: 40, TotalKnown: true, InFlight: 1}), "  1 on its way"; !strings.Contains(got, want) {
		t.Errorf("export line %q; want it to say %q", got, want)
	}
	if got, want := importProgressLine(importer.Progress{Total: 40, InFlight: 1}), "0/40 sent  uploaded 0  replaced 0  errors 0  1 on its way"; got != want {
		t.Errorf("import line %q; want %q", got, want)
	}
	if got, want := importProgressLine(importer.Progress{Total: 40, InFlight: 2}), "0/40 sent  uploaded 0  replaced 0  errors 0  2 on their way"; got != want {
		t.Errorf("import line %q; want %q", got, want)
	}
}
