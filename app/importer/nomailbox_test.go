package importer

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// asMatched is a sandbox user as a directory lookup finds them.
func asMatched(u sandbox.User) User {
	return User{ID: u.ID, DisplayName: u.DisplayName, UPN: u.UserPrincipalName, Mail: u.Mail}
}

// planFor is a plan of one file for u, as a directory that answers "no
// photo" for them would make it: what the plan says when the check
// before the preview did not meet the missing mailbox.
func planFor(t *testing.T, u sandbox.User) *Plan {
	t.Helper()
	dir := t.TempDir()
	picture(t, dir, u.UserPrincipalName+".jpg", 100, 100)
	files, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := BuildPlan(t.Context(), &fakeDirectory{users: []User{asMatched(u)}}, dir, files, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Items[0].Status != StatusUpload {
		t.Fatalf("plan %+v, want will upload", p.Items[0])
	}
	return p
}

// A person Graph answers as having no Exchange mailbox cannot have their
// photo backed up, so the plan sends them nothing (cannot back up, with
// why), even with replace on: it used to say will upload with a warning,
// and the run uploaded with no backup. Two files for them are both
// cannot back up, not duplicates to pick between; the run's summary
// counts them apart from the skipped files (it used to count them among
// them, with no word of why).
func TestPlanWillNotChangeWhomItCannotBackUp(t *testing.T) {
	x := newTenant(t)
	ex := x.Dir.Examples()
	dir := t.TempDir()
	nm := ex.NoMailbox
	picture(t, dir, nm.UserPrincipalName+".jpg", 300, 300)
	picture(t, dir, nm.DisplayName+".jpg", 300, 300)
	picture(t, dir, ex.NoPhoto.UserPrincipalName+".jpg", 300, 300)
	p := x.plan(t, dir)
	p.Replace = true
	for _, it := range p.Items {
		if it.User == nil {
			t.Fatalf("%s matched nobody", it.File.Name)
		}
		if it.User.ID != nm.ID {
			if it.Status != StatusUpload || !p.Sends(it) {
				t.Errorf("%s: %s, sent %v; want will upload", it.File.Name, it.Status, p.Sends(it))
			}
			continue
		}
		if it.Status != StatusNoBackup || p.Sends(it) || !strings.Contains(it.Note, "no Exchange Online mailbox") || !strings.Contains(it.Note, "cannot be backed up") {
			t.Errorf("%s: %s (%q), sent %v; want cannot back up, not sent, saying why", it.File.Name, it.Status, it.Note, p.Sends(it))
		}
	}
	if n := p.ToSend(); n != 1 {
		t.Errorf("to send %d, want 1", n)
	}
	dry := filepath.Join(t.TempDir(), "dry.csv")
	if err := WriteReport(dry, p, nil); err != nil {
		t.Fatal(err)
	}
	sum := x.run(t, t.Context(), p, filepath.Join(t.TempDir(), "j.jsonl"), Options{})
	if sum.Uploaded != 1 || sum.Errors != 0 || sum.NoBackup != 2 || sum.Skipped != 0 {
		t.Errorf("run: %+v, %d cannot back up; want the one other file uploaded, the two for %s counted as cannot back up, not skipped",
			sum.Progress, sum.NoBackup, nm.UserPrincipalName)
	}
	for path := range x.writes() {
		if strings.Contains(path, nm.ID) || strings.Contains(path, nm.UserPrincipalName) {
			t.Errorf("wrote %s", path)
		}
	}
	ran := filepath.Join(t.TempDir(), "ran.csv")
	if err := WriteReport(ran, p, sum); err != nil {
		t.Fatal(err)
	}
	for _, report := range []string{dry, ran} {
		for _, name := range []string{nm.UserPrincipalName + ".jpg", nm.DisplayName + ".jpg"} {
			if r := readReport(t, report)[name]; r["status"] != ReportNoBackup || !strings.Contains(r["error"], "cannot be backed up") {
				t.Errorf("%s: %s row %v, want %s saying why", filepath.Base(report), name, r, ReportNoBackup)
			}
		}
	}
}

// Should the read just before the upload answer as for a user without a
// mailbox (the plan's check did not), the file is an error row saying
// why and nothing is sent: the $batch read ahead used to take that
// answer for "no photo" and upload with no backup.
func TestRunRefusesWhomItCannotBackUp(t *testing.T) {
	for _, perItem := range []bool{false, true} {
		x := newTenant(t)
		x.perItemReads = perItem
		nm := *x.Dir.Examples().NoMailbox
		sum := x.run(t, t.Context(), planFor(t, nm), filepath.Join(t.TempDir(), "j.jsonl"), Options{})
		res := sum.Results[0]
		if res.Outcome != OutcomeError || !strings.Contains(res.Err, "without an Exchange Online mailbox") || !strings.Contains(res.Err, "cannot be read") || !sum.Failed() {
			t.Errorf("reads one by one %v: %+v; want an error row saying their photo cannot be read", perItem, res)
		}
		if w := x.writes(); len(w) != 0 {
			t.Errorf("reads one by one %v: wrote %v", perItem, w)
		}
		if entries, _ := change.ReadLog(x.changer.Dir); len(entries) != 0 {
			t.Errorf("reads one by one %v: change log %+v, want nothing begun", perItem, entries)
		}
	}
}
