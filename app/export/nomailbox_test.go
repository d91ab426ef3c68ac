package export

import (
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// TestNoMailboxRowSaysWhy: someone without an Exchange mailbox (Graph's
// 400 AuthenticationError) was a bare no-photo row, the same as someone
// who never uploaded one, so the audit sent a helpdesk person to upload a
// photo that cannot be uploaded there either. The row keeps status
// no-photo (scripts count it so) and says why in its error column, as the
// viewer does; a plain no-photo row stays empty there.
func TestNoMailboxRowSaysWhy(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	for _, sizes := range []Sizes{{Mode: ModeOne}, {Mode: ModeOne, Size: "240x240"}, {Mode: ModeAll}, {Mode: ModeNone}} {
		_, rows, _, err := exportRun(t, t.Context(), Options{
			Client: tn.Client(tn.Token), Source: Source{People: []string{ex.NoMailbox.UserPrincipalName, ex.NoPhoto.UserPrincipalName}},
			Sizes: sizes,
		})
		if err != nil {
			t.Fatal(err)
		}
		got := byKey(t, rows)
		if r := got[strings.ToLower(ex.NoMailbox.UserPrincipalName)]; r.Status != StatusNoPhoto || r.Error != app.ReasonNoMailbox {
			t.Errorf("size %s: no-mailbox row %+v, want no-photo saying %q", sizes, r, app.ReasonNoMailbox)
		}
		if r := got[strings.ToLower(ex.NoPhoto.UserPrincipalName)]; r.Status != StatusNoPhoto || r.Error != "" {
			t.Errorf("size %s: no-photo row %+v, want no reason", sizes, r)
		}
	}
}
