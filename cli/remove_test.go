package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// removeAsked runs remove without --yes in-process, answering its question
// with answer as if typed on a terminal.
func removeAsked(t *testing.T, vars map[string]string, answer string, args ...string) (code int, stderr string) {
	t.Helper()
	var stdout, errs bytes.Buffer
	e := &env{
		stdin: strings.NewReader(""), stdout: &stdout, stderr: &errs,
		getenv: func(k string) string { return vars[k] }, terminal: strings.NewReader(answer + "\n"),
	}
	code = run(t.Context(), append([]string{"remove"}, args...), e)
	return code, errs.String()
}

// TestRemoveAsksAboutTheGroupByName: remove --group asked "Remove the photo
// of group 59ee…?", a GUID nobody can say yes to knowingly, while set, the
// change log and the backup named the group. The question names it as they
// do; a group that cannot be read is not asked about, and nothing changes.
func TestRemoveAsksAboutTheGroupByName(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	g := tn.Dir.Examples().Sales
	readsGroups := groupEnv(t, tn)
	hasPhoto := func() bool {
		t.Helper()
		code, _, stderr := photodesk(t, cmdOpts{env: readsGroups}, "get", "--group", g.ID, "--meta")
		if code != ExitOK && code != ExitNoPhoto {
			t.Fatalf("get --group: exit %d, stderr %q", code, stderr)
		}
		return code == ExitOK
	}
	question := "Remove the photo of " + g.DisplayName + " (group " + g.ID + ")?"

	code, stderr := removeAsked(t, readsGroups, "n", "--group", g.ID, "--backup", t.TempDir())
	if code != ExitFailure || !strings.Contains(stderr, question) || !strings.Contains(stderr, "nothing removed") {
		t.Errorf("answered no: exit %d, stderr %q; want the question %q", code, stderr, question)
	}
	if !hasPhoto() {
		t.Fatal("the photo went after the answer no")
	}

	// Without leave to read groups: no question, no change, and why.
	code, stderr = removeAsked(t, writeEnv(t, tn, identity.DemoUPN), "y", "--group", g.ID, "--backup", t.TempDir())
	if code != ExitFailure || strings.Contains(stderr, "Remove the photo of") ||
		!strings.Contains(stderr, "could not read group "+g.ID+" to name it in the question") || !strings.Contains(stderr, "nothing removed") {
		t.Errorf("group not readable: exit %d, stderr %q", code, stderr)
	}
	if !hasPhoto() {
		t.Fatal("the photo went although the group could not be named")
	}

	code, stderr = removeAsked(t, readsGroups, "y", "--group", g.ID, "--backup", t.TempDir())
	if code != ExitOK || !strings.Contains(stderr, question) || !strings.Contains(stderr, "removed the photo of "+g.DisplayName) {
		t.Errorf("answered yes: exit %d, stderr %q", code, stderr)
	}
	if hasPhoto() {
		t.Error("the photo is still there after the answer yes")
	}
}

// Answering remove's question with anything but yes (n, or Enter for the
// default No) removes nothing and exits 1: it exited 0, so a script or a
// chain like "photodesk remove … && echo removed" read a refusal as done.
func TestRemoveAnsweredNoExitsNonZero(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	env := writeEnv(t, tn, identity.DemoUPN)
	upn := tn.Dir.Examples().FullHD.UserPrincipalName
	for _, answer := range []string{"n", ""} {
		backups := t.TempDir()
		code, stderr := removeAsked(t, env, answer, "--user", upn, "--backup", backups)
		if code != ExitFailure || !strings.Contains(stderr, "photodesk remove: nothing removed: the answer was not yes\n") {
			t.Errorf("answered %q: exit %d, stderr %q; want 1 and the line saying nothing was removed", answer, code, stderr)
		}
		if entries, _ := os.ReadDir(backups); len(entries) != 0 {
			t.Errorf("answered %q: the backups folder holds %d entries", answer, len(entries))
		}
	}
	if n := tn.Stats().Requests[sandbox.KindPhotoDelete]; n != 0 {
		t.Errorf("%d removals sent after the answer no", n)
	}
}
