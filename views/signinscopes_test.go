package views

import (
	"slices"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// The first sign-in asks for User.ReadBasic.All only; opening Groups asks
// then (silently, when consent is no obstacle) for the least privileged
// permissions: ProfilePhoto.Read.All for the photos and
// GroupMember.Read.All for the list, not Group.Read.All.
func TestGroupsAskForTheirPermissionOnFirstUse(t *testing.T) {
	h := newShellHarness(t, nil)
	m := h.waitMain(demoStatus)
	if slices.Contains(h.env().Session.Scopes(), "Group.Read.All") {
		t.Fatalf("signed in with Group.Read.All already: %v", h.env().Session.Scopes())
	}
	m.sidebar.kind.SetSelected(kindGroups)
	h.waitFor("groups listed", func() bool {
		return len(m.sidebar.results) > 0 && m.sidebar.results[0].Kind == app.KindGroup && !m.sidebar.loading
	})
	got := h.env().Session.Scopes()
	if !slices.Contains(got, "GroupMember.Read.All") || !slices.Contains(got, "ProfilePhoto.Read.All") ||
		slices.Contains(got, "Group.Read.All") || !h.sh.conn().Granted("GroupMember.Read.All") {
		t.Errorf("scopes after opening Groups: %v", got)
	}
	if len(h.browsedURLs()) != 0 {
		t.Errorf("a silent permission opened the browser: %q", h.browsedURLs())
	}
}

// When the new permission needs the person (here: an admin revoked the
// sign-in, so no silent refresh), the window offers to sign in for it —
// saying the sign-in expired or was revoked, not that the permission was
// never given (which would send the person to an administrator for
// nothing); a sign-in grants it and the groups list.
func TestPermissionNeedingSignInIsOffered(t *testing.T) {
	h := newShellHarness(t, nil)
	m := h.waitMain(demoStatus)
	h.waitForBackground(m) // ProfilePhoto.Read.All, granted before the revocation
	h.env().Sandbox.Provider().RevokeSignIns(identity.DemoUPN)

	m.sidebar.kind.SetSelected(kindGroups)
	h.waitFor("the offer to sign in", func() bool { return h.dialogButton("Sign in") != nil })
	if text := h.dialogText(); !strings.Contains(text, "GroupMember.Read.All") || !strings.Contains(text, identity.DemoUPN) {
		t.Errorf("offer = %q, want the permission and the account named", text)
	}
	if text := h.dialogText(); !strings.Contains(text, "could not be renewed without you") ||
		strings.Contains(text, "not been given") || strings.Contains(text, "Permission needed") || strings.Contains(text, "administrator to approve") {
		t.Errorf("offer = %q, want it to say the sign-in could not be renewed, not that the permission is missing", text)
	}
	h.tapDialogButton("Sign in")
	h.waitFor("groups listed", func() bool {
		return len(m.sidebar.results) > 0 && m.sidebar.results[0].Kind == app.KindGroup && !m.sidebar.loading
	})
	urls := h.browsedURLs()
	if len(urls) != 1 || !strings.Contains(urls[0], "login_hint=") || !strings.Contains(urls[0], "GroupMember.Read.All") {
		t.Errorf("browser pages = %q, want one sign-in for the account asking for GroupMember.Read.All", urls)
	}
}

// A refused permission is explained and the sidebar goes back to users.
func TestRefusedPermissionIsExplained(t *testing.T) {
	h := newShellHarness(t, nil)
	m := h.waitMain(demoStatus)
	h.env().Sandbox.Provider().RevokeSignIns(identity.DemoUPN)
	h.setBrowserErr(errDeclined)

	m.sidebar.kind.SetSelected(kindContacts)
	h.tapDialogButton("Sign in")
	h.waitFor("the explanation", func() bool { return strings.Contains(h.dialogText(), "No permission to read") })
	text := h.dialogText()
	if !strings.Contains(text, "Contacts.Read") || !strings.Contains(text, "declined") {
		t.Errorf("explanation = %q", text)
	}
	if m.sidebar.kind.Selected != kindUsers {
		t.Errorf("kind after a refusal = %q, want Users back", m.sidebar.kind.Selected)
	}
	if len(m.sidebar.results) == 0 || m.sidebar.results[0].Kind != app.KindUser {
		t.Error("the users list was replaced after a refusal")
	}
}

// A new permission asked for while Microsoft's sign-in service cannot
// give a token (here it answers 503, as in an outage; offline alike) is
// no sign-in to renew: the window offered "Sign in again" and a browser
// sign-in, which cannot help. Now it says the service is not answering,
// the sidebar goes back to users, and once the service is back opening
// Groups again gets the permission silently, with no sign-in.
func TestPermissionWithoutTheSignInServiceOffersNoSignIn(t *testing.T) {
	h := newShellHarness(t, nil)
	m := h.waitMain(demoStatus)
	h.waitForBackground(m)
	provider := h.env().Sandbox.Provider()
	provider.SetUnavailable(true)

	m.sidebar.kind.SetSelected(kindGroups)
	h.waitFor("the explanation (or an offer to sign in)", func() bool {
		return strings.Contains(h.dialogText(), "is not answering right now") || h.dialogButton("Sign in") != nil
	})
	if text := h.dialogText(); !strings.Contains(text, "Microsoft's sign-in service") || !strings.Contains(text, "503 Service Unavailable") ||
		strings.Contains(text, "Sign in again") || strings.Contains(text, "expired") {
		t.Errorf("explanation = %q, want the sign-in service not answering, no sign-in", text)
	}
	if h.dialogButton("Sign in") != nil {
		t.Error("a sign-in was offered for a sign-in service that is down")
	}
	h.tapDialogButton("OK")
	h.waitFor("users back", func() bool { return m.sidebar.kind.Selected == kindUsers && !m.sidebar.loading })

	provider.SetUnavailable(false)
	m.sidebar.kind.SetSelected(kindGroups)
	h.waitFor("groups listed", func() bool {
		return len(m.sidebar.results) > 0 && m.sidebar.results[0].Kind == app.KindGroup && !m.sidebar.loading
	})
	if urls := h.browsedURLs(); len(urls) != 0 {
		t.Errorf("browser pages = %q, want no sign-in", urls)
	}
}
