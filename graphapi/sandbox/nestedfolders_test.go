package sandbox

import "testing"

// Outlook lets folders nest; /contactFolders lists only the top ones, and a
// nested folder's contacts are read through its own id.
func TestNestedContactFolders(t *testing.T) {
	c := demo(t)
	ex := shared.Directory().Examples()
	for _, f := range readPage(t, c.get("/me/contactFolders")).values {
		if f["displayName"] == "EMEA" {
			t.Fatal("/contactFolders lists a nested folder")
		}
	}
	children := readPage(t, c.get("/me/contactFolders/"+ex.Folder.ID+"/childFolders")).values
	if len(children) != 1 || children[0]["displayName"] != "EMEA" || children[0]["parentFolderId"] != ex.Folder.ID {
		t.Fatalf("childFolders of Suppliers: %v", children)
	}
	nested := children[0]["id"].(string)
	if got := readPage(t, c.get("/users/"+ex.Helpdesk.ID+"/contactFolders/"+nested+"/childFolders")).values; len(got) != 0 {
		t.Errorf("childFolders of EMEA: %v", got)
	}
	inFolder := collect(t, c, "/me/contactFolders/"+nested+"/contacts")
	if len(inFolder) != 2 || inFolder[0]["id"] != ex.NestedContact.ID {
		t.Errorf("EMEA's contacts: %v", ids(inFolder))
	}
	base := "/me/contactFolders/" + nested + "/contacts/" + ex.NestedContact.ID
	checkPhoto(t, c, base+"/photo", base+"/photo/$value",
		sizeCase{status: 200, id: "240X240", w: 240, h: 240, ctype: "image/jpeg", format: "jpeg"})
	wantError(t, c.get("/me/contactFolders/AAMkAnope/childFolders"), 404, "ErrorItemNotFound")
}
