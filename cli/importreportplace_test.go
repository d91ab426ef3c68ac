package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/internal/testkit"
)

// A report that cannot be written where it would go stops the import
// before any request, in words, as export's does. A dry run looked
// everyone up and then failed to save it ("the folder is not there any
// more", of a folder that is), and a run failed on its journal with Go's
// "open …/r.journal.jsonl: no such file or directory". /proc takes no new
// file, even for root.
func TestImportReportThatCannotBeWritten(t *testing.T) {
	if _, err := os.Stat("/proc/self"); err != nil {
		t.Skip("no /proc here")
	}
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	ex := tn.Dir.Examples()
	photos := testkit.PhotoFolder(t, ex.NoPhoto.UserPrincipalName+".jpg")
	for _, extra := range [][]string{{"--dry-run"}, {"--backup", t.TempDir()}} {
		args := append([]string{"import", "--folder", photos, "--report", "/proc/r.csv"}, extra...)
		before := requestsSeen(tn)
		code, _, stderr := photodesk(t, cmdOpts{env: env, dir: t.TempDir()}, args...)
		if code != ExitFailure || !strings.Contains(stderr, "annot write the report /proc/r.csv: ") {
			t.Errorf("%s: exit %d, stderr %q; want 1 saying the report cannot be written", strings.Join(extra, " "), code, stderr)
		}
		if strings.Contains(stderr, "open /") || strings.Contains(stderr, "not there any more") {
			t.Errorf("%s: %q", strings.Join(extra, " "), stderr)
		}
		if n := requestsSeen(tn) - before; n != 0 {
			t.Errorf("%s: %d requests before the refusal", strings.Join(extra, " "), n)
		}
	}
}

// requestsSeen is how many requests the sandbox has answered, all kinds.
func requestsSeen(tn *tenant) int {
	n := 0
	for _, c := range tn.Stats().Requests {
		n += c
	}
	return n
}
