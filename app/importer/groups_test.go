package importer

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// A file named after a group, by its display name or its mail, read only
// "nobody matches"; it says it names the group, and that the import sets
// people's photos while a group's is set from the window. Without the
// permission to list groups the row says nobody matches, and that groups
// could not be checked (TestPlanAsksForGroupsOnceWhenRefused).
func TestPlanSaysAFileNamesAGroup(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{})
	sales := tn.Dir.Examples().Sales
	if sales.Mail == "" {
		t.Fatal("the sandbox's Sales group has no mail")
	}
	dir := t.TempDir()
	picture(t, dir, sales.DisplayName+".jpg", 300, 300)
	picture(t, dir, sales.Mail+".jpg", 300, 300)
	picture(t, dir, "Nobody Known.jpg", 300, 300)
	files, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	plan := func(scopes ...string) *Plan {
		tok, err := tn.UserToken(identity.DemoUPN, scopes...)
		if err != nil {
			t.Fatal(err)
		}
		p, err := BuildPlan(t.Context(), GraphDirectory{Client: tn.Client(tok)}, dir, files, nil)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}

	p := plan("User.ReadBasic.All", "ProfilePhoto.ReadWrite.All", "GroupMember.Read.All")
	want := "names the group " + sales.DisplayName + ": import sets people's photos; set a group's photo from the window"
	for _, name := range []string{sales.DisplayName + ".jpg", sales.Mail + ".jpg"} {
		if it := item(t, p, name); it.Status != StatusNoMatch || it.Note != want {
			t.Errorf("%s: %s, %q; want no match, %q", name, it.Status, it.Note, want)
		}
	}
	if it := item(t, p, "Nobody Known.jpg"); it.Note != "nobody matches "+quoteRules(p.Rules) {
		t.Errorf("Nobody Known.jpg: %q, want nobody matches", it.Note)
	}

	p = plan("User.ReadBasic.All", "ProfilePhoto.ReadWrite.All")
	unchecked := "nobody matches " + quoteRules(p.Rules) + "; whether it names a group could not be checked ("
	if it := item(t, p, sales.DisplayName+".jpg"); it.Status != StatusNoMatch || !strings.HasPrefix(it.Note, unchecked) {
		t.Errorf("without the permission to list groups: %s, %q; want %q…", it.Status, it.Note, unchecked)
	}
}

// Where the account may not list groups, the group lookup is refused
// (403) once per preview, not once per fifteen unmatched names: the first
// query goes alone, and its refusal stands for the rest. The preview
// still succeeds, and every unmatched row says groups could not be
// checked and why, rather than a bare "nobody matches". Where groups may
// be listed, every query is still asked.
func TestPlanAsksForGroupsOnceWhenRefused(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{})
	sales := tn.Dir.Examples().Sales
	dir := t.TempDir()
	picture(t, dir, sales.DisplayName+".jpg", 300, 300)
	const unknown = 40 // three queries of at most fifteen names
	for i := range unknown {
		picture(t, dir, fmt.Sprintf("Nobody Known %02d.jpg", i), 300, 300)
	}
	files, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	preview := func(scopes ...string) (*Plan, sandbox.Stats) {
		t.Helper()
		tok, err := tn.UserToken(identity.DemoUPN, scopes...)
		if err != nil {
			t.Fatal(err)
		}
		tn.ResetStats()
		p, err := BuildPlan(t.Context(), GraphDirectory{Client: tn.Client(tok)}, dir, files, nil)
		if err != nil {
			t.Fatalf("%v: the preview failed: %v", scopes, err)
		}
		return p, tn.Stats()
	}

	p, st := preview("User.ReadBasic.All", "ProfilePhoto.ReadWrite.All")
	if n, refused := st.Requests[sandbox.KindGroups], st.Statuses[403]; n != 1 || refused != 1 {
		t.Errorf("without the permission to list groups: %d group lookups, %d refused; want one, refused once", n, refused)
	}
	want := "nobody matches " + quoteRules(p.Rules) + "; whether it names a group could not be checked" +
		" (not allowed: reading groups needs GroupMember.Read.All or Group.Read.All)"
	for _, it := range p.Items {
		if it.Status != StatusNoMatch || it.Note != want {
			t.Errorf("%s: %s, %q; want no match, %q", it.File.Name, it.Status, it.Note, want)
		}
	}

	p, st = preview("User.ReadBasic.All", "ProfilePhoto.ReadWrite.All", "GroupMember.Read.All")
	if n, refused := st.Requests[sandbox.KindGroups], st.Statuses[403]; n != 3 || refused != 0 {
		t.Errorf("with the permission: %d group lookups, %d refused; want 3 and none", n, refused)
	}
	if it := item(t, p, sales.DisplayName+".jpg"); it.Note != groupNote(sales.DisplayName) {
		t.Errorf("with the permission: %q, want %q", it.Note, groupNote(sales.DisplayName))
	}
	if it := item(t, p, "Nobody Known 00.jpg"); it.Note != "nobody matches "+quoteRules(p.Rules) {
		t.Errorf("with the permission: %q, want a bare nobody matches", it.Note)
	}
}

// groupFakeDirectory is a fakeDirectory whose group lookup answers each
// call with answer, recording the queries of each call.
type groupFakeDirectory struct {
	*fakeDirectory
	answer func(q Query) FoundGroups
	calls  [][]Query
}

func (d *groupFakeDirectory) FindGroups(_ context.Context, qs []Query) ([]FoundGroups, error) {
	d.calls = append(d.calls, qs)
	out := make([]FoundGroups, len(qs))
	for i, q := range qs {
		out[i] = d.answer(q)
	}
	return out, nil
}

// Only a refusal for want of permission stands for the queries not yet
// sent: a first query throttled past its retries leaves the rest to be
// asked, and only its own files' rows say groups could not be checked,
// with that reason.
func TestPlanSaysWhyGroupsWereNotChecked(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for i := range 20 {
		names = append(names, fmt.Sprintf("Nobody Known %02d.jpg", i))
		picture(t, dir, names[i], 300, 300)
	}
	files, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	throttled := &graphapi.Error{Status: 429, Code: "TooManyRequests", InBatch: true}
	d := &groupFakeDirectory{fakeDirectory: &fakeDirectory{}}
	first := true
	d.answer = func(Query) FoundGroups {
		if first {
			first = false
			return FoundGroups{Err: throttled}
		}
		return FoundGroups{}
	}
	p, err := BuildPlan(t.Context(), d, dir, files, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.calls) != 2 || len(d.calls[0]) != 1 {
		t.Fatalf("group lookups %v; want the first query alone, then the rest", d.calls)
	}
	inFirst := map[string]bool{}
	for _, v := range d.calls[0][0].Values {
		inFirst[strings.ToLower(v)] = true
	}
	bare := "nobody matches " + quoteRules(p.Rules)
	for _, it := range p.Items {
		want := bare
		if inFirst[strings.ToLower(it.File.Key)] {
			want += "; whether it names a group could not be checked (throttled)"
		}
		if it.Status != StatusNoMatch || it.Note != want {
			t.Errorf("%s: %s, %q; want no match, %q", it.File.Name, it.Status, it.Note, want)
		}
	}
}
