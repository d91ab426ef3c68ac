package graphapi_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// square is a w by w image of one colour, encoded as format.
func square(t *testing.T, w int, format string, noisy bool) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, w))
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < len(img.Pix); i += 4 {
		c := color.RGBA{40, 120, 200, 255}
		if noisy {
			c = color.RGBA{uint8(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32()), 255}
		}
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 100})
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSetAndDeleteAgainstSandbox drives SetPhoto and DeletePhoto through
// the sandbox tenant, which answers as Graph does.
func TestSetAndDeleteAgainstSandbox(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	token, err := tn.UserToken(identity.DemoUPN, "ProfilePhoto.ReadWrite.All", "Contacts.ReadWrite")
	if err != nil {
		t.Fatal(err)
	}
	c := tn.Client(token)
	ctx := t.Context()
	nestor := graphapi.User(ex.NoPhoto.UserPrincipalName)

	// Set, then read back the sizes Graph derived from the upload.
	if err := c.SetPhoto(ctx, nestor, square(t, 504, "png", false), "image/png"); err != nil {
		t.Fatal(err)
	}
	sizes, err := c.PhotoSizes(ctx, nestor)
	if err != nil {
		t.Fatal(err)
	}
	var got []graphapi.Size
	for _, m := range sizes {
		got = append(got, m.HDSize())
	}
	if len(got) != 8 || got[0] != "48x48" || got[7] != "504x504" {
		t.Errorf("sizes after a 504x504 upload: %v, want 48x48 to 504x504", got)
	}
	meta, err := c.PhotoMeta(ctx, nestor, graphapi.SizeLargest)
	if err != nil || meta.Width != 504 || meta.ContentType != "image/jpeg" {
		t.Fatalf("metadata after upload: %+v, %v", meta, err)
	}
	p, err := c.PhotoBytes(ctx, nestor, "240x240")
	if err != nil {
		t.Fatal(err)
	}
	if cfg, format, err := image.DecodeConfig(bytes.NewReader(p.Bytes)); err != nil || format != "jpeg" || cfg.Width != 240 {
		t.Errorf("240x240 of the upload: %s %d (%v); Graph re-encodes as JPEG", format, cfg.Width, err)
	}
	if !graphapi.SameETag(p.ETag, meta.ETag) {
		t.Errorf("bytes ETag %s, metadata %s", p.ETag, meta.ETag)
	}
	if err := c.SetPhoto(ctx, nestor, square(t, 504, "png", false), "image/png"); err != nil {
		t.Fatal(err)
	}
	if again, err := c.PhotoMeta(ctx, nestor, graphapi.SizeLargest); err != nil || graphapi.SameETag(again.ETag, meta.ETag) {
		t.Errorf("ETag after uploading the same bytes again: %v (%v), want a new one", again, err)
	}

	// Delete, then there is no photo; deleting again is fine.
	if err := c.DeletePhoto(ctx, nestor); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PhotoMeta(ctx, nestor, graphapi.SizeLargest); !graphapi.IsNoPhoto(err) {
		t.Errorf("metadata after delete: %v, want IsNoPhoto", err)
	}
	if err := c.DeletePhoto(ctx, nestor); err != nil {
		t.Errorf("second delete: %v", err)
	}

	// A contact's photo can be set, not deleted.
	contact := graphapi.Contact(ex.ContactNoPhoto.ID)
	if err := c.SetPhoto(ctx, contact, square(t, 300, "jpeg", false), "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	if m, err := c.PhotoMeta(ctx, contact, graphapi.SizeLargest); err != nil || m.Width != 240 {
		t.Errorf("contact photo after upload: %+v, %v", m, err)
	}
	if err := c.DeletePhoto(ctx, contact); !errors.Is(err, graphapi.ErrCannotDeleteContactPhoto) {
		t.Errorf("contact delete: %v", err)
	}

	// What Graph refuses, told apart by the predicates.
	if err := c.SetPhoto(ctx, nestor, []byte("not a photo"), "image/jpeg"); !graphapi.IsInvalidPhoto(err) {
		t.Errorf("non-image upload: %v, want IsInvalidPhoto", err)
	}
	lynne := graphapi.User(ex.EntraOnly.UserPrincipalName)
	if err := c.SetPhoto(ctx, lynne, square(t, 300, "jpeg", true), "image/jpeg"); !graphapi.IsPhotoTooLargeForEntraOnly(err) {
		t.Errorf("large Entra-only upload: %v, want IsPhotoTooLargeForEntraOnly", err)
	}
	if err := c.SetPhoto(ctx, graphapi.User("nobody@contoso.onmicrosoft.com"), square(t, 64, "jpeg", false), "image/jpeg"); !graphapi.IsNotFound(err) || graphapi.IsPhotoTooLargeForEntraOnly(err) {
		t.Errorf("upload for an unknown user: %v, want a plain not found", err)
	}
	fdToken, err := tn.UserToken(identity.FrontdeskUPN, "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	fd := tn.Client(fdToken)
	if err := fd.SetPhoto(ctx, graphapi.User(ex.FullHD.ID), square(t, 64, "jpeg", false), "image/jpeg"); !graphapi.IsAdminRoleRequired(err) {
		t.Errorf("Frontdesk changing Adele's photo: %v, want IsAdminRoleRequired", err)
	}
	if err := fd.SetPhoto(ctx, graphapi.Me(), square(t, 64, "jpeg", false), "image/jpeg"); err != nil {
		t.Errorf("Frontdesk changing its own photo: %v", err)
	}
	if err := fd.DeletePhoto(ctx, graphapi.Group(ex.Sales.ID)); err != nil {
		t.Errorf("Frontdesk deleting a group photo (no role needed for groups): %v", err)
	}
	st := tn.Stats()
	if st.Requests[sandbox.KindPhotoWrite] != 8 || st.Requests[sandbox.KindPhotoDelete] != 3 {
		t.Errorf("requests %v", st.Requests)
	}
}

// TestSetPhotoRetriedAgainstSandbox: a throttled upload is sent again and
// lands once.
func TestSetPhotoRetriedAgainstSandbox(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20, Faults: sandbox.Faults{ThrottleRate: 1, RetryAfter: "0.01"}})
	token, err := tn.UserToken(identity.DemoUPN, "User.ReadWrite")
	if err != nil {
		t.Fatal(err)
	}
	c := tn.Client(token, graphapi.WithRetry(graphapi.RetryPolicy{MaxAttempts: 3}))
	err = c.SetPhoto(t.Context(), graphapi.Me(), square(t, 96, "jpeg", false), "image/jpeg")
	if !graphapi.IsThrottled(err) || tn.Stats().Requests[sandbox.KindPhotoWrite] != 3 {
		t.Fatalf("always throttled: %v after %v", err, tn.Stats().Requests)
	}
	tn.SetFaults(sandbox.Faults{})
	if err := c.SetPhoto(t.Context(), graphapi.Me(), square(t, 96, "jpeg", false), "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	if m, err := c.PhotoMeta(t.Context(), graphapi.Me(), graphapi.SizeLargest); err != nil || m.Width != 96 {
		t.Errorf("after the upload: %+v %v", m, err)
	}
}

// SetPhotos sends many uploads in one $batch, each with its own answer; a
// type Graph does not take is refused before anything is sent.
func TestSetPhotosInOneBatch(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	token, err := tn.UserToken(identity.DemoUPN, "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	c := tn.Client(token)
	ctx := t.Context()
	ups := []graphapi.PhotoUpload{
		{Subject: graphapi.User(ex.NoPhoto.ID), Data: square(t, 240, "jpeg", false), ContentType: "image/jpeg"},
		{Subject: graphapi.User(ex.LegacyNoPhoto.ID), Data: square(t, 96, "png", false), ContentType: "image/png"},
		{Subject: graphapi.User(ex.FullHD.ID), Data: []byte("gif"), ContentType: "image/gif"},
		{Subject: graphapi.User("nobody@contoso.onmicrosoft.com"), Data: square(t, 96, "jpeg", false), ContentType: "image/jpeg"},
		{Subject: graphapi.User(ex.EntraOnly.UserPrincipalName), Data: square(t, 300, "jpeg", true), ContentType: "image/jpeg"},
	}
	errs := c.SetPhotos(ctx, ups)
	if errs[0] != nil || errs[1] != nil {
		t.Fatalf("uploads failed: %v", errs)
	}
	if !errors.Is(errs[2], graphapi.ErrUnsupportedPhotoType) || errs[3] == nil {
		t.Errorf("errors %v, want the gif refused and the unknown user's 404", errs)
	}
	if graphapi.IsPhotoTooLargeForEntraOnly(errs[3]) || graphapi.IsNoPhoto(errs[3]) {
		t.Errorf("the unknown user's 404 %v reads as a refused upload or as no photo", errs[3])
	}
	// A batched upload's bare 404 is the Entra-only size refusal, as it
	// is for a single upload — not "no photo".
	if !graphapi.IsPhotoTooLargeForEntraOnly(errs[4]) || graphapi.IsNoPhoto(errs[4]) {
		t.Errorf("large Entra-only upload in a batch: %v, want IsPhotoTooLargeForEntraOnly and not IsNoPhoto", errs[4])
	}
	if st := tn.Stats(); st.Requests[sandbox.KindBatch] != 1 || st.Requests[sandbox.KindPhotoWrite] != 4 {
		t.Errorf("%d envelopes, %d writes; want one envelope of four", st.Requests[sandbox.KindBatch], st.Requests[sandbox.KindPhotoWrite])
	}
	for _, id := range []string{ex.NoPhoto.ID, ex.LegacyNoPhoto.ID} {
		if m, err := c.PhotoMeta(ctx, graphapi.User(id), graphapi.SizeLargest); err != nil || m.Width == 0 {
			t.Errorf("%s after the batch: %+v, %v", id, m, err)
		}
	}
}

// A user without a mailbox refuses a DELETE with 400 AuthenticationError,
// which is not taken for "already gone"; an upload goes through when small
// and is refused with the bare 404 over ~100 KB, told apart from a user
// who is not there; reads answer as before.
func TestNoMailboxChanges(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	token, err := tn.UserToken(identity.DemoUPN, "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	c := tn.Client(token)
	patti := graphapi.User(tn.Dir.Examples().NoMailbox.ID)
	if err := c.DeletePhoto(t.Context(), patti); !graphapi.IsNoMailbox(err) {
		t.Errorf("delete: %v, want the no-mailbox refusal", err)
	}
	if err := c.SetPhoto(t.Context(), patti, square(t, 96, "jpeg", false), "image/jpeg"); err != nil {
		t.Errorf("small upload: %v", err)
	}
	err = c.SetPhoto(t.Context(), patti, square(t, 300, "jpeg", true), "image/jpeg")
	if !graphapi.IsPhotoTooLargeForEntraOnly(err) || graphapi.IsNoMailbox(err) || graphapi.IsNoPhoto(err) {
		t.Errorf("large upload: %v; want IsPhotoTooLargeForEntraOnly", err)
	}
	if _, err := c.PhotoMeta(t.Context(), patti, graphapi.SizeLargest); !graphapi.IsNoPhoto(err) {
		t.Errorf("a read still answers no photo: %v", err)
	}
}

// A photo under Graph's 4 MB but over about 3 MB goes through SetPhotos
// too: alone in an envelope, in base64, it would pass 4 MB (413).
func TestSetPhotosTakesALargePhoto(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	token, err := tn.UserToken(identity.DemoUPN, "ProfilePhoto.ReadWrite.All")
	if err != nil {
		t.Fatal(err)
	}
	var big []byte
	for w := 900; len(big) < 3_200_000; w += 50 {
		big = square(t, w, "png", true)
	}
	if len(big) > graphapi.MaxPhotoBytes {
		t.Fatalf("the picture came out at %d bytes, over Graph's limit", len(big))
	}
	errs := tn.Client(token).SetPhotos(t.Context(), []graphapi.PhotoUpload{{Subject: graphapi.User(tn.Dir.Examples().NoPhoto.ID), Data: big, ContentType: "image/png"}})
	if errs[0] != nil {
		t.Errorf("a %d-byte photo: %v", len(big), errs[0])
	}
}
