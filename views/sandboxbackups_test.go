package views

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/change"
)

// A new sandbox (here a Settings reconnect, as a new launch is) starts
// from its seed: Undo last change there has nothing to undo, rather than
// offering a change an earlier sandbox made, which this one never had
// ("changed outside Photo Desk"). The earlier run's backup stays.
func TestUndoOnANewSandboxSeesNoEarlierRunsChange(t *testing.T) {
	h := newShellHarness(t, nil)
	h.sh.backups = filepath.Join(t.TempDir(), "backups") // before the first window is built
	first := h.waitMain(demoStatus)
	h.waitFor("my photo", func() bool { return first.current != nil && first.person != nil })
	first.onRemovePhoto()
	h.tapDialogButton("Remove")
	h.waitFor("the removal", func() bool { return strings.HasPrefix(first.status.activity.Text, "Removed the photo of") })
	entries, err := change.ReadLog(first.backups)
	if err != nil || len(entries) != 1 || entries[0].Backup == "" {
		t.Fatalf("change log = %+v, %v; want one backed-up removal", entries, err)
	}

	h.sh.ctrl.Connect() // what Save in Settings does: a sandbox of its own
	h.waitFor("the new sandbox's window", func() bool {
		m := h.sh.main
		return m != nil && m != first && m.status.account.Text == demoStatus
	})
	second := h.sh.main
	if second.backups == first.backups {
		t.Errorf("both sandboxes back up into %s", second.backups)
	}
	second.onUndo()
	h.waitFor("the answer", func() bool { return h.dialogText() != "" })
	if got := h.dialogText(); !strings.Contains(got, "There is no change to undo.") {
		t.Errorf("Undo last change on a new sandbox says %q, want nothing to undo", got)
	}
	if _, err := os.Stat(entries[0].Backup); err != nil {
		t.Errorf("the earlier run's backup is gone: %v", err)
	}
}
