package cli

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// Issue 14, defect 12: a backoff with no Retry-After is a retry, not a
// "Retry-After answer"; only real Retry-After answers are counted as such.
func TestWaitsNoteCountsOnlyRealRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		retryAfter, retries int
		want                string
	}{
		{0, 0, ""},
		{0, 3, "waited 1.5s in all: 3 retries with no Retry-After"},
		{1, 0, "waited 1.5s in all: 1 Retry-After answer"},
		{2, 1, "waited 1.5s in all: 2 Retry-After answers, 1 retry with no Retry-After"},
	} {
		if got := waitsNote(tc.retryAfter, tc.retries, 1500*time.Millisecond); got != tc.want {
			t.Errorf("waitsNote(%d, %d) = %q, want %q", tc.retryAfter, tc.retries, got, tc.want)
		}
	}
}

// An empty --group names --group, not another flag.
func TestExportEmptyGroupNamesTheFlag(t *testing.T) {
	var stderr strings.Builder
	code := run(context.Background(), []string{"export", "--group", "", "--out", t.TempDir()}, &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" }})
	if code != ExitUsage || !strings.Contains(stderr.String(), "--group was given an empty value") {
		t.Errorf("exit %d, stderr %q; want 2 and --group named", code, stderr.String())
	}
}

func TestRequeuedNote(t *testing.T) {
	if got := requeuedNote(1); got != "1 time an item was throttled or busy and sent again after the wait Graph asked for" {
		t.Errorf("requeuedNote(1) = %q", got)
	}
	if got := requeuedNote(7); !strings.HasPrefix(got, "7 times an item") {
		t.Errorf("requeuedNote(7) = %q", got)
	}
}

// TestBarStaysEmptyWhileTheTotalIsUnknown: exporting every user of a big
// tenant, the terminal bar was measured against the people paged so far,
// so it read nearly full ("[============================= ] 900/999+")
// with nine tenths of the tenant still to come. Until the total is known
// the bar stays empty and the line's count says how far it got, as the
// window does.
func TestBarStaysEmptyWhileTheTotalIsUnknown(t *testing.T) {
	var out strings.Builder
	p := newProgressPrinter(&out, true)
	p.draw(export.Progress{Done: 900, Total: 999})
	if strings.Contains(out.String(), "=") {
		t.Errorf("bar %q is filled while the total is unknown", out.String())
	}
	out.Reset()
	p.draw(export.Progress{Done: 500, Total: 1000, TotalKnown: true})
	if got := strings.Count(out.String(), "="); got != barWidth/2 {
		t.Errorf("bar %q: %d of %d filled at half way", out.String(), got, barWidth)
	}
}

// TestExportOfOnePersonListedTwiceCountsThemOnce: a list naming one
// person twice (her UPN, then her id) printed "0/2 people" and then
// "1/1 person". The list is looked up first, and its progress counts her
// once from the start.
func TestExportOfOnePersonListedTwiceCountsThemOnce(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	adele := tn.Dir.Examples().FullHD
	list := filepath.Join(t.TempDir(), "people.txt")
	if err := os.WriteFile(list, []byte(adele.UserPrincipalName+"\n"+adele.ID+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--users-file", list, "--out", t.TempDir(), "--size", "none")
	if code != ExitOK || strings.Contains(stderr, "/2 people") || !strings.Contains(stderr, "1/1 person ") ||
		!strings.Contains(stderr, "looking up the people listed: 0/2 entries") {
		t.Errorf("exit %d, stderr:\n%s\nwant the lookup's progress, then her counted once (1/1 person), never 2 people", code, stderr)
	}
}
