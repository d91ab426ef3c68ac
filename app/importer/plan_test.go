package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/photoedit"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

var (
	ann   = User{ID: "11111111-1111-1111-1111-111111111111", DisplayName: "Ann Lee", UPN: "ann.lee@contoso.com", Mail: "ann@contoso.com", Alias: "annl"}
	jose  = User{ID: "22222222-2222-2222-2222-222222222222", DisplayName: "José Núñez", UPN: "jnunez@contoso.com", Mail: "jose@contoso.com", Alias: "jnunez"}
	bob1  = User{ID: "33333333-3333-3333-3333-333333333333", DisplayName: "Bob Stone", UPN: "bob.stone@contoso.com", Alias: "bstone"}
	bob2  = User{ID: "44444444-4444-4444-4444-444444444444", DisplayName: "Bob Stone", UPN: "bob.stone2@contoso.com", Alias: "bstone2"}
	carla = User{ID: "55555555-5555-5555-5555-555555555555", DisplayName: "Carla Ruiz", UPN: "carla@contoso.com", Alias: "carla"}
)

func fakePlan(t *testing.T, rules []Rule, names ...string) (*Plan, *fakeDirectory) {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		picture(t, dir, n, 64, 64)
	}
	files, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	d := &fakeDirectory{users: []User{ann, jose, bob1, bob2, carla}, photos: map[string]bool{carla.ID: true}}
	p, err := BuildPlan(context.Background(), d, dir, files, rules)
	if err != nil {
		t.Fatal(err)
	}
	return p, d
}

func item(t *testing.T, p *Plan, name string) *Item {
	t.Helper()
	for _, it := range p.Items {
		if it.File.Name == name {
			return it
		}
	}
	t.Fatalf("no item for %s", name)
	return nil
}

// Each rule matches on its own, case-insensitively, with accents kept.
func TestEachRuleMatches(t *testing.T) {
	cases := []struct {
		file string
		rule Rule
		want *User
	}{
		{ann.ID + ".jpg", RuleID, &ann},
		{"ANN.LEE@contoso.com.jpg", RuleUPN, &ann},
		{"jose@CONTOSO.com.jpg", RuleMail, &jose},
		{"JNUNEZ.jpg", RuleAlias, &jose},
		{"ann lee.jpg", RuleName, &ann},
		{"Ann.Lee.jpg", RuleName, &ann},
		{"Lee, Ann.jpg", RuleName, &ann},
		{"Núñez, José.jpg", RuleName, &jose},
		{"Nunez, Jose.jpg", RuleName, nil}, // accents kept: not José
	}
	for _, tc := range cases {
		p, _ := fakePlan(t, []Rule{tc.rule}, tc.file)
		it := item(t, p, tc.file)
		switch {
		case tc.want == nil && it.Status != StatusNoMatch:
			t.Errorf("%s by %s: %s (%v), want no match", tc.file, tc.rule, it.Status, it.User)
		case tc.want != nil && (it.User == nil || it.User.ID != tc.want.ID || it.Rule != tc.rule || it.Status != StatusUpload):
			t.Errorf("%s by %s: %s, rule %q, user %v; want %s", tc.file, tc.rule, it.Status, it.Rule, it.User, tc.want.DisplayName)
		}
	}
}

// Rules not chosen are not used, and the first rule in order that finds
// someone decides.
func TestRulesSelectAndOrder(t *testing.T) {
	p, _ := fakePlan(t, []Rule{RuleUPN}, "Ann Lee.jpg")
	if it := item(t, p, "Ann Lee.jpg"); it.Status != StatusNoMatch {
		t.Errorf("name matched with only upn chosen: %s", it.Status)
	}
	p, _ = fakePlan(t, AllRules, "carla.jpg")
	if it := item(t, p, "carla.jpg"); it.Rule != RuleAlias {
		t.Errorf("carla matched by %q, want alias (before name)", it.Rule)
	}
	if _, err := ParseRules("upn,shoe"); err == nil {
		t.Error("an unknown rule was accepted")
	}
	if r, err := ParseRules("name, UPN"); err != nil || fmt.Sprint(r) != "[upn name]" {
		t.Errorf("ParseRules = %v, %v", r, err)
	}
}

// Every status: will upload, will replace, no match, ambiguous, invalid
// (not a picture, too small), duplicate; a small picture is warned about.
func TestStatuses(t *testing.T) {
	dir := t.TempDir()
	picture(t, dir, "Ann Lee.jpg", 300, 300)
	picture(t, dir, "carla.png", 300, 300)
	picture(t, dir, "Nobody Here.jpg", 300, 300)
	picture(t, dir, "Bob Stone.jpg", 300, 300)
	picture(t, dir, "tiny.jpg", 40, 40)
	picture(t, dir, "jnunez.jpg", 200, 200)
	picture(t, dir, "jose@contoso.com.jpg", 300, 300)
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	files, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	d := &fakeDirectory{users: []User{ann, jose, bob1, bob2, carla}, photos: map[string]bool{carla.ID: true}}
	p, err := BuildPlan(context.Background(), d, dir, files, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Status{
		"Ann Lee.jpg": StatusUpload, "carla.png": StatusReplace, "Nobody Here.jpg": StatusNoMatch,
		"Bob Stone.jpg": StatusAmbiguous, "tiny.jpg": StatusInvalid, "notes.txt": StatusInvalid,
		"jnunez.jpg": StatusDuplicate, "jose@contoso.com.jpg": StatusDuplicate,
	}
	for name, st := range want {
		if it := item(t, p, name); it.Status != st {
			t.Errorf("%s: %s (%s), want %s", name, it.Status, it.Note, st)
		}
	}
	if c := item(t, p, "Bob Stone.jpg").Candidates; len(c) != 2 {
		t.Errorf("ambiguous candidates %v, want both Bobs", c)
	}
	if p.Sends(item(t, p, "carla.png")) {
		t.Error("replace is off by default, yet carla's photo would be replaced")
	}
	// Lookups are batched: one FindUsers and one HasPhotos call.
	if d.calls != 2 {
		t.Errorf("%d directory calls, want 2", d.calls)
	}
	// Small picture warned: choose the 200 px file among the duplicates.
	p.Prefer(indexOf(p, "jnunez.jpg"))
	if it := item(t, p, "jnunez.jpg"); it.Status != StatusUpload || !it.Ticked || !strings.Contains(it.Note, "small") {
		t.Errorf("preferred duplicate: %s ticked=%v note %q", it.Status, it.Ticked, it.Note)
	}
	if it := item(t, p, "jose@contoso.com.jpg"); it.Status != StatusDuplicate || p.Sends(it) {
		t.Errorf("the other duplicate: %s, sends %v", it.Status, p.Sends(it))
	}
}

// The preview's choices: untick, replace, pick one of an ambiguous pair.
func TestPreviewChoices(t *testing.T) {
	p, _ := fakePlan(t, nil, "Ann Lee.jpg", "carla.jpg", "Bob Stone.jpg")
	if got := p.ToSend(); got != 1 {
		t.Fatalf("%d to send, want 1 (Ann)", got)
	}
	p.Replace = true
	if got := p.ToSend(); got != 2 {
		t.Errorf("with replace: %d to send, want 2", got)
	}
	p.SetTicked(indexOf(p, "Ann Lee.jpg"), false)
	if got := p.ToSend(); got != 1 {
		t.Errorf("Ann unticked: %d to send, want 1", got)
	}
	i := indexOf(p, "Bob Stone.jpg")
	if err := p.Choose(i, "nobody"); err == nil {
		t.Error("a person who was not a candidate was chosen")
	}
	if err := p.Choose(i, bob2.ID); err != nil {
		t.Fatal(err)
	}
	if it := p.Items[i]; it.Status != StatusUpload || it.User.ID != bob2.ID || !p.Sends(it) {
		t.Errorf("chosen: %s %v", it.Status, it.User)
	}
	if got := p.ToSend(); got != 2 {
		t.Errorf("after choosing: %d to send, want 2 (carla, bob2)", got)
	}
	// Unticked stays unticked when the plan settles again.
	p.Prefer(i)
	if p.Items[indexOf(p, "Ann Lee.jpg")].Ticked {
		t.Error("Ann was ticked again")
	}
}

// Names are looked up fifteen to a query, never one request per file.
func TestLookupsAreBatched(t *testing.T) {
	var names []string
	for i := range 40 {
		names = append(names, fmt.Sprintf("Person %02d.jpg", i))
	}
	p, d := fakePlan(t, []Rule{RuleName}, names...)
	if d.calls != 1 || len(d.queries) != 3 {
		t.Errorf("%d calls with %d queries for 40 names, want 1 call of 3 queries", d.calls, len(d.queries))
	}
	for _, q := range d.queries {
		if len(q.Values) > MaxInValues {
			t.Errorf("a query of %d values", len(q.Values))
		}
	}
	if n := p.Count()[StatusNoMatch]; n != 40 {
		t.Errorf("%d unmatched, want 40", n)
	}
}

func indexOf(p *Plan, name string) int {
	for i, it := range p.Items {
		if it.File.Name == name {
			return i
		}
	}
	return -1
}

// A picture whose header lies past the first bytes Scan reads (large
// metadata) is still measured, from the whole file.
func TestScanReadsPastLargeMetadata(t *testing.T) {
	dir := t.TempDir()
	picture(t, dir, "Ann Lee.jpg", 64, 64)
	path := filepath.Join(dir, "Ann Lee.jpg")
	data, _ := os.ReadFile(path)
	// A JPEG comment segment of 64 KB, five times over, before the frame.
	var big []byte
	big = append(big, data[:2]...)
	for range 5 {
		big = append(big, 0xff, 0xfe, 0xff, 0xff)
		big = append(big, make([]byte, 0xffff-2)...)
	}
	big = append(big, data[2:]...)
	if err := os.WriteFile(path, big, 0o600); err != nil {
		t.Fatal(err)
	}
	files, err := Scan(dir)
	if err != nil || len(files) != 1 {
		t.Fatal(files, err)
	}
	if f := files[0]; f.Problem != "" || f.Width != 64 || f.Size != int64(len(big)) {
		t.Errorf("scanned %+v", f)
	}
}

// A link to a picture is listed as the picture (a folder of links to the
// photos is a folder of photos), a broken link as a row that cannot be
// read, a file too large to be a picture as one, unread; a link to a
// folder is a sub-folder, left out.
func TestScanListsLinksAndRefusesHugeFiles(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	picture(t, elsewhere, "real.jpg", 64, 64)
	for link, to := range map[string]string{"Ann Lee.jpg": "real.jpg", "gone.jpg": "missing.jpg", "sub": "."} {
		if err := os.Symlink(filepath.Join(elsewhere, to), filepath.Join(dir, link)); err != nil {
			t.Skip("no symlinks here:", err)
		}
	}
	f, err := os.Create(filepath.Join(dir, "huge.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(photoedit.MaxFileBytes + 1); err != nil { // sparse: no disk spent
		t.Fatal(err)
	}
	f.Close()
	files, got := scanByName(t, dir)
	if len(files) != 3 {
		t.Errorf("listed %v, want the two links to files and huge.jpg", files)
	}
	if f := got["Ann Lee.jpg"]; f.Problem != "" || f.Width != 64 {
		t.Errorf("linked picture: %+v", f)
	}
	if f := got["gone.jpg"]; !strings.HasPrefix(f.Problem, "cannot be read") {
		t.Errorf("broken link: %+v", f)
	}
	if f := got["huge.jpg"]; f.Problem != photoedit.ErrFileTooLarge.Error() {
		t.Errorf("huge file: %+v", f)
	}
}

// A photo check that failed is not "no photo": the row says it could not
// be checked (the run still refuses to replace unless replace is on).
func TestPlanSaysWhenThePhotoCouldNotBeChecked(t *testing.T) {
	dir := t.TempDir()
	picture(t, dir, "Ann Lee.jpg", 300, 300)
	picture(t, dir, "jnunez.jpg", 300, 300)
	files, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	d := &fakeDirectory{users: []User{ann, jose}, checkErr: map[string]error{ann.ID: &graphapi.Error{Status: 403, Code: "Authorization_RequestDenied"}}}
	p, err := BuildPlan(context.Background(), d, dir, files, nil)
	if err != nil {
		t.Fatal(err)
	}
	if it := item(t, p, "Ann Lee.jpg"); !strings.Contains(it.Note, "could not be checked (not allowed)") {
		t.Errorf("unchecked row: %s, note %q", it.Status, it.Note)
	}
	if it := item(t, p, "jnunez.jpg"); it.Status != StatusUpload || it.Note != "" {
		t.Errorf("checked row: %s, note %q", it.Status, it.Note)
	}
}

// Graph's per-item answers: 404 is no photo, a refusal or throttling is a
// check that failed, never "none".
func TestHasPhotosTellsFailedChecksFromNoPhoto(t *testing.T) {
	x := newTenant(t)
	ex := x.Dir.Examples()
	d := GraphDirectory{Client: x.client}
	got, err := d.HasPhotos(t.Context(), []string{ex.FullHD.ID, ex.NoPhoto.ID})
	if err != nil || !got[0].Has || got[0].Err != nil || got[1].Has || got[1].Err != nil {
		t.Fatalf("healthy checks: %+v, %v", got, err)
	}
	x.SetFaults(sandbox.Faults{ThrottleRate: 1, RetryAfter: "0.001"})
	got, err = d.HasPhotos(t.Context(), []string{ex.NoPhoto.ID})
	x.SetFaults(sandbox.Faults{})
	if err != nil {
		t.Fatalf("throttled checks: %v", err)
	}
	if got[0].Err == nil || !strings.Contains(got[0].Err.Error(), "429") && !strings.Contains(strings.ToLower(got[0].Err.Error()), "too many") {
		t.Errorf("a throttled check reads as %+v, want a failed check", got[0])
	}
}

// scanByName scans dir, giving the files in order and by name.
func scanByName(t *testing.T, dir string) ([]File, map[string]File) {
	t.Helper()
	files, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]File{}
	for _, f := range files {
		got[f.Name] = f
	}
	return files, got
}
