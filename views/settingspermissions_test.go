package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
)

// Settings lists the permissions the current token holds and what each
// enables: after sign-in the search and photo permissions, after Groups
// GroupMember.Read.All, never Group.Read.All in a tenant that allows
// ProfilePhoto.Read.All.
func TestSettingsShowTokenPermissions(t *testing.T) {
	h := newShellHarness(t, nil)
	m := h.waitMain(demoStatus)
	h.waitForBackground(m) // the silent ProfilePhoto.Read.All request
	h.q.drain()

	text := func() string {
		h.sh.onSettings()
		f := h.settingsShown()
		l, ok := f.perms.(*widget.Label)
		if !ok {
			t.Fatalf("no Permissions row in Settings")
		}
		h.waitFor("the token's permissions", func() bool { return !strings.HasPrefix(l.Text, "Reading") })
		got := l.Text
		h.tapDialogButton("Cancel")
		return got
	}
	got := text()
	for _, want := range []string{"✓ User.ReadBasic.All — search people", "✓ ProfilePhoto.Read.All — user and group photos", "GroupMember.Read.All (Groups)", "Contacts.Read.Shared (Someone's contacts)"} {
		if !strings.Contains(got, want) {
			t.Errorf("Settings permissions lack %q:\n%s", want, got)
		}
	}

	m.sidebar.kind.SetSelected(kindGroups)
	h.waitFor("groups listed", func() bool {
		return len(m.sidebar.results) > 0 && m.sidebar.results[0].Kind == app.KindGroup && !m.sidebar.loading
	})
	got = text()
	if !strings.Contains(got, "✓ GroupMember.Read.All — groups") || strings.Contains(got, "Group.Read.All") {
		t.Errorf("after opening Groups:\n%s", got)
	}
}

func TestPermissionSummary(t *testing.T) {
	got := permissionSummary([]string{"user.readbasic.all", "Mail.Read"}, false)
	for _, want := range []string{"✓ user.readbasic.all", "Asked when needed:", " Group.Read.All (Groups)", "unused by Photo Desk: Mail.Read"} {
		if !strings.Contains(strings.ToLower(got), strings.ToLower(want)) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "GroupMember") {
		t.Errorf("without ProfilePhoto.Read.All Groups ask Group.Read.All, not GroupMember.Read.All:\n%s", got)
	}
	app := permissionSummary([]string{"User.Read.All"}, true)
	if strings.Contains(app, "Asked when needed") || !strings.Contains(app, "fixed by its registration") {
		t.Errorf("application summary:\n%s", app)
	}
	if got := permissionSummary(nil, false); !strings.Contains(got, "none of the permissions") {
		t.Errorf("empty summary:\n%s", got)
	}
}
