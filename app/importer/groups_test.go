package importer

import (
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// A file named after a group, by its display name or its mail, read only
// "nobody matches"; it says it names the group, and that the import sets
// people's photos while a group's is set from the window. Without the
// permission to list groups the row stays as it was.
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
	if it := item(t, p, sales.DisplayName+".jpg"); it.Status != StatusNoMatch || it.Note != "nobody matches "+quoteRules(p.Rules) {
		t.Errorf("without the permission to list groups: %s, %q; want nobody matches", it.Status, it.Note)
	}
}
