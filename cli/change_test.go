package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// writeEnv is tn's connection with a token of upn that may change photos.
func writeEnv(t *testing.T, tn *tenant, upn string) map[string]string {
	t.Helper()
	tok, err := tn.UserToken(upn, "User.ReadBasic.All", "ProfilePhoto.ReadWrite.All", "Contacts.ReadWrite")
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{EnvGraphURL: tn.env[EnvGraphURL], EnvAccessToken: tok}
}

// groupEnv is tn's connection with a token of the demo user that may read
// groups' members and change photos.
func groupEnv(t *testing.T, tn *tenant) map[string]string {
	t.Helper()
	tok, err := tn.UserToken(identity.DemoUPN, "User.ReadBasic.All", "GroupMember.Read.All", "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{EnvGraphURL: tn.env[EnvGraphURL], EnvAccessToken: tok}
}

// picture writes a w x h PNG and returns its path.
func picture(t *testing.T, w, h int) string {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewNRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "picture.png")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// set backs up, uploads the centred square (never enlarged), and says
// where the backup went; remove and undo go back and forth, each backed up.
func TestSetRemoveUndo(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	who := tn.Dir.Examples().FullHD.UserPrincipalName
	backups := t.TempDir()

	code, _, stderr := photodesk(t, cmdOpts{env: env}, "set", "--user", who, "--file", picture(t, 400, 300), "--backup", backups)
	if code != ExitOK || !strings.Contains(stderr, "backup: "+backups) {
		t.Fatalf("set: exit %d, stderr %q", code, stderr)
	}
	out := t.TempDir()
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "get", "--user", who, "-o", out); code != ExitOK {
		t.Fatalf("get after set: %d %s", code, stderr)
	}
	files, _ := os.ReadDir(out)
	// A 300x300 upload (the crop, not enlarged) gives the HD sizes up to
	// it, so the largest is 240x240.
	if len(files) != 1 || !strings.HasSuffix(files[0].Name(), "_240x240.jpg") {
		t.Errorf("largest photo after set = %v, want 240x240", files)
	}

	code, _, stderr = photodesk(t, cmdOpts{env: env}, "remove", "--user", who, "--backup", backups, "--yes")
	if code != ExitOK || !strings.Contains(stderr, "backup: ") {
		t.Fatalf("remove: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := photodesk(t, cmdOpts{env: env}, "get", "--user", who, "--meta"); code != ExitNoPhoto {
		t.Errorf("get after remove: exit %d, want %d (no photo)", code, ExitNoPhoto)
	}
	code, _, stderr = photodesk(t, cmdOpts{env: env}, "undo", "--backup", backups)
	if code != ExitOK {
		t.Fatalf("undo: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := photodesk(t, cmdOpts{env: env}, "get", "--user", who, "--meta"); code != ExitOK {
		t.Errorf("get after undo: exit %d, want the photo back", code)
	}
	entries, _ := change.ReadLog(backups)
	if len(entries) != 3 || entries[2].Action != change.ActionUndo || entries[2].Status != change.StatusDone {
		t.Errorf("change log = %+v", entries)
	}
}

// Accounts are told apart by their token's tenant and object ids, also
// with bare tokens: another account's undo, on the same backups folder,
// does not revert a change it did not make; the account that made it
// still can.
func TestUndoIsTheAccountsOwn(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	demo, front := writeEnv(t, tn, identity.DemoUPN), writeEnv(t, tn, identity.FrontdeskUPN)
	backups := t.TempDir()
	if code, _, stderr := photodesk(t, cmdOpts{env: demo}, "set", "--me", "--file", picture(t, 300, 300), "--backup", backups); code != ExitOK {
		t.Fatalf("set: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr := photodesk(t, cmdOpts{env: front}, "undo", "--backup", backups)
	if code != ExitFailure || !strings.Contains(stderr, "no change to undo") {
		t.Errorf("another account's undo: exit %d, stderr %q; want nothing to undo", code, stderr)
	}
	if code, _, _ := photodesk(t, cmdOpts{env: front}, "get", "--me", "--meta"); code != ExitNoPhoto {
		t.Errorf("the other account's own photo: exit %d, want still none", code)
	}
	if code, _, stderr := photodesk(t, cmdOpts{env: demo}, "undo", "--backup", backups); code != ExitOK {
		t.Errorf("own undo: exit %d, stderr %q", code, stderr)
	}
	entries, _ := change.ReadLog(backups)
	if len(entries) != 2 || entries[0].Tenant != strings.ToLower(tn.Dir.TenantID()) || entries[0].By != identity.DemoUPN || entries[0].Account == "" {
		t.Errorf("change log = %+v; want the tenant's and account's ids, and the account's name", entries)
	}
}

// Without a directory role, changing someone else's photo is refused by
// Graph, explained, and changes nothing.
func TestSetWithoutAdminRole(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.FrontdeskUPN)
	who := tn.Dir.Examples().FullHD.UserPrincipalName
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "set", "--user", who, "--file", picture(t, 100, 100), "--backup", t.TempDir())
	if code != ExitFailure || !strings.Contains(stderr, "User Administrator") || !strings.Contains(stderr, "Nothing was changed") {
		t.Errorf("exit %d, stderr %q; want 1 and the role named", code, stderr)
	}
	if strings.Contains(stderr, "backup: ") {
		t.Errorf("stderr %q names a backup, though Graph refused and nothing was replaced", stderr)
	}
}

// Usage mistakes, a script that forgot --yes, and nothing to undo.
func TestChangeCommandsRefuseBadInput(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"set", "--me"}, ExitUsage, "--file is required"},
		{[]string{"set", "--me", "--file", "x.png", "--crop", "edges"}, ExitUsage, "--crop must be"},
		{[]string{"set", "--me", "--group", "g", "--file", "x.png"}, ExitUsage, ""},
		{[]string{"set", "--me", "--file", filepath.Join(t.TempDir(), "missing.png")}, ExitFailure, "missing.png"},
		{[]string{"set", "--me", "--file", os.DevNull}, ExitFailure, "Not a file (a folder, a device or a pipe): " + os.DevNull},
		{[]string{"remove", "--me"}, ExitUsage, "--yes"},
		{[]string{"remove", "--contact", "AAMkAnything", "--yes"}, ExitUsage, "a contact's photo cannot be removed through Microsoft Graph"},
		// Lower case, as undo's other lines: it read "There is no change to undo".
		{[]string{"undo", "--backup", t.TempDir()}, ExitFailure, "photodesk undo: there is no change to undo\n"},
		// A group's name, as get refuses it: not Graph's 404 for a backup
		// that could not be read (set), nor a question about "Sales".
		{[]string{"set", "--group", "Sales", "--file", picture(t, 100, 100), "--backup", t.TempDir()}, ExitUsage, `--group takes the group's object id (a GUID such as 59ee1e9b-e3a3-459c-931d-3dd411f1cfc6), not "Sales"`},
		{[]string{"remove", "--group", "sales@contoso.onmicrosoft.com", "--yes", "--backup", t.TempDir()}, ExitUsage, `not "sales@contoso.onmicrosoft.com"`},
		{[]string{"remove", "--group", "Sales"}, ExitUsage, `--group takes the group's object id`},
	} {
		code, _, stderr := photodesk(t, cmdOpts{env: env}, c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, stderr, c.code, c.want)
		}
	}
}

// Graph's other refusals reach the person in words: a token without the
// write permission, and a user without a mailbox refusing an upload over
// ~100 KB with a bare 404 (here a noisy PNG sent as it is).
func TestSetRefusalsAreExplained(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	readOnly, err := tn.UserToken(identity.DemoUPN, "User.ReadBasic.All")
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{EnvGraphURL: tn.env[EnvGraphURL], EnvAccessToken: readOnly}
	who := tn.Dir.Examples().FullHD.UserPrincipalName
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "set", "--user", who, "--file", picture(t, 100, 100), "--backup", t.TempDir())
	if code != ExitFailure || !strings.Contains(stderr, "ProfilePhoto.ReadWrite.All") {
		t.Errorf("without the permission: exit %d, stderr %q", code, stderr)
	}

	noisy := filepath.Join(t.TempDir(), "noisy.png")
	img := image.NewNRGBA(image.Rect(0, 0, 300, 300))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = byte(rng.Uint32())
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if b.Len() <= 100_000 {
		t.Fatalf("the noisy picture is only %d bytes", b.Len())
	}
	if err := os.WriteFile(noisy, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	entraOnly := tn.Dir.Examples().EntraOnly.UserPrincipalName
	code, _, stderr = photodesk(t, cmdOpts{env: writeEnv(t, tn, identity.DemoUPN)}, "set", "--user", entraOnly, "--file", noisy, "--crop", "none", "--backup", t.TempDir())
	if code != ExitFailure || !strings.Contains(stderr, "without an Exchange Online mailbox") {
		t.Errorf("too large for a user without a mailbox: exit %d, stderr %q", code, stderr)
	}
	// The same picture cropped and re-encoded (the default) fits.
	code, _, stderr = photodesk(t, cmdOpts{env: writeEnv(t, tn, identity.DemoUPN)}, "set", "--user", entraOnly, "--file", noisy, "--backup", t.TempDir())
	if code != ExitOK {
		t.Errorf("re-encoded for a user without a mailbox: exit %d, stderr %q", code, stderr)
	}
}

// scopeRecorder is a signed-in account's token source that records the
// permissions the command line asks it for.
type scopeRecorder struct {
	graphapi.TokenSource
	mu    sync.Mutex
	asked []string
}

func (r *scopeRecorder) EnsureScopes(_ context.Context, perms ...string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.asked = append(r.asked, perms...)
	return nil
}

// set asks the signed-in account for the permission its change needs: a
// contact in someone else's mailbox Contacts.ReadWrite.Shared (which the
// sandbox, like Graph, insists on), one's own Contacts.ReadWrite, a user
// ProfilePhoto.ReadWrite.All.
func TestSetAsksThePermissionOfTheMailbox(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	contact := ex.ContactWithPhoto.ID
	for _, c := range []struct {
		name, upn string
		scopes    []string
		target    []string
		want      string
	}{
		{
			"someone else's contact", identity.FrontdeskUPN,
			[]string{"Contacts.ReadWrite.Shared"},
			[]string{"--contact", contact, "--of-user", ex.Helpdesk.UserPrincipalName},
			"Contacts.ReadWrite.Shared",
		},
		{"own contact", identity.DemoUPN, []string{"Contacts.ReadWrite"}, []string{"--contact", contact}, "Contacts.ReadWrite"},
		{"user", identity.DemoUPN, []string{"ProfilePhoto.ReadWrite.All"}, []string{"--user", ex.NoPhoto.UserPrincipalName}, "ProfilePhoto.ReadWrite.All"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := signInRecording(t, tn, c.upn, c.scopes...)
			var stdout, stderr bytes.Buffer
			e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
			args := append([]string{"set", "--file", picture(t, 100, 100), "--backup", t.TempDir()}, c.target...)
			code := run(t.Context(), args, e)
			rec.mu.Lock()
			asked := slices.Clone(rec.asked)
			rec.mu.Unlock()
			if !slices.Equal(asked, []string{c.want}) {
				t.Errorf("asked for %v, want %s", asked, c.want)
			}
			if code != ExitOK {
				t.Errorf("exit %d, stderr %q", code, stderr.String())
			}
		})
	}
}

// TestUndoAsksThePermissionOfTheChange: undo asks for the permission of
// the change it undoes — known only once the change log is read for the
// account signed in — not ProfilePhoto.ReadWrite.All whatever it was.
func TestUndoAsksThePermissionOfTheChange(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20})
	contact := tn.Dir.Examples().ContactWithPhoto.ID
	rec := signInRecording(t, tn, identity.DemoUPN, "Contacts.ReadWrite")
	backups := t.TempDir()
	for _, args := range [][]string{
		{"set", "--file", picture(t, 100, 100), "--backup", backups, "--contact", contact},
		{"undo", "--backup", backups},
	} {
		var stdout, stderr bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
		if code := run(t.Context(), args, e); code != ExitOK {
			t.Fatalf("%s: exit %d, stderr %q", args[0], code, stderr.String())
		}
	}
	rec.mu.Lock()
	asked := slices.Clone(rec.asked)
	rec.mu.Unlock()
	if !slices.Equal(asked, []string{"Contacts.ReadWrite", "Contacts.ReadWrite"}) {
		t.Errorf("set then undo of a contact asked for %v, want Contacts.ReadWrite both times", asked)
	}
}

// signInRecording signs upn in as the window's account, with a token of
// scopes, recording which permissions commands ask it for.
func signInRecording(t *testing.T, tn *tenant, upn string, scopes ...string) *scopeRecorder {
	t.Helper()
	tok, err := tn.UserToken(upn, scopes...)
	if err != nil {
		t.Fatal(err)
	}
	rec := &scopeRecorder{TokenSource: graphapi.StaticToken(tok)}
	SignedIn = func(context.Context, string) (graphapi.TokenSource, string, error) {
		return rec, tn.GraphURL("v1.0"), nil
	}
	t.Cleanup(func() { SignedIn = nil })
	return rec
}

// undo names a newer change it cannot undo and undoes nothing unless told
// to pass it over; it does not overwrite a photo changed since (here by a
// set logged elsewhere) unless told to; and a person answered with the
// 1x1 "no photo" image gets no backup of it, so undoing removes the photo.
func TestUndoSaysWhatItPassesAndKeepsNewerPhotos(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	ex := tn.Dir.Examples()
	backups := t.TempDir()
	run := func(args ...string) (int, string) {
		t.Helper()
		code, _, stderr := photodesk(t, cmdOpts{env: env}, args...)
		return code, stderr
	}
	if code, stderr := run("set", "--user", ex.FullHD.UserPrincipalName, "--file", picture(t, 300, 300), "--backup", backups); code != ExitOK {
		t.Fatalf("set: %d %s", code, stderr)
	}
	if code, stderr := run("set", "--user", ex.UpTo240.UserPrincipalName, "--file", picture(t, 300, 300), "--backup", backups); code != ExitOK {
		t.Fatalf("set: %d %s", code, stderr)
	}
	entries, _ := change.ReadLog(backups)
	if err := os.Remove(entries[1].Backup); err != nil {
		t.Fatal(err)
	}
	code, stderr := run("undo", "--backup", backups)
	if code != ExitFailure || !strings.Contains(stderr, "cannot be undone: its backup") || !strings.Contains(stderr, "undo --skip-newer") {
		t.Fatalf("undo past a broken change: exit %d, stderr %q; want it named and nothing undone", code, stderr)
	}
	if entries, _ := change.ReadLog(backups); len(entries) != 2 {
		t.Fatalf("log after the refused undo = %+v", entries)
	}
	if code, stderr := run("undo", "--backup", backups, "--skip-newer"); code != ExitOK || !strings.Contains(stderr, "undid the new photo of") {
		t.Fatalf("undo --skip-newer: exit %d, stderr %q", code, stderr)
	}

	// A change, then another logged elsewhere (as another tool would).
	if code, stderr := run("set", "--user", ex.PNG.UserPrincipalName, "--file", picture(t, 300, 300), "--backup", backups); code != ExitOK {
		t.Fatalf("set: %d %s", code, stderr)
	}
	if code, stderr := run("set", "--user", ex.PNG.UserPrincipalName, "--file", picture(t, 200, 200), "--backup", t.TempDir()); code != ExitOK {
		t.Fatalf("set elsewhere: %d %s", code, stderr)
	}
	code, stderr = run("undo", "--backup", backups)
	if code != ExitFailure || !strings.Contains(stderr, "changed again") || !strings.Contains(stderr, "undo --overwrite") {
		t.Fatalf("undo over a newer photo: exit %d, stderr %q; want it refused", code, stderr)
	}
	if code, stderr := run("undo", "--backup", backups, "--overwrite"); code != ExitOK {
		t.Fatalf("undo --overwrite: exit %d, stderr %q", code, stderr)
	}

	gif := ex.GIF1x1.UserPrincipalName
	code, stderr = run("set", "--user", gif, "--file", picture(t, 300, 300), "--backup", backups)
	if code != ExitOK || strings.Contains(stderr, "backup: ") {
		t.Fatalf("set over the 1x1 image: exit %d, stderr %q; want no backup", code, stderr)
	}
	if code, stderr := run("undo", "--backup", backups); code != ExitOK {
		t.Fatalf("undo: exit %d, stderr %q", code, stderr)
	}
	if code, _ := run("get", "--user", gif, "--meta"); code != ExitNoPhoto {
		t.Errorf("after undo: exit %d, want no photo (not the 1x1 image uploaded back)", code)
	}
}

// A user without a mailbox is said to be one, by name, for a set and a
// removal alike (not "has no photo"); a contact that is not there is said
// not to be, and nothing is sent to it.
func TestChangesOfWhoCannotHaveThem(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	nm := tn.Dir.Examples().NoMailbox
	noMailbox := nm.UserPrincipalName
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"set", "--user", noMailbox, "--file", picture(t, 100, 100)}, nm.DisplayName + " (" + noMailbox + ") as for a user without an Exchange Online mailbox (400 AuthenticationError), so their current photo cannot be read"},
		{[]string{"remove", "--user", noMailbox, "--yes"}, "without an Exchange Online mailbox"},
		// set names another mailbox's owner with --of-user: its --user is
		// a user's photo, so "and --user" sent people to the wrong flag.
		{[]string{"set", "--contact", "AAMkAnothere", "--file", picture(t, 100, 100)}, "There is no contact AAMkAnothere: check --contact and --folder (and --of-user for another mailbox)"},
	} {
		backups := t.TempDir()
		code, _, stderr := photodesk(t, cmdOpts{env: env}, append(c.args, "--backup", backups)...)
		if code != ExitFailure || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, stderr, ExitFailure, c.want)
		}
		if entries, _ := change.ReadLog(backups); len(entries) != 0 {
			t.Errorf("%v: logged %+v, want nothing tried", c.args, entries)
		}
	}
}

// set and remove take a guest's own mail for --user, as get does: they
// answered "no such user" for the person get showed.
func TestSetAndRemoveByGuestMail(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	guest := tn.Dir.Examples().Guest
	if strings.EqualFold(guest.Mail, guest.UserPrincipalName) {
		t.Fatalf("the guest's mail %q is their UPN: nothing to test", guest.Mail)
	}
	backups := t.TempDir()
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "set", "--user", guest.Mail, "--file", picture(t, 300, 300), "--backup", backups)
	if code != ExitOK || !strings.Contains(stderr, "no one's UPN") || !strings.Contains(stderr, guest.UserPrincipalName) {
		t.Fatalf("set --user %s: exit %d, stderr %q; want the guest's photo changed, said whose mail it is", guest.Mail, code, stderr)
	}
	out := t.TempDir()
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "get", "--user", guest.UserPrincipalName, "-o", out); code != ExitOK {
		t.Fatalf("get after set: %d %s", code, stderr)
	}
	if files, _ := os.ReadDir(out); len(files) != 1 || !strings.HasSuffix(files[0].Name(), "_240x240.jpg") {
		t.Errorf("the guest's largest photo after set = %v, want the 300x300 upload's 240x240", files)
	}
	code, _, stderr = photodesk(t, cmdOpts{env: env}, "remove", "--user", guest.Mail, "--backup", backups, "--yes")
	if code != ExitOK {
		t.Fatalf("remove --user %s: exit %d, stderr %q", guest.Mail, code, stderr)
	}
	if code, _, _ := photodesk(t, cmdOpts{env: env}, "get", "--user", guest.UserPrincipalName, "--meta"); code != ExitNoPhoto {
		t.Errorf("get after remove: exit %d, want %d (no photo)", code, ExitNoPhoto)
	}
}

// The signed-in user changed with --me and then by their UPN is one
// person to the change log: undoing both, newest first, puts back the
// photo from before, and the second undo does not take the first undo's
// upload for a change made outside Photo Desk.
func TestUndoMeThenByUPN(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	backups := t.TempDir()
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "set", "--me", "--file", picture(t, 300, 300), "--backup", backups); code != ExitOK {
		t.Fatalf("set --me: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "set", "--user", identity.DemoUPN, "--file", picture(t, 200, 200), "--backup", backups); code != ExitOK {
		t.Fatalf("set --user: exit %d, stderr %q", code, stderr)
	}
	for i := range 2 {
		code, _, stderr := photodesk(t, cmdOpts{env: env}, "undo", "--backup", backups)
		if code != ExitOK {
			t.Fatalf("undo %d: exit %d, stderr %q", i+1, code, stderr)
		}
	}
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "undo", "--backup", backups)
	if code != ExitFailure || !strings.Contains(stderr, "no change to undo") {
		t.Errorf("third undo: exit %d, stderr %q; want nothing left to undo", code, stderr)
	}
	entries, err := change.ReadLog(backups)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Target.Kind != "user" || !strings.EqualFold(e.Target.ID, e.Account) {
			t.Errorf("change %s (%s) keeps its target as %+v; want the user's object id %s", e.ID, e.Action, e.Target, e.Account)
		}
	}
}

// Someone changed by UPN and then by object id is one person to the change
// log too: the log keeps both changes by the object id, and two undos put
// back the photo from before without calling the first undo's upload a
// change made elsewhere.
func TestUndoByUPNThenByID(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	who := tn.Dir.Examples().FullHD
	backups := t.TempDir()
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "set", "--user", who.UserPrincipalName, "--file", picture(t, 300, 300), "--backup", backups); code != ExitOK {
		t.Fatalf("set by UPN: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := photodesk(t, cmdOpts{env: env}, "set", "--user", who.ID, "--file", picture(t, 200, 200), "--backup", backups); code != ExitOK {
		t.Fatalf("set by id: exit %d, stderr %q", code, stderr)
	}
	for i := range 2 {
		if code, _, stderr := photodesk(t, cmdOpts{env: env}, "undo", "--backup", backups); code != ExitOK {
			t.Fatalf("undo %d: exit %d, stderr %q", i+1, code, stderr)
		}
	}
	entries, err := change.ReadLog(backups)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.EqualFold(e.Target.ID, who.ID) {
			t.Errorf("change %s (%s) keeps its target as %+v; want the object id %s", e.ID, e.Action, e.Target, who.ID)
		}
	}
	if len(entries) == 0 || !strings.EqualFold(entries[0].Target.UPN, who.UserPrincipalName) {
		t.Errorf("the change by UPN does not keep the UPN for people: %+v", entries)
	}
}

// An undo of a change whose end is unknown reads the photo to learn
// whether it went through. For a user without a mailbox Graph answers
// that read with 400 AuthenticationError, which is not "no photo": the
// undo says it cannot tell, changes nothing and leaves the log as it was
// (it used to log a first photo as "did not go through", and to try to
// upload a backed-up one).
func TestUndoCannotCheckWithoutMailbox(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env := writeEnv(t, tn, identity.DemoUPN)
	ex := tn.Dir.Examples()
	for _, withBackup := range []bool{false, true} {
		backups := t.TempDir()
		// The mailbox was there when the change was sent, and gone by the
		// undo: a change that left no end in the log.
		started := change.Entry{
			ID: "20261206T080000.000-0000000" + map[bool]string{false: "a", true: "b"}[withBackup], Time: time.Now().Add(-time.Hour),
			Status: change.StatusStarted, Action: change.ActionSet,
			Account: strings.ToLower(ex.Helpdesk.ID), Tenant: strings.ToLower(tn.Dir.TenantID()), By: identity.DemoUPN,
			Target: change.Target{Kind: "user", ID: ex.NoMailbox.ID, UPN: ex.NoMailbox.UserPrincipalName, Name: ex.NoMailbox.DisplayName},
		}
		if withBackup {
			started.Backup, started.OldETag = filepath.Join(backups, "before.png"), `"OLD"`
			data, err := os.ReadFile(picture(t, 100, 100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(started.Backup, data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		line, err := json.Marshal(started)
		if err != nil {
			t.Fatal(err)
		}
		logPath := filepath.Join(backups, change.LogName)
		if err := os.WriteFile(logPath, append(line, '\n'), 0o600); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := photodesk(t, cmdOpts{env: env}, "undo", "--backup", backups)
		if code != ExitFailure || !strings.Contains(stderr, "cannot tell whether") || !strings.Contains(stderr, "mailbox") || !strings.Contains(stderr, "Nothing was undone") {
			t.Errorf("backup %v: undo exit %d, stderr %q; want 1, that it cannot tell whether the change went through (no mailbox), and that nothing was undone", withBackup, code, stderr)
		}
		if after, _ := os.ReadFile(logPath); !bytes.Equal(after, append(line, '\n')) {
			t.Errorf("backup %v: the change log became\n%s\nwant it as it was", withBackup, after)
		}
	}
}

// TestGroupChangesNameTheGroup: set, remove and undo --group ID named the
// group "group 59ee…", a GUID nobody recognises. They name it by display
// name, with the id beside it for support (one GET of the group); the
// change log keeps the name, so undo names it without asking. Without
// leave to read groups the lookup fails and the id still names it.
func TestGroupChangesNameTheGroup(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	env := groupEnv(t, tn)
	g := tn.Dir.Examples().Sales
	named := g.DisplayName + " (group " + g.ID + ")"
	backups := t.TempDir()
	for _, args := range [][]string{
		{"set", "--group", g.ID, "--file", picture(t, 300, 300), "--backup", backups},
		{"remove", "--group", g.ID, "--yes", "--backup", backups},
		{"undo", "--backup", backups},
	} {
		code, _, stderr := photodesk(t, cmdOpts{env: env}, args...)
		if code != ExitOK {
			t.Fatalf("%s: exit %d, stderr %q", args[0], code, stderr)
		}
		want := named
		if args[0] == "undo" {
			// It read "undid the removal of the photo of Sales of
			// 2026-12-06 21:39:05": the id left out, and "of … of".
			want = "undid the removal of the photo of " + named + " (removed 20"
		}
		if !strings.Contains(stderr, want) || strings.Contains(stderr, "group "+g.ID+" ") || strings.Contains(stderr, "of group "+g.ID) {
			t.Errorf("%s names the group %q? stderr:\n%s", args[0], want, stderr)
		}
	}

	// No leave to read groups: the lookup is refused, and the id names it.
	env = writeEnv(t, tn, identity.DemoUPN)
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "remove", "--group", g.ID, "--yes", "--backup", t.TempDir())
	if code != ExitOK || !strings.Contains(stderr, "removed the photo of group "+g.ID) {
		t.Errorf("remove without reading groups: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestGroupBackupsShareOneName: set --group backed the photo up as
// "…_sales@contoso…_648x648.jpg" (the person looked up has the group's
// mail) and undo as "…_Sales_648x648.jpg" (the change log's target had
// only its name): one group's history read as two. Every backup of one
// subject is now named from the change log's target, by one rule.
func TestGroupBackupsShareOneName(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	env := groupEnv(t, tn)
	g := tn.Dir.Examples().Sales
	backups := t.TempDir()
	for _, args := range [][]string{
		{"set", "--group", g.ID, "--file", picture(t, 300, 300), "--backup", backups},
		{"set", "--group", g.ID, "--file", picture(t, 200, 200), "--backup", backups},
		{"undo", "--backup", backups},
	} {
		if code, _, stderr := photodesk(t, cmdOpts{env: env}, args...); code != ExitOK {
			t.Fatalf("%s: exit %d, stderr %q", args[0], code, stderr)
		}
	}
	entries, _ := change.ReadLog(backups)
	stems := map[string]bool{}
	for _, e := range entries {
		if e.Backup == "" || e.Status != change.StatusDone {
			continue
		}
		// "20261206-213905.000_<stem>_<w>x<h>.jpg"
		_, rest, _ := strings.Cut(filepath.Base(e.Backup), "_")
		stems[rest[:strings.LastIndex(rest, "_")]] = true
	}
	if len(stems) != 1 {
		t.Errorf("the backups of one group are named %v; want one name", slices.Sorted(maps.Keys(stems)))
	}
}
