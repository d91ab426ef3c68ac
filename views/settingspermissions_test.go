package views

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/graphapi"
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

// The write permissions not held yet say which change asks for each, as
// the read ones name Groups or My contacts: Contacts.ReadWrite.Shared
// said "(the first change there)", with nothing for "there" to point at,
// and the other two "(the first change)", though a user's photo never asks
// for a contacts permission. Each is what change.WritePermission asks.
func TestPermissionSummarySaysWhichChangeAsksForAWrite(t *testing.T) {
	got := permissionSummary([]string{"User.ReadBasic.All", "ProfilePhoto.Read.All"}, false)
	for _, want := range []string{
		"ProfilePhoto.ReadWrite.All (the first change of a person's or group's photo)",
		"Contacts.ReadWrite (the first change of a photo in My contacts)",
		"Contacts.ReadWrite.Shared (the first change of a photo in Someone's contacts)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "the first change)") || strings.Contains(got, "there)") {
		t.Errorf("a write permission is asked for by an unnamed change:\n%s", got)
	}
	// The words follow the code that decides which permission a change asks.
	for _, c := range []struct {
		p    app.Person
		when string
	}{
		{app.Person{Kind: app.KindUser, Subject: graphapi.User("adele")}, "a person's or group's photo"},
		{app.Person{Kind: app.KindGroup, Subject: graphapi.Group("g")}, "a person's or group's photo"},
		{app.Person{Kind: app.KindContact, Subject: graphapi.Contact("c")}, "My contacts"},
		{app.Person{Kind: app.KindContact, Subject: graphapi.Contact("c").OfUser("adele")}, "Someone's contacts"},
	} {
		perm := change.WritePermission(c.p)
		i := slices.IndexFunc(permissionUses, func(u permissionUse) bool { return u.perm == perm })
		if i < 0 || !strings.Contains(permissionUses[i].when, c.when) {
			t.Errorf("changing %s asks %s, which Settings does not say is asked by %q", c.p.Subject, perm, c.when)
		}
	}
}
