package cli

import (
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// set of a contact's first photo says at once that undo cannot take it
// back (Graph cannot remove a contact's photo), rather than leaving it to
// a later undo to refuse; a contact whose photo it replaces is not warned.
func TestSetOfAContactsFirstPhotoSaysItCannotBeUndone(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20})
	env := writeEnv(t, tn, identity.DemoUPN)
	ex := tn.Dir.Examples()
	for _, tc := range []struct {
		name, contact string
		warn          bool
	}{{"without a photo", ex.ContactNoPhoto.ID, true}, {"with a photo", ex.ContactWithPhoto.ID, false}} {
		code, _, stderr := photodesk(t, cmdOpts{env: env}, "set", "--contact", tc.contact, "--file", picture(t, 100, 100), "--backup", t.TempDir())
		if code != ExitOK {
			t.Fatalf("%s: exit %d, stderr %q", tc.name, code, stderr)
		}
		if warned := strings.Contains(stderr, "undo cannot take it back"); warned != tc.warn {
			t.Errorf("contact %s: warned %v, want %v; stderr %q", tc.name, warned, tc.warn, stderr)
		}
	}
}
