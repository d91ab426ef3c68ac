package views

import (
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// Saved settings Photo Desk does not know (a hand-edited or deployed
// preferences file, or a newer version's) open the window on the
// defaults, as before, and the status bar's notice says each one from the
// start; the file keeps what was written.
func TestWindowSaysWhichSettingsWereNotUnderstood(t *testing.T) {
	h := newShellHarness(t, map[string]string{app.PrefAPIVersion: "v2", app.PrefDefaultSize: "huge"})
	m := h.waitMain(demoStatus)
	for _, want := range []string{
		`The saved Graph version "v2" is not one Photo Desk knows (v1.0 or beta): using v1.0.`,
		`The saved default photo size "huge" is not one Photo Desk knows (largest, or 48x48 to 648x648): using the largest.`,
	} {
		if !strings.Contains(m.status.notice.Text, want) {
			t.Errorf("status bar notice %q does not say %q", m.status.notice.Text, want)
		}
	}
	if !m.status.noticeMore.Visible() || m.status.noticeMore.OnTapped == nil {
		t.Error("the notice has no button to read it whole")
	}
	if got := defaultPhotoSize(h.a.Preferences()); got != graphapi.SizeLargest {
		t.Errorf("default size = %q, want the largest", got)
	}
	if got := h.a.Preferences().String(app.PrefAPIVersion); got != "v2" {
		t.Errorf("saved Graph version = %q, want the file left as it was (v2)", got)
	}
}
