package cli

import (
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// TestGroupIDGivenAsUserSaysUseGroup: a group's object id given to
// --user was answered "no such user, group or contact" with no hint.
// get, set and remove now say whose id it is and which flag takes it, for
// one GET /groups/{id} made only after Graph's "no such user"; an id that
// is no one's keeps Graph's words.
func TestGroupIDGivenAsUserSaysUseGroup(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20})
	tok, err := tn.UserToken(identity.DemoUPN, "User.ReadBasic.All", "Group.Read.All", "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{EnvGraphURL: tn.env[EnvGraphURL], EnvAccessToken: tok}
	g := tn.Dir.Examples().Sales
	want := "that id is a group's (" + g.DisplayName + "): use --group " + g.ID
	for _, args := range [][]string{
		{"get", "--user", g.ID, "--meta"},
		{"set", "--user", g.ID, "--file", picture(t, 100, 100), "--backup", t.TempDir()},
		{"remove", "--user", g.ID, "--yes", "--backup", t.TempDir()},
	} {
		log := watch(t, tn)
		code, _, stderr := photodesk(t, cmdOpts{env: env}, args...)
		first, _, _ := strings.Cut(stderr, "\n")
		if code != ExitFailure || !strings.Contains(first, want) {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit 1 and %q", args, code, stderr, want)
		}
		if n := groupLookups(log); n != 1 {
			t.Errorf("%v: %d requests to /groups, want the one", args, n)
		}
		if w := log.writes(); len(w) != 0 {
			t.Errorf("%v: writes %v", args, w)
		}
	}

	log := watch(t, tn)
	nobody := "00000000-0000-0000-0000-00000000beef"
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "get", "--user", nobody, "--meta")
	if code != ExitFailure || strings.Contains(stderr, "--group") || !strings.Contains(stderr, "Not found") {
		t.Errorf("an id that is no one's: exit %d, stderr:\n%s\nwant Graph's not found, no hint", code, stderr)
	}
	if n := groupLookups(log); n != 1 {
		t.Errorf("an id that is no one's: %d requests to /groups, want 1", n)
	}
	log = watch(t, tn)
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "get", "--user", tn.Dir.Examples().FullHD.ID, "--meta"); code != ExitOK || groupLookups(log) != 0 {
		t.Errorf("a user's id: exit %d, %d requests to /groups, stderr %q; want 0 and none", code, groupLookups(log), stderr)
	}
}

// groupLookups counts the requests to /groups that log saw.
func groupLookups(l *requestLog) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, s := range l.seen {
		if strings.HasPrefix(s.Path, "/groups/") {
			n++
		}
	}
	return n
}
