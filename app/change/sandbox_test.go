package change

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// noisyJPEG is a w x w picture of noise: it does not compress, so it is
// well over the ~100 KB Entra-only people were refused.
func noisyJPEG(t *testing.T, w int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, w))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.Uint32())
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A large upload to a person without a mailbox, sent with others in a
// $batch as a bulk import sends it, is explained as the size refusal it
// is (with the smaller version as the fix), not as a missing photo.
func TestSetManyExplainsTheEntraOnlySizeRefusal(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{})
	tok, err := tn.UserToken(identity.DemoUPN, "User.ReadBasic.All", "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	c := tn.Client(tok)
	ch := &Changer{Graph: c, Dir: filepath.Join(t.TempDir(), "backups"), Account: identity.DemoUPN, Tenant: "sandbox"}
	ex := tn.Dir.Examples()
	lynne, nestor := graphapi.User(ex.EntraOnly.ID), graphapi.User(ex.NoPhoto.ID)
	big := noisyJPEG(t, 360)
	if len(big) <= 100<<10 {
		t.Fatalf("noise is only %d bytes", len(big))
	}
	before, err := c.PhotoBytes(t.Context(), lynne, graphapi.SizeLargest)
	if err != nil {
		t.Fatal(err)
	}
	people := []app.Person{
		{Subject: lynne, Kind: app.KindUser, ID: ex.EntraOnly.ID, DisplayName: ex.EntraOnly.DisplayName},
		{Subject: nestor, Kind: app.KindUser, ID: ex.NoPhoto.ID, DisplayName: ex.NoPhoto.DisplayName},
	}
	res := ch.SetMany(t.Context(), []SetRequest{
		{Person: people[0], Data: big, ContentType: "image/jpeg"},
		{Person: people[1], Data: big, ContentType: "image/jpeg"},
	})
	if res[1].Err != nil {
		t.Fatalf("the mailbox user's upload: %v", res[1].Err)
	}
	if st := tn.Stats(); st.Requests[sandbox.KindBatch] != 1 {
		t.Fatalf("%d $batch envelopes, want the uploads sent in one", st.Requests[sandbox.KindBatch])
	}
	if !IsUploadTooLargeForUser(res[0].Err) {
		t.Errorf("Entra-only upload: %v, want IsUploadTooLargeForUser", res[0].Err)
	}
	if got := Explain(res[0].Err, people[0]); !strings.Contains(got, "100 KB") || !strings.Contains(got, "Nothing was changed") {
		t.Errorf("explained as %q, want the 100 KB refusal", got)
	}
	if res[0].Entry.Status != StatusFailed {
		t.Errorf("logged as %q, want failed", res[0].Entry.Status)
	}
	after, err := c.PhotoBytes(t.Context(), lynne, graphapi.SizeLargest)
	if err != nil || after.ETag != before.ETag {
		t.Errorf("the refused upload changed the photo: %v", err)
	}
}

// Against the sandbox with every photo answer damaged in transit, a change
// is refused before anything is sent: the backup would have been cut
// short, and the photo it replaced lost for good.
func TestNoChangeOnADamagedRead(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{})
	tok, err := tn.UserToken(identity.DemoUPN, "User.ReadBasic.All", "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	c := tn.Client(tok)
	ex := tn.Dir.Examples()
	adele := graphapi.User(ex.FullHD.ID)
	before, err := c.PhotoBytes(t.Context(), adele, graphapi.SizeLargest)
	if err != nil {
		t.Fatal(err)
	}
	ch := &Changer{Graph: c, Dir: filepath.Join(t.TempDir(), "backups"), Account: identity.DemoUPN, Tenant: "sandbox"}
	tn.SetFaults(sandbox.Faults{CorruptRate: 1})
	person := app.Person{Subject: adele, Kind: app.KindUser, ID: ex.FullHD.ID, DisplayName: ex.FullHD.DisplayName}
	if _, err := ch.Set(t.Context(), person, noisyJPEG(t, 64), "image/jpeg"); !errors.Is(err, ErrBackupFailed) {
		t.Fatalf("err = %v, want the change refused for want of a whole backup", err)
	}
	tn.SetFaults(sandbox.Faults{})
	after, err := c.PhotoBytes(t.Context(), adele, graphapi.SizeLargest)
	if err != nil || !bytes.Equal(after.Bytes, before.Bytes) {
		t.Errorf("the photo changed (%v)", err)
	}
}

// For a user without a mailbox Graph takes a small upload and answers a
// large one with a bare 404, but answers every read with 400
// AuthenticationError. A change reads first, so nothing is sent, and the
// words say so — not that Graph cannot change the photo, which it can.
// An upload whose current photo was read ahead (as an import reads it in
// a $batch) meets the bare 404 over ~100 KB, explained as such.
func TestChangesForAUserWithoutAMailbox(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{})
	tok, err := tn.UserToken(identity.DemoUPN, "User.ReadBasic.All", "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	ch := &Changer{Graph: tn.Client(tok), Dir: filepath.Join(t.TempDir(), "backups"), Account: identity.DemoUPN, Tenant: "sandbox"}
	u := tn.Dir.Examples().NoMailbox
	patti := app.Person{Subject: graphapi.User(u.ID), Kind: app.KindUser, ID: u.ID, DisplayName: u.DisplayName, UPN: u.UserPrincipalName}
	for name, change := range map[string]func() error{
		"set":    func() error { _, err := ch.Set(t.Context(), patti, noisyJPEG(t, 48), "image/jpeg"); return err },
		"remove": func() error { _, err := ch.Remove(t.Context(), patti); return err },
	} {
		err := change()
		got := Explain(err, patti)
		if !graphapi.IsNoMailbox(err) || !strings.Contains(got, "cannot be read") || !strings.Contains(got, "back") ||
			!strings.Contains(got, u.DisplayName) || strings.Contains(got, "refused") || !strings.Contains(got, "Nothing was changed") {
			t.Errorf("%s: %v, explained as %q; want that the current photo cannot be read (nor backed up), so nothing was sent", name, err, got)
		}
	}
	if st := tn.Stats(); st.Requests[sandbox.KindPhotoWrite]+st.Requests[sandbox.KindPhotoDelete] != 0 {
		t.Errorf("%v: a change was sent", st.Requests)
	}
	res := ch.SetMany(t.Context(), []SetRequest{{Person: patti, Data: noisyJPEG(t, 360), ContentType: "image/jpeg", Options: SetOptions{CurrentKnown: true}}})
	if got := Explain(res[0].Err, patti); !IsUploadTooLargeForUser(res[0].Err) || !strings.Contains(got, "100 KB") {
		t.Errorf("a large upload read ahead: %v, explained as %q; want the 100 KB refusal", res[0].Err, got)
	}
}
