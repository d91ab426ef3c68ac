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

// Graph refuses group photo changes to applications whatever their
// permissions: an application's refused change of a group's photo says
// so plainly — whatever the 403's code, at the read for the backup or at
// the write — and a person's does not suggest an application permission.
// Both were worded as a permission (or a role) to grant.
func TestGroupChangeRefusedToAnApplicationSaysNoPermissionHelps(t *testing.T) {
	group := app.PersonFromGroup(graphapi.GroupInfo{ID: "g1", DisplayName: "Sales"})
	user := app.PersonFromUser(graphapi.UserInfo{ID: "u1"})
	refused := func(code, method, path string) error {
		return &graphapi.Error{Status: 403, Code: code, Method: method, RequestID: "r-403", URL: "https://graph.microsoft.com/v1.0" + path}
	}
	const plain = "Nothing was changed: Microsoft Graph refuses group photos to applications — changing them as well as reading them"
	for _, err := range []error{
		refused("ErrorAccessDenied", "PUT", "/groups/g1/photo/$value"),
		refused("Authorization_RequestDenied", "PUT", "/groups/g1/photo/$value"),
		refused("ErrorAccessDenied", "DELETE", "/groups/g1/photo"),
		refused("ErrorAccessDenied", "GET", "/groups/g1/photo/$value"),
	} {
		got := ExplainForApp(err, group)
		if !strings.HasPrefix(got, plain) || !strings.Contains(got, "no permission to grant would help") ||
			!strings.Contains(got, "(request-id r-403)") || strings.Contains(got, "as an application permission") ||
			strings.Contains(got, "User Administrator") || strings.Contains(got, "to see group photos") {
			t.Errorf("application, %v: %q; want Graph's refusal said plainly, with the request id", err, got)
		}
	}
	person := Explain(refused("ErrorAccessDenied", "PUT", "/groups/g1/photo/$value"), group)
	if strings.Contains(person, "as an application permission") || !strings.Contains(person, "signing in as an application would not help") {
		t.Errorf("a person, a group: %q; want no application permission suggested", person)
	}
	if got := ExplainForApp(refused("ErrorAccessDenied", "PUT", "/users/u1/photo/$value"), user); !strings.Contains(got, "as an application permission") {
		t.Errorf("application, a user: %q; want the application permission named, as it helps there", got)
	}
}
