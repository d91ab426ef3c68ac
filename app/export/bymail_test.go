package export

import (
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// TestListedMailThatIsNoUPNIsFound: a list of addresses from HR holds a
// guest's own mail (jane@fabrikam.com, not her #EXT# UPN). The window
// finds her from such a list, but the export reported "user … not found"
// for a person who is there; it now looks an address that is nobody's
// UPN up by mail, as the window does. An address nobody has is still an
// error row.
func TestListedMailThatIsNoUPNIsFound(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	guest := tn.Dir.Examples().Guest
	if guest.Mail == "" || strings.EqualFold(guest.Mail, guest.UserPrincipalName) {
		t.Fatalf("the sandbox's guest %+v has no mail of her own", guest)
	}
	sum, rows, _, err := exportRun(t, t.Context(), Options{
		Client: tn.Client(tn.Token), Source: Source{People: []string{guest.Mail, "nobody@fabrikam.com"}},
		Sizes: Sizes{Mode: ModeNone},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := byKey(t, rows)
	if r := got[strings.ToLower(guest.UserPrincipalName)]; r.Status != StatusOK || r.ID != guest.ID {
		t.Errorf("the guest listed by her mail: row %+v, want ok under her id and UPN (rows %+v)", r, rows)
	}
	if r := got["nobody@fabrikam.com"]; r.Status != StatusError || !strings.Contains(r.Error, "not found") {
		t.Errorf("an address nobody has: row %+v, want a not-found error", r)
	}
	if sum.OK != 1 || sum.Errors != 1 || sum.Done != 2 {
		t.Errorf("summary %+v", sum.Progress)
	}
}
