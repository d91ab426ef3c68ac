package cli

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"
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
