package views

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/session"
)

// permissionUse is one Graph permission Photo Desk may use and the
// features it enables, in the words Settings shows.
type permissionUse struct {
	perm     string
	features string
	when     string // what asks for it, for one not held yet ("" = sign-in)
	// Groups ask GroupMember.Read.All where ProfilePhoto.Read.All is held,
	// Group.Read.All (the fallback) where it is not: only that one is
	// listed as missing.
	withPhotos, fallback bool
}

// permissionUses lists the permissions in the order Settings shows them:
// the least privileged read set first, then the fallback and the writes.
var permissionUses = []permissionUse{
	{perm: session.PermSearch, features: "search people"},
	{perm: session.PermPhotos, features: "user and group photos"},
	{perm: session.PermGroupMembers, features: "groups and their members", when: "Groups", withPhotos: true},
	{perm: session.PermGroups, features: "groups and their photos (the fallback)", when: "Groups", fallback: true},
	{perm: session.PermContacts, features: "your contacts", when: "My contacts"},
	{perm: session.PermSharedContacts, features: "contacts others shared with you", when: "Someone's contacts"},
	{perm: "User.Read", features: "your own profile"},
	// The writes: which change asks each is change.WritePermission's rule.
	{perm: change.PermPhotoWrite, features: "changing photos", when: "the first change of a person's or group's photo"},
	{perm: change.PermContactWrite, features: "changing contacts' photos", when: "the first change of a photo in My contacts"},
	{perm: change.PermSharedContactWrite, features: "changing shared contacts' photos", when: "the first change of a photo in Someone's contacts"},
}

// permissionSummary words what a token's permissions enable: one line per
// permission held ("✓ ProfilePhoto.Read.All — user and group photos"),
// then one line naming what is not held yet and what asks for it.
// Permissions the token holds that Photo Desk does not use are named too,
// so an administrator sees what was consented beyond the minimum.
func permissionSummary(held []string, isApp bool) string {
	has := func(p string) bool {
		return slices.ContainsFunc(held, func(h string) bool { return strings.EqualFold(h, p) })
	}
	var lines, missing, other []string
	for _, u := range permissionUses {
		switch {
		case has(u.perm):
			lines = append(lines, "✓ "+u.perm+" — "+u.features)
		case isApp || u.when == "" || (u.fallback && has(session.PermPhotos)) || (u.withPhotos && !has(session.PermPhotos)):
		default:
			missing = append(missing, u.perm+" ("+u.when+")")
		}
	}
	for _, h := range held {
		if !slices.ContainsFunc(permissionUses, func(u permissionUse) bool { return strings.EqualFold(u.perm, h) }) {
			other = append(other, h)
		}
	}
	if len(lines) == 0 {
		lines = append(lines, "The current token holds none of the permissions Photo Desk uses.")
	}
	if len(missing) > 0 {
		lines = append(lines, "Asked when needed: "+strings.Join(missing, ", ")+".")
	}
	if len(other) > 0 {
		lines = append(lines, "Also in the token, unused by Photo Desk: "+strings.Join(other, ", ")+".")
	}
	if isApp {
		lines = append(lines, "An application's permissions are fixed by its registration (admin consent).")
	}
	return strings.Join(lines, "\n")
}

// permissionsView is the Settings row listing what the current token
// holds. It starts as "Reading…" and fills in once the token has been read
// off the UI goroutine (reading it may refresh it).
func permissionsView(conn *session.Conn, bg *background) fyne.CanvasObject {
	label := widget.NewLabel("Reading the current token…")
	label.Wrapping = fyne.TextWrapWord
	bg.run(func() {
		perms, err := conn.TokenPermissions(bg.ctx)
		bg.do(func() {
			if err != nil {
				label.SetText("The current token could not be read: " + app.Sanitize(app.Friendly(err)))
				return
			}
			label.SetText(permissionSummary(perms, conn.IsApp()))
		})
	})
	// Not scrolled on its own: the whole form scrolls in the dialog, and
	// a box of four lines cut the list mid-line.
	return label
}
