package views

import (
	"context"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// partlyReadFolders is the fake engine whose signed-in user's folder list
// came back whole but for Partners' subfolders, which Graph refused.
type partlyReadFolders struct {
	*fakeEngine
	asked atomic.Int32
}

func (e *partlyReadFolders) ContactFoldersOf(context.Context, string) ([]graphapi.ContactFolder, error) {
	e.asked.Add(1)
	return []graphapi.ContactFolder{{ID: "f1", DisplayName: "Suppliers"}, {ID: "f2", DisplayName: "Suppliers / EMEA"}, {ID: "f3", DisplayName: "Partners"}},
		&app.SubfoldersUnread{Folders: []string{"Partners"}, Why: &graphapi.Error{Status: 403, Code: "ErrorAccessDenied"}}
}

// Subfolders of one folder that could not be read do not cost the picker
// the others: every folder listed is offered, the note says once whose
// subfolders are missing and why (after the contacts' own note, which
// does not wipe it), and opening My contacts again asks again.
func TestUnreadSubfoldersAreNamedNotFatal(t *testing.T) {
	eng := &partlyReadFolders{fakeEngine: newFakeEngine(5)}
	h := newEngineHarness(t, eng, eng.fakeEngine)
	h.waitResults()
	s := h.m.sidebar
	s.kind.SetSelected(kindContacts)
	h.waitFor("the folders", func() bool { return slices.Contains(s.folder.Options, "Partners") })
	h.waitIdle()
	if want := []string{defaultContacts, "Suppliers", "Suppliers / EMEA", "Partners"}; !slices.Equal(s.folder.Options, want) {
		t.Errorf("folder options %q, want %q", s.folder.Options, want)
	}
	const named = "The folders inside Partners could not be read (permission missing)"
	if note := s.note.Text; strings.Count(note, named) != 1 {
		t.Errorf("note %q: want it to say once %q", note, named)
	}
	s.folder.SetSelected("Suppliers / EMEA")
	h.waitIdle()
	if note := s.note.Text; strings.Count(note, named) != 1 {
		t.Errorf("note after picking a folder %q: want it to still say %q", note, named)
	}
	s.kind.SetSelected(kindUsers)
	h.waitIdle()
	if strings.Contains(s.note.Text, named) {
		t.Errorf("Users' note %q speaks of contact folders", s.note.Text)
	}
	s.kind.SetSelected(kindContacts)
	h.waitFor("the folders asked for again", func() bool { return eng.asked.Load() == 2 })
}

// Folders asked for again while the list's note (with its folders note)
// stands do not add the folders note a second time: it is part of the
// list's note, composed afresh, not words added to whatever is shown.
func TestUnreadSubfoldersNoteShownOnceWhenAskedAgain(t *testing.T) {
	eng := &partlyReadFolders{fakeEngine: newFakeEngine(5)}
	h := newEngineHarness(t, eng, eng.fakeEngine)
	h.waitResults()
	s := h.m.sidebar
	s.kind.SetSelected(kindContacts)
	h.waitFor("the folders", func() bool { return slices.Contains(s.folder.Options, "Partners") })
	h.waitIdle()
	want := emptyListText(app.KindContact) + " " + s.foldsNote // the fake lists no contacts
	if s.note.Text != want {
		t.Fatalf("note %q, want %q", s.note.Text, want)
	}
	s.loadFolders() // as when these contacts are opened again
	h.waitFor("the folders asked for again", func() bool { return eng.asked.Load() == 2 })
	h.waitIdle()
	if s.note.Text != want {
		t.Errorf("note after the folders came again %q, want %q", s.note.Text, want)
	}
}
