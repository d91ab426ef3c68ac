package views

import (
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
)

// The form's "You get" line follows the source: the listed groups' own
// photos are one file per group, not "per person" as it read for them.
func TestExportOutcomeSaysGroupsForTheGroupsListed(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.listGroups()
	form := newExportForm(h.m)
	if got := form.outcome.Text; !strings.HasPrefix(got, "One file per group,") {
		t.Errorf("groups listed, outcome %q; want one file per group", got)
	}
	form.size.SetSelected(exportSizeAudit)
	if got := form.outcome.Text; !strings.Contains(got, "each group's photo size") || !strings.Contains(got, "which has none") {
		t.Errorf("groups' audit, outcome %q", got)
	}
	form.source.SetSelected(exportAllUsers)
	if got := form.outcome.Text; !strings.Contains(got, "each person's photo size") || !strings.Contains(got, "who has none") {
		t.Errorf("every user's audit, outcome %q", got)
	}
}

// With contacts listed the form offered only "Every user in the tenant",
// with no word of the contacts on screen: someone who opened Export for
// them could start a tenant-wide export by mistake. The form now says
// that contacts are not exported, and how to get their photos.
func TestExportFormSaysContactsAreNotExported(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.m.sidebar.kind.SetSelected(kindContacts)
	h.waitFor("contacts listed", func() bool {
		return len(h.m.sidebar.results) > 0 && h.m.sidebar.results[0].Kind == app.KindContact && !h.m.sidebar.loading
	})
	h.waitIdle()
	form := newExportForm(h.m)
	hint := form.items()[0].HintText
	if !strings.Contains(hint, "Contacts are not exported") || !strings.Contains(hint, "Save…") {
		t.Errorf("contacts listed, Whose photos' hint = %q; want it to say they are not exported and how to save one", hint)
	}
	// People listed: no such word.
	h.m.sidebar.kind.SetSelected(kindUsers)
	h.waitFor("users listed", func() bool {
		return len(h.m.sidebar.results) > 0 && h.m.sidebar.results[0].Kind == app.KindUser && !h.m.sidebar.loading
	})
	h.waitIdle()
	if hint := newExportForm(h.m).items()[0].HintText; hint != "" {
		t.Errorf("users listed, Whose photos' hint = %q; want none", hint)
	}
}
