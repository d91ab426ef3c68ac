package sandbox

import "slices"

// roleUserAdministrator is the least privileged built-in role that may
// manage other users, photos included; the demo Helpdesk account holds it.
const roleUserAdministrator = "User Administrator"

// photoAdminRoles are the directory roles that let a signed-in user change
// or remove another user's photo: User Administrator and the roles above
// it for users, and People Administrator, the role made for photos
// (learn.microsoft.com profilephoto-update, photoupdatesettings).
var photoAdminRoles = []string{
	"Global Administrator", "Privileged Authentication Administrator", roleUserAdministrator, "People Administrator",
}

// mayManagePhotos reports whether u holds a role in photoAdminRoles.
func (u *User) mayManagePhotos() bool {
	return slices.ContainsFunc(u.Roles, func(r string) bool { return slices.Contains(photoAdminRoles, r) })
}
