package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// folderNames are the picker's names of folders.
func folderNames(folders []graphapi.ContactFolder) []string {
	var names []string
	for _, f := range folders {
		names = append(names, f.DisplayName)
	}
	return names
}

// A mailbox of 31 folders on four levels costs a round trip per level (and
// per further page), not one per folder: the folders of a level are asked
// for in $batch envelopes, and a listing of twelve folders is followed to
// its second page. Each nested folder still comes right after its parent.
func TestNestedFoldersAreAskedForLevelByLevel(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	me := tn.ex.Helpdesk.ID
	add := func(parent *sandbox.ContactFolder, name string) *sandbox.ContactFolder {
		t.Helper()
		id := ""
		if parent != nil {
			id = parent.ID
		}
		f := tn.Dir.AddContactFolder(me, id, name)
		if f == nil {
			t.Fatalf("add %s", name)
		}
		return f
	}
	partners := tn.Dir.ContactFolders(me)[1]
	// Outlook lists a folder's children in the order they were made:
	// Germany (and Berlin in it) before France.
	want := []string{
		"Suppliers", "Suppliers / EMEA", "Suppliers / EMEA / Germany",
		"Suppliers / EMEA / Germany / Berlin", "Suppliers / EMEA / France", "Partners",
	}
	for i := range 12 { // more than Outlook's page of 10
		add(partners, fmt.Sprintf("Team %02d", i+1))
		want = append(want, fmt.Sprintf("Partners / Team %02d", i+1))
	}
	clients := add(nil, "Clients")
	want = append(want, "Clients")
	for i := range 10 {
		add(clients, fmt.Sprintf("Client %02d", i+1))
		want = append(want, fmt.Sprintf("Clients / Client %02d", i+1))
	}
	add(nil, "Press")
	want = append(want, "Press")
	add(add(tn.ex.NestedFolder, "Germany"), "Berlin")
	add(tn.ex.NestedFolder, "France")

	tn.ResetStats()
	folders, err := tn.e.ContactFolders(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if got := folderNames(folders); !slices.Equal(got, want) {
		t.Errorf("folders\n%q\nwant\n%q", got, want)
	}
	st := tn.Stats()
	plain := st.Requests[sandbox.KindContactFolders] - st.Requests[sandbox.KindBatchItem]
	// Levels 1 to 4 (the last, Berlin's, empty), Partners' second page.
	if envelopes := st.Requests[sandbox.KindBatch]; plain != 1 || envelopes > 6 {
		t.Errorf("%d folder requests on their own and %d $batch envelopes (%v); want 1 (the top listing) and at most 6",
			plain, envelopes, st.Requests)
	}
}

// The depth bound holds level by level: a chain of ten nested folders is
// followed to the eighth level and no further.
func TestNestedFolderDepthIsBounded(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	parent := tn.ex.NestedFolder // level 2
	for i := 3; i <= 10; i++ {
		parent = tn.Dir.AddContactFolder(tn.ex.Helpdesk.ID, parent.ID, fmt.Sprintf("L%d", i))
	}
	folders, err := tn.e.ContactFolders(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	deepest := 0
	for _, f := range folders {
		deepest = max(deepest, strings.Count(f.DisplayName, " / ")+1)
	}
	if deepest != maxFolderDepth {
		t.Errorf("deepest folder listed is on level %d, want %d: %q", deepest, maxFolderDepth, folderNames(folders))
	}
}

// One folder whose subfolders cannot be read — deleted in Outlook while
// the list loads, so its childFolders answer 404 — costs only its own
// subfolders: every folder listed is kept, and the error names that folder.
func TestUnreadSubfoldersKeepTheOtherFolders(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	me := tn.ex.Helpdesk.ID
	partners := tn.Dir.ContactFolders(me)[1]
	var once sync.Once
	tn.Handler().Observe(func(s sandbox.Seen) {
		if s.Kind == sandbox.KindContactFolders && strings.HasSuffix(s.Path, "/contactFolders") {
			once.Do(func() { tn.Dir.RemoveContactFolder(me, partners.ID) })
		}
	})
	t.Cleanup(func() { tn.Handler().Observe(nil) })
	folders, err := tn.e.ContactFolders(t.Context())
	var unread *SubfoldersUnread
	if !errors.As(err, &unread) {
		t.Fatalf("err = %v; want *SubfoldersUnread", err)
	}
	if !slices.Equal(unread.Folders, []string{"Partners"}) || !graphapi.IsNotFound(unread.Why) {
		t.Errorf("unread %q, why %v; want Partners, 404", unread.Folders, unread.Why)
	}
	if got := folderNames(folders); !slices.Equal(got, []string{"Suppliers", "Suppliers / EMEA", "Partners"}) {
		t.Errorf("folders %q: want every folder listed kept", got)
	}
}

// A cancelled context still ends the folder list, with no folders: it is
// not a folder whose subfolders could not be read.
func TestFolderListEndsWithItsContext(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	ctx, cancel := context.WithCancel(t.Context())
	tn.Handler().Observe(func(s sandbox.Seen) {
		if s.Kind == sandbox.KindContactFolders {
			cancel()
		}
	})
	t.Cleanup(func() { tn.Handler().Observe(nil) })
	folders, err := tn.e.ContactFolders(ctx)
	var unread *SubfoldersUnread
	if !errors.Is(err, context.Canceled) || errors.As(err, &unread) || folders != nil {
		t.Errorf("folders %q, err %v; want none and context.Canceled", folderNames(folders), err)
	}
}
