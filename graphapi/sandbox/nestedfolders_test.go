package sandbox

import (
	"encoding/json"
	"strings"
	"testing"
)

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

// Inside $batch, childFolders answers as on its own: each item its own
// status, a page with an absolute @odata.nextLink that a later item (or a
// plain GET) follows, and 404 ErrorItemNotFound for a folder that is gone,
// while the envelope stays 200.
func TestChildFoldersInBatch(t *testing.T) {
	c := demo(t)
	ex := shared.Directory().Examples()
	r, items, _ := batch(t, c, []map[string]any{
		get("1", "/me/contactFolders/"+ex.Folder.ID+"/childFolders"),
		get("2", "/me/contactFolders/contacts/childFolders?$top=1"),
		get("3", "/me/contactFolders/AAMkAnope/childFolders"),
	})
	wantStatus(t, r, 200)
	var emea, first struct {
		Value []map[string]any `json:"value"`
		Next  string           `json:"@odata.nextLink"`
	}
	if it := items["1"]; it.Status != 200 || json.Unmarshal(it.Body, &emea) != nil ||
		len(emea.Value) != 1 || emea.Value[0]["id"] != ex.NestedFolder.ID || emea.Next != "" {
		t.Errorf("Suppliers' childFolders in a batch: %d %s", it.Status, it.Body)
	}
	it := items["2"]
	if it.Status != 200 || json.Unmarshal(it.Body, &first) != nil || len(first.Value) != 1 {
		t.Fatalf("the default folder's childFolders, $top=1: %d %s", it.Status, it.Body)
	}
	prefix := shared.GraphURL("v1.0") + "/me/contactFolders/contacts/childFolders?"
	if !strings.HasPrefix(first.Next, prefix) || !strings.Contains(first.Next, "$skip=1") {
		t.Fatalf("nextLink %q: want %s…$skip=1", first.Next, prefix)
	}
	var gone struct {
		Error struct{ Code string } `json:"error"`
	}
	if it := items["3"]; it.Status != 404 || json.Unmarshal(it.Body, &gone) != nil || gone.Error.Code != "ErrorItemNotFound" {
		t.Errorf("a gone folder's childFolders in a batch: %d %s", it.Status, it.Body)
	}
	_, items, _ = batch(t, c, []map[string]any{get("1", strings.TrimPrefix(first.Next, shared.GraphURL("v1.0")))})
	var second struct {
		Value []map[string]any `json:"value"`
		Next  string           `json:"@odata.nextLink"`
	}
	if it := items["1"]; it.Status != 200 || json.Unmarshal(it.Body, &second) != nil ||
		len(second.Value) != 1 || second.Value[0]["id"] == first.Value[0]["id"] || second.Next != "" {
		t.Errorf("the nextLink's page in a batch: %d %s", it.Status, it.Body)
	}
}
