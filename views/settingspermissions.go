package views

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/session"
)

// permissionUse is one Graph permission Photo Desk may use and the
// features it enables, in the words Settings shows.
type permissionUse struct {
	perm     string
	features string
	when     string // when Photo Desk asks for it, for one not held yet
}

// permissionUses lists the permissions in the order Settings shows them:
// the least privileged read set first, then the fallbacks and writes.
var permissionUses = []permissionUse{
	{session.PermSearch, "search people, list users", "at sign-in"},
	{session.PermPhotos, "see user and group photos", "right after sign-in"},
	{session.PermGroupMembers, "list groups and their members", "the first time Groups is opened"},
	{session.PermGroups, "list groups and see group photos (where ProfilePhoto.Read.All is not allowed)", "the first time Groups is opened, in such a tenant"},
	{session.PermContacts, "your own contacts and their photos", "the first time My contacts is opened"},
	{session.PermSharedContacts, "contacts other people shared with you", "the first time another person's contacts are opened"},
	{"User.Read", "your own profile and photo", "at sign-in"},
	{permPhotoWrite, "change and remove profile photos (with a User Administrator role for other people)", "the first time a photo is changed"},
	{permContactWrite, "change contacts' photos", "the first time a contact's photo is changed"},
}

// permissionSummary words what a token's permissions enable: one line per
// permission held ("✓ ProfilePhoto.Read.All: see user and group photos"),
// then what is not held yet and when it is asked for. Permissions the
// token holds that Photo Desk does not use are listed as such, so an
// administrator can see what was consented beyond the minimum.
func permissionSummary(held []string, isApp bool) string {
	has := func(p string) bool {
		return slices.ContainsFunc(held, func(h string) bool { return strings.EqualFold(h, p) })
	}
	var yes, no, other []string
	for _, u := range permissionUses {
		switch {
		case has(u.perm):
			yes = append(yes, "✓ "+u.perm+": "+u.features)
		case !isApp:
			no = append(no, "– "+u.perm+": "+u.features+" (asked "+u.when+")")
		}
	}
	for _, h := range held {
		if !slices.ContainsFunc(permissionUses, func(u permissionUse) bool { return strings.EqualFold(u.perm, h) }) {
			other = append(other, h)
		}
	}
	var b strings.Builder
	if len(yes) == 0 {
		b.WriteString("The current token holds none of the permissions Photo Desk uses.\n")
	}
	for _, l := range yes {
		b.WriteString(l + "\n")
	}
	if len(no) > 0 {
		b.WriteString("Not held yet:\n")
		for _, l := range no {
			b.WriteString(l + "\n")
		}
	}
	if len(other) > 0 {
		b.WriteString("Also in the token, unused by Photo Desk: " + strings.Join(other, ", ") + "\n")
	}
	if isApp {
		b.WriteString("An application's permissions are fixed by its registration (API permissions, admin consent).")
	}
	return strings.TrimRight(b.String(), "\n")
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
				label.SetText("The current token could not be read: " + app.Friendly(err))
				return
			}
			label.SetText(permissionSummary(perms, conn.IsApp()))
		})
	})
	return label
}
