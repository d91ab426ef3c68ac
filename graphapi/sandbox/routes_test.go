package sandbox

import (
	"net/url"
	"strings"
	"testing"
)

// TestEveryRouteBothVersions walks every route the sandbox serves, in v1.0
// and beta, with GET and HEAD.
func TestEveryRouteBothVersions(t *testing.T) {
	ex := shared.Directory().Examples()
	hd := "/users/" + url.PathEscape(ex.Helpdesk.UserPrincipalName)
	folder := ex.Folder.ID
	routes := []struct {
		path   string
		status int
		ctype  string
	}{
		{"/me", 200, "application/json"},
		{"/me/photo", 200, "application/json"},
		{"/me/photo/$value", 200, "image/jpeg"},
		{"/me/photos", 200, "application/json"},
		{"/me/photos/120x120", 200, "application/json"},
		{"/me/photos/120x120/$value", 200, "image/jpeg"},
		{"/me/contacts", 200, "application/json"},
		{"/me/contacts/" + ex.ContactWithPhoto.ID, 200, "application/json"},
		{"/me/contacts/" + ex.ContactWithPhoto.ID + "/photo", 200, "application/json"},
		{"/me/contacts/" + ex.ContactWithPhoto.ID + "/photo/$value", 200, "image/jpeg"},
		{"/me/contacts/" + ex.ContactWithPhoto.ID + "/photos", 400, "application/json"},
		{"/me/contactFolders", 200, "application/json"},
		{"/me/contactFolders/" + folder, 200, "application/json"},
		{"/me/contactFolders/" + folder + "/contacts", 200, "application/json"},
		{"/me/contactFolders/" + folder + "/contacts/" + ex.FolderContact.ID, 200, "application/json"},
		{"/me/contactFolders/" + folder + "/contacts/" + ex.FolderContact.ID + "/photo", 200, "application/json"},
		{"/me/contactFolders/" + folder + "/contacts/" + ex.FolderContact.ID + "/photo/$value", 200, "image/jpeg"},
		{"/me/contactFolders/contacts/contacts", 200, "application/json"}, // the well-known default folder
		{"/users", 200, "application/json"},
		{"/users/$count", 400, "application/json"}, // without ConsistencyLevel
		{hd, 200, "application/json"},
		{hd + "/photo", 200, "application/json"},
		{hd + "/photo/$value", 200, "image/jpeg"},
		{hd + "/photos", 200, "application/json"},
		{hd + "/photos/648x648", 200, "application/json"},
		{hd + "/photos/648x648/$value", 200, "image/jpeg"},
		{hd + "/contacts", 200, "application/json"},
		{hd + "/contacts/" + ex.ContactNoPhoto.ID, 200, "application/json"},
		{hd + "/contacts/" + ex.ContactNoPhoto.ID + "/photo", 404, "application/json"},
		{hd + "/contactFolders", 200, "application/json"},
		{hd + "/contactFolders/" + folder, 200, "application/json"},
		{hd + "/contactFolders/" + folder + "/contacts", 200, "application/json"},
		{hd + "/contactFolders/" + folder + "/contacts/" + ex.FolderContact.ID + "/photo/$value", 200, "image/jpeg"},
		{"/groups", 200, "application/json"},
		{"/groups/" + ex.Sales.ID, 200, "application/json"},
		{"/groups/" + ex.Sales.ID + "/photo", 200, "application/json"},
		{"/groups/" + ex.Sales.ID + "/photo/$value", 200, "image/jpeg"},
		{"/groups/" + ex.Sales.ID + "/photos", 200, "application/json"},
		{"/groups/" + ex.Sales.ID + "/photos/64x64", 200, "application/json"},
		{"/groups/" + ex.Sales.ID + "/photos/64x64/$value", 200, "image/jpeg"},
		{"/groups/" + ex.Sales.ID + "/members", 200, "application/json"},
		{"/groups/" + ex.Sales.ID + "/members/microsoft.graph.user", 200, "application/json"},
		{"/groups/" + ex.Sales.ID + "/members/microsoft.graph.group", 200, "application/json"},
	}
	for _, version := range []string{"v1.0", "beta"} {
		c := demo(t)
		c.base = shared.GraphURL(version)
		for _, r := range routes {
			got := c.get(r.path)
			if got.status != r.status || !strings.HasPrefix(got.header.Get("Content-Type"), r.ctype) {
				t.Errorf("%s %s: %d %s, want %d %s (%.200s)", version, r.path, got.status, got.header.Get("Content-Type"), r.status, r.ctype, got.body)
				continue
			}
			if strings.HasPrefix(r.ctype, "application/json") && r.status == 200 {
				if ctx, _ := got.json(t)["@odata.context"].(string); !strings.HasPrefix(ctx, c.base+"/$metadata#") {
					t.Errorf("%s %s: @odata.context %q", version, r.path, ctx)
				}
			}
			head := c.do("HEAD", r.path, nil)
			if head.status != r.status || len(head.body) != 0 {
				t.Errorf("HEAD %s %s: %d with %d bytes", version, r.path, head.status, len(head.body))
			}
		}
	}
}
