package change

import "github.com/photodesk/photodesk/app"

// Write permissions a change needs: the least privileged that change each
// kind of photo (shared/graph-facts.md, "Changing photos"). Reading needs
// none of them; app/session names the read permissions.
const (
	// PermPhotoWrite changes users' and groups' photos.
	PermPhotoWrite = "ProfilePhoto.ReadWrite.All"
	// PermContactWrite changes the signed-in user's own contacts.
	PermContactWrite = "Contacts.ReadWrite"
	// PermSharedContactWrite changes a contact in another user's mailbox
	// (Someone's contacts), which PermContactWrite does not reach.
	PermSharedContactWrite = "Contacts.ReadWrite.Shared"
)

// WritePermission is the permission changing p's photo needs: the one
// place that decides it, for the window's consent prompt, the command
// line's token and the words of a refusal.
func WritePermission(p app.Person) string {
	switch {
	case p.Kind == app.KindContact && p.Subject.Owner() != "":
		return PermSharedContactWrite
	case p.Kind == app.KindContact:
		return PermContactWrite
	}
	return PermPhotoWrite
}
