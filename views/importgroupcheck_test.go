package views

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/internal/testkit"
)

// The import harness's account may not list groups. A preview of twenty
// files nobody matches asks Graph for groups once (it used to ask once per
// fifteen names, each refused), shows no error and previews the folder,
// and a row's panel says that groups could not be checked, and why.
func TestImportPreviewAsksForGroupsOnceWhenRefused(t *testing.T) {
	h := newImportHarness(t)
	var names []string
	for i := range 20 {
		names = append(names, fmt.Sprintf("Nobody Known %02d.jpg", i))
	}
	dir := testkit.PhotoFolder(t, names...)
	h.tenant.ResetStats()
	dlg := h.preview(dir)
	st := h.tenant.Stats()
	if n, refused := st.Requests[sandbox.KindGroups], st.Statuses[403]; n != 1 || refused != 1 {
		t.Errorf("%d group lookups, %d refused; want one, refused once", n, refused)
	}
	if !strings.Contains(dlg.status.Text, "20 files: 0 will upload, 20 no match.") {
		t.Errorf("counts %q; want 20 files, all no match", dlg.status.Text)
	}
	if n := len(h.m.w.Canvas().Overlays().List()); n != 1 {
		t.Errorf("%d dialogs open, want the import dialog alone:\n%s", n, h.overlayText())
	}
	dlg.table.showDetail(0)
	want := "whether it names a group could not be checked (not allowed: reading groups needs GroupMember.Read.All or Group.Read.All)"
	if head := dlg.table.detail.Objects[0].(*widget.Label).Text; !strings.Contains(head, "nobody matches") || !strings.Contains(head, want) {
		t.Errorf("detail %q; want nobody matches, and %q", head, want)
	}
}
