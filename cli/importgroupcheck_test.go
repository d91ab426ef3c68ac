package cli

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/internal/testkit"
)

// An import's preview by an account that may not list groups asks Graph
// for groups once, and takes its refusal for the rest: forty files nobody
// matches used to cost a refused /groups lookup per fifteen names. The
// dry run still succeeds, and each unmatched row of its report says that
// groups could not be checked, and why.
func TestImportDryRunAsksForGroupsOnceWhenRefused(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN) // no GroupMember.Read.All, no Group.Read.All
	var names []string
	for i := range 40 {
		names = append(names, fmt.Sprintf("Nobody Known %02d.jpg", i))
	}
	dir := testkit.PhotoFolder(t, names...)
	log := watch(t, tn)
	report := filepath.Join(t.TempDir(), "dry.csv")
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "import", "--folder", dir, "--dry-run", "--report", report, "--backup", t.TempDir())
	if code != ExitOK {
		t.Fatalf("dry run: exit %d, stderr %q; want 0", code, stderr)
	}
	log.mu.Lock()
	groups, refused := 0, 0
	for _, s := range log.seen {
		if s.Kind == sandbox.KindGroups {
			groups++
			if s.Status == 403 {
				refused++
			}
		}
	}
	log.mu.Unlock()
	if groups != 1 || refused != 1 {
		t.Errorf("%d group lookups, %d refused; want one, refused once", groups, refused)
	}
	raw, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	if err != nil || len(recs) != len(names)+1 {
		t.Fatalf("report: %d lines, %v; want a header and %d rows", len(recs), err, len(names))
	}
	want := "whether it names a group could not be checked (not allowed: reading groups needs GroupMember.Read.All or Group.Read.All)"
	for _, r := range recs[1:] {
		if note := r[len(r)-1]; !strings.HasPrefix(note, "nobody matches") || !strings.HasSuffix(note, want) {
			t.Errorf("%s: %q; want nobody matches …; %s", r[0], note, want)
		}
	}
}
