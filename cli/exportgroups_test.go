package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// TestExportGroupsOwnPhotos: the window exports the groups listed, for
// their own photos; the command line had no way to. --groups-file names
// them by id, mail or display name (any case), --group-photo adds more;
// each group is exported once, with a row of its own, and counted as a
// group.
func TestExportGroupsOwnPhotos(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	ex := tn.Dir.Examples()
	list := filepath.Join(t.TempDir(), "groups.txt")
	text := "# the sites' groups\n" + ex.Sales.ID + "\n" + strings.ToUpper(ex.Interns.Mail) + "\n\nnew hires\n"
	if err := os.WriteFile(list, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--groups-file", list,
		"--group-photo", ex.Sales.DisplayName, "--group-photo", ex.AllCompany.DisplayName, "--out", out, "--size", "96x96")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "report.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows := readReport(t, data)
	want := map[string]export.Status{
		strings.ToLower(ex.Sales.ID): export.StatusOK, strings.ToLower(ex.Interns.ID): export.StatusOK,
		strings.ToLower(ex.NewHires.ID): export.StatusNoPhoto, strings.ToLower(ex.AllCompany.ID): export.StatusOK,
	}
	if len(rows) != len(want) {
		t.Errorf("%d rows, want one a group (%d): %+v", len(rows), len(want), rows)
	}
	for id, status := range want {
		if r, ok := rows[id]; !ok || r.Status != status {
			t.Errorf("group %s: row %+v, want %s", id, r, status)
		}
	}
	checkExportDir(t, out, rows)
	if !strings.Contains(stderr, "export: 4 groups: 3 with a photo, 1 without photo") {
		t.Errorf("closing line does not count the groups:\n%s", stderr)
	}
	if st := tn.Stats(); st.Requests[sandbox.KindUser]+st.Requests[sandbox.KindMembers] != 0 {
		t.Errorf("users or members were read (%v): the groups' own photos need neither", st.Requests)
	}
}

// TestExportGroupsThatAreNotThereFetchesNothing: an entry that is no
// group's stops the export before any photo is read, each such entry
// said with what it was read as (a name typed short with the group it
// starts), and no folder or report left behind.
func TestExportGroupsThatAreNotThereFetchesNothing(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	ex := tn.Dir.Examples()
	list := filepath.Join(t.TempDir(), "groups.txt")
	if err := os.WriteFile(list, []byte("Sal\n"+ex.Interns.ID+"\nnobody@contoso.onmicrosoft.com\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "photos")
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, "export", "--groups-file", list, "--group-photo", "00000000-0000-0000-0000-000000000000", "--out", out)
	if code != ExitFailure {
		t.Errorf("exit %d, want %d", code, ExitFailure)
	}
	for _, want := range []string{
		fmt.Sprintf(`export: no group is named "Sal"; groups whose name starts so: "Sales" (id %s, %s)`, ex.Sales.ID, ex.Sales.Mail),
		"export: no group has the mail address nobody@contoso.onmicrosoft.com\n",
		"export: no group has the id 00000000-0000-0000-0000-000000000000\n",
		"could not be found (3 of 4): correct or remove those entries and run the export again; nothing was fetched",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if st := tn.Stats(); st.Requests[sandbox.KindPhotoBytes]+st.Requests[sandbox.KindPhotoMeta]+st.Requests[sandbox.KindBatch] != 0 {
		t.Errorf("photos were read (%v) though the list is to be put right first", st.Requests)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("the export folder was left behind: %v", err)
	}
}

// TestExportGroupsAsAnApplicationIsRefusedUpFront: Graph refuses group
// photos to applications whatever their permissions; an export of groups
// with an application's token says so before it reads anything, rather
// than a 403 row a group.
func TestExportGroupsAsAnApplicationIsRefusedUpFront(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	appTok, err := tn.AppToken(sandbox.DaemonClientID)
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{EnvGraphURL: tn.env[EnvGraphURL], EnvAccessToken: appTok}
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "export", "--group-photo", "Sales", "--out", filepath.Join(t.TempDir(), "photos"))
	if code != ExitFailure || !strings.Contains(stderr, "an application sign-in cannot export groups' own photos") {
		t.Errorf("exit %d, stderr:\n%s\nwant the refusal said up front", code, stderr)
	}
	if st := tn.Stats(); st.Requests[sandbox.KindGroups]+st.Requests[sandbox.KindBatch] != 0 {
		t.Errorf("requests were sent (%v)", st.Requests)
	}
}
