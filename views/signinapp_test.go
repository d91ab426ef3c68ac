package views

import (
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// Signed in as an application (the sandbox's confidential client), the
// window lists users, offers no Me and no My contacts, and explains Graph's
// known 403 on group photos instead of failing.
func TestApplicationPermissionsExplainTheirLimits(t *testing.T) {
	h := newShellHarness(t, map[string]string{app.PrefAuthMode: app.AuthAppSecret})
	m := h.waitMain("Sandbox tenant · " + session.AppAccount)
	if env := h.env(); !env.Session.IsApp() || env.Cloud.ClientID != sandbox.DaemonClientID {
		t.Fatalf("session: app %v, client %q", env.Session.IsApp(), env.Cloud.ClientID)
	}
	if !m.sidebar.me.Disabled() {
		t.Error("Me is offered to an application")
	}
	if slices.Contains(m.sidebar.kind.Options, kindContacts) || !slices.Contains(m.sidebar.kind.Options, kindGroups) {
		t.Errorf("kinds offered = %v, want groups but no contacts", m.sidebar.kind.Options)
	}
	if !strings.Contains(m.status.notice.Text, "group photos") {
		t.Errorf("status notice = %q, want the limits", m.status.notice.Text)
	}
	if it := h.accountItem("Microsoft Graph refuses group photos to applications (a known 403)"); it == nil {
		t.Error("the Account menu does not explain application permissions")
	}

	sales := h.env().Sandbox.Directory().Examples().Sales
	m.sidebar.kind.SetSelected(kindGroups)
	h.waitFor("groups listed", func() bool {
		return len(m.sidebar.results) > 0 && m.sidebar.results[0].Kind == app.KindGroup && !m.sidebar.loading
	})
	m.open(app.PersonFromGroup(graphapi.GroupInfo{ID: sales.ID, DisplayName: sales.DisplayName}))
	h.waitFor("the group's answer", func() bool { return !m.viewer.loading.Visible() && m.viewer.message.Text != "" })
	if got := m.viewer.message.Text; !strings.Contains(got, "application permissions") || !strings.Contains(got, "known") {
		t.Errorf("group photo as an application shows %q, want Graph's known limitation explained", got)
	}
}

// Signed in as an application, group rows asked Graph for avatars it
// refuses to applications (the known 403) and then stayed grey discs, as
// if still loading. They are not asked for: they show initials at once,
// as a row without a photo does, and opening one gives the viewer's
// reason, worded for an application, without the advice on which
// permission a signed-in user needs.
func TestApplicationSessionGroupRowsShowInitials(t *testing.T) {
	h := newShellHarness(t, map[string]string{app.PrefAuthMode: app.AuthAppSecret})
	m := h.waitMain("Sandbox tenant · " + session.AppAccount)
	var groupPhotos atomic.Int32
	handler := h.env().Sandbox.Handler()
	handler.Observe(func(s sandbox.Seen) {
		if strings.HasPrefix(s.Path, "/groups/") && strings.Contains(s.Path, "/photo") {
			groupPhotos.Add(1)
		}
	})
	t.Cleanup(func() { handler.Observe(nil) })
	allKnown := func() bool {
		for _, known := range m.sidebar.avatarKnown {
			if !known {
				return false
			}
		}
		return true
	}

	m.sidebar.kind.SetSelected(kindGroups)
	h.waitFor("groups listed, their avatars answered or asked for", func() bool {
		listed := len(m.sidebar.results) > 0 && m.sidebar.results[0].Kind == app.KindGroup && !m.sidebar.loading
		return listed && (allKnown() || groupPhotos.Load() > 0)
	})
	if n := groupPhotos.Load(); n != 0 {
		t.Errorf("%d group photos asked for by an application, which Graph refuses", n)
	}
	for _, o := range newExportForm(m).source.Options {
		if strings.Contains(o, "their own photos") {
			t.Errorf("Export… offers an application %q, group photos Graph refuses it", o)
		}
	}
	for i, known := range m.sidebar.avatarKnown {
		if !known {
			t.Errorf("row %d (%s) still waits for its avatar", i, m.sidebar.results[i].DisplayName)
		}
	}

	sales := h.env().Sandbox.Directory().Examples().Sales
	m.open(app.PersonFromGroup(graphapi.GroupInfo{ID: sales.ID, DisplayName: sales.DisplayName}))
	h.waitFor("the group's answer", func() bool { return !m.viewer.loading.Visible() && m.viewer.message.Text != "" })
	got := m.viewer.message.Text
	if !strings.Contains(got, "refuses group photos to applications") {
		t.Errorf("group photo as an application shows %q, want Graph's known refusal", got)
	}
	for _, advice := range []string{"When signed in as a user", "ProfilePhoto.Read.All", "Group.Read.All"} {
		if strings.Contains(got, advice) {
			t.Errorf("group photo as an application shows %q: advice for a signed-in user (%q)", got, advice)
		}
	}
}
