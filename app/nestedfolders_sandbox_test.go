package app

import (
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// A contact filed in a folder inside a folder (Suppliers / EMEA) is
// reachable: the folder list follows childFolders, names the nested folder
// by its path, and its contacts' photos are read through its own id.
func TestNestedContactFolderIsListed(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	folders, err := tn.e.ContactFolders(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	nestedID := ""
	for _, f := range folders {
		names = append(names, f.DisplayName)
		if f.DisplayName == "Suppliers / EMEA" {
			nestedID = f.ID
		}
	}
	if nestedID == "" {
		t.Fatalf("folders %q lack Suppliers / EMEA", names)
	}
	if len(names) != 3 || names[0] != "Suppliers" || names[1] != "Suppliers / EMEA" || names[2] != "Partners" {
		t.Errorf("folders %q: want each nested folder right after its parent", names)
	}
	people := drain(t, tn.e.SearchContacts(nestedID, ""))
	for _, p := range people {
		if p.ID != tn.ex.NestedContact.ID {
			continue
		}
		r, err := tn.e.Photo(t.Context(), p, graphapi.SizeLargest)
		if err != nil || r.NoPhoto {
			t.Fatalf("nested contact's photo: %v %+v", err, r)
		}
		return
	}
	t.Fatalf("EMEA's contacts %v lack %s", ids(people), tn.ex.NestedContact.ID)
}
