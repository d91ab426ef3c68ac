package change

import (
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// Changing a contact in someone else's mailbox needs
// Contacts.ReadWrite.Shared; one's own contacts Contacts.ReadWrite; users
// and groups ProfilePhoto.ReadWrite.All.
func TestWritePermissionFollowsTheMailbox(t *testing.T) {
	own := app.PersonFromContact(graphapi.ContactInfo{ID: "c1"}, "")
	theirs := own
	theirs.Subject = theirs.Subject.OfUser("adele@contoso.com")
	user := app.PersonFromUser(graphapi.UserInfo{ID: "u1"})
	group := app.PersonFromGroup(graphapi.GroupInfo{ID: "g1"})
	for _, c := range []struct {
		p    app.Person
		want string
	}{{own, "Contacts.ReadWrite"}, {theirs, "Contacts.ReadWrite.Shared"}, {user, "ProfilePhoto.ReadWrite.All"}, {group, "ProfilePhoto.ReadWrite.All"}} {
		if got := WritePermission(c.p); got != c.want {
			t.Errorf("%s: %s, want %s", c.p.Subject, got, c.want)
		}
	}
}

// A 403 to a change names the permission that change needs: for a contact
// in someone else's mailbox, the .Shared one.
func TestRefusalNamesThePermissionOfTheMailbox(t *testing.T) {
	denied := &graphapi.Error{
		Status: 403, Code: "ErrorAccessDenied", Message: "Access is denied.", Method: "PUT",
		URL: "https://graph.microsoft.com/v1.0/users/adele@contoso.com/contacts/c1/photo/$value",
	}
	own := app.PersonFromContact(graphapi.ContactInfo{ID: "c1"}, "")
	theirs := own
	theirs.Subject = theirs.Subject.OfUser("adele@contoso.com")
	if got := Explain(denied, theirs); !strings.Contains(got, "needs Contacts.ReadWrite.Shared ") {
		t.Errorf("someone else's contact: %q, want Contacts.ReadWrite.Shared named", got)
	}
	if got := Explain(denied, own); !strings.Contains(got, "needs Contacts.ReadWrite ") {
		t.Errorf("own contact: %q, want Contacts.ReadWrite named", got)
	}
}
