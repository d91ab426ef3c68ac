package app

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

func TestSandboxPhotoVariants(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	ex := tn.ex
	tests := []struct {
		name          string
		p             Person
		size          graphapi.Size
		noPhoto       bool
		served        graphapi.Size
		w, h          int
		format, note  string
		metaID        string
		contentTypeCI string // compared case-insensitively
	}{
		{"full HD 648", sbUser(ex.FullHD), "648x648", false, "648x648", 648, 648, "jpeg", "", "648x648", "image/jpeg"},
		{"full HD largest", sbUser(ex.FullHD), graphapi.SizeLargest, false, graphapi.SizeLargest, 648, 648, "jpeg", "", "", "image/jpeg"},
		{"up to 240 asked 648", sbUser(ex.UpTo240), "648x648", false, "240x240", 240, 240, "jpeg", "648x648 not uploaded — showing 240x240", "240x240", "image/jpeg"},
		{"up to 504 asked 648", sbUser(ex.UpTo504), "648x648", false, "504x504", 504, 504, "jpeg", "648x648 not uploaded — showing 504x504", "504x504", "image/jpeg"},
		{"entra only", sbUser(ex.EntraOnly), "240x240", false, graphapi.SizeLargest, 400, 300, "jpeg", "240x240 not uploaded — showing the only photo (400x300)", "default", "image/jpeg"},
		{"png", sbUser(ex.PNG), "96x96", false, "96x96", 96, 96, "png", "", "96x96", "image/png"},
		{"guest #EXT#", sbUser(ex.Guest), "120x120", false, "120x120", 120, 120, "jpeg", "", "120x120", "image/jpeg"},
		{"no photo", sbUser(ex.NoPhoto), graphapi.SizeLargest, true, "", 0, 0, "", "", "", ""},
		{"no photo at a size", sbUser(ex.NoPhoto), "240x240", true, "", 0, 0, "", "", "", ""},
		{"legacy no photo", sbUser(ex.LegacyNoPhoto), graphapi.SizeLargest, true, "", 0, 0, "", "", "", ""},
		{"1x1 gif placeholder", sbUser(ex.GIF1x1), graphapi.SizeLargest, true, "", 0, 0, "", "", "", ""},
		{"1x1 gif at a size", sbUser(ex.GIF1x1), "48x48", true, "", 0, 0, "", "", "", ""},
		{"group", sbGroup(ex.Sales), "64x64", false, "64x64", 64, 64, "jpeg", "", "64x64", "image/jpeg"},
		{"group up to 240", sbGroup(ex.Interns), "360x360", false, "240x240", 240, 240, "jpeg", "360x360 not uploaded — showing 240x240", "240x240", "image/jpeg"},
		{"group no photo", sbGroup(ex.GroupNoPhoto), "48x48", true, "", 0, 0, "", "", "", ""},
		{"contact asked a size", sbContact(ex.ContactWithPhoto, ""), "96x96", false, graphapi.SizeLargest, -1, -1, "", "contacts have one photo size", "", ""},
		{"contact in folder", sbContact(ex.FolderContact, ex.Folder.ID), graphapi.SizeLargest, false, graphapi.SizeLargest, -1, -1, "", "", "", ""},
		{"contact no photo", sbContact(ex.ContactNoPhoto, ""), graphapi.SizeLargest, true, "", 0, 0, "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tn.e.Photo(t.Context(), tt.p, tt.size)
			if err != nil {
				t.Fatal(err)
			}
			if r.NoPhoto != tt.noPhoto {
				t.Fatalf("NoPhoto = %v (%s)", r.NoPhoto, r.NoPhotoReason)
			}
			if tt.noPhoto {
				if r.Image != nil || r.NoPhotoReason == "" {
					t.Errorf("no-photo result %+v", r)
				}
				return
			}
			if r.Image == nil || r.Served != tt.served || r.FallbackNote() != tt.note {
				t.Errorf("served %q note %q", r.Served, r.FallbackNote())
			}
			if tt.w >= 0 && (r.Width != tt.w || r.Height != tt.h || r.Image.Bounds().Dx() != tt.w || r.Image.Bounds().Dy() != tt.h) {
				t.Errorf("dimensions %dx%d, want %dx%d", r.Width, r.Height, tt.w, tt.h)
			}
			if tt.format != "" && r.Format != tt.format {
				t.Errorf("format %q", r.Format)
			}
			if tt.metaID != "" && (r.Meta == nil || !strings.EqualFold(r.Meta.ID, tt.metaID)) {
				t.Errorf("meta %+v", r.Meta)
			}
			if tt.contentTypeCI != "" && !strings.EqualFold(r.ContentType, tt.contentTypeCI) {
				t.Errorf("content type %q", r.ContentType)
			}
			if r.ETag == "" || r.RequestID == "" || r.URL == "" {
				t.Errorf("missing etag/request-id/url: %q %q %q", r.ETag, r.RequestID, r.URL)
			}
		})
	}
}

func TestSandboxEntraOnlyKeepsCapitalJ(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	r, err := tn.e.Photo(t.Context(), sbUser(tn.ex.EntraOnly), graphapi.SizeLargest)
	if err != nil {
		t.Fatal(err)
	}
	if r.ContentType != "image/Jpeg" || r.Format != "jpeg" {
		t.Errorf("content type %q format %q", r.ContentType, r.Format)
	}
	js, err := r.MailAttachmentJSON()
	if err != nil || !strings.Contains(string(js), `"contentType": "image/jpeg"`) {
		t.Errorf("attachment uses Graph's spelling: %s %v", js, err)
	}
}

func TestSandboxCacheRevalidation(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	p := sbUser(tn.ex.FullHD)
	first, err := tn.e.Photo(t.Context(), p, "240x240")
	if err != nil {
		t.Fatal(err)
	}
	tn.ResetStats()
	if r, err := tn.e.Photo(t.Context(), p, "240x240"); err != nil || !r.FromCache {
		t.Fatalf("fresh: %v", err)
	}
	if n := len(tn.Stats().Requests); n != 0 {
		t.Fatalf("fresh entry made requests: %v", tn.Stats().Requests)
	}

	tn.clock.Advance(DefaultCacheTTL + time.Minute)
	r, err := tn.e.Photo(t.Context(), p, "240x240")
	if err != nil || !r.FromCache {
		t.Fatalf("stale unchanged: %v %+v", err, r)
	}
	st := tn.Stats()
	if st.Requests[sandbox.KindPhotoMeta] != 1 || st.Requests[sandbox.KindPhotoBytes] != 0 {
		t.Fatalf("stale unchanged: %v", st.Requests)
	}

	// Saved without metadata (as Save all sizes does), the header's ETag
	// must revalidate just as well, and the viewer then gets the metadata.
	other := sbUser(tn.ex.UpTo504)
	if _, err := tn.e.photo(t.Context(), other, "96x96", false); err != nil {
		t.Fatal(err)
	}
	tn.ResetStats()
	r, err = tn.e.Photo(t.Context(), other, "96x96")
	if err != nil || !r.FromCache || r.Meta == nil || r.Meta.Width != 96 {
		t.Fatalf("metadata for an entry saved without it: %v %+v", err, r)
	}
	if st := tn.Stats(); st.Requests[sandbox.KindPhotoMeta] != 1 || st.Requests[sandbox.KindPhotoBytes] != 0 {
		t.Fatalf("header ETag did not revalidate: %v", st.Requests)
	}

	tn.Dir.TouchPhoto(tn.ex.FullHD.ID)
	tn.clock.Advance(DefaultCacheTTL + time.Minute)
	tn.ResetStats()
	r, err = tn.e.Photo(t.Context(), p, "240x240")
	if err != nil || r.FromCache || graphapi.SameETag(r.ETag, first.ETag) {
		t.Fatalf("after a new upload: %v cache=%v etag %q -> %q", err, r.FromCache, first.ETag, r.ETag)
	}
	if tn.Stats().Requests[sandbox.KindPhotoBytes] != 1 {
		t.Errorf("new photo: %v", tn.Stats().Requests)
	}
}

func TestSandboxNoPhotoCostsNothingTwice(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	p := sbUser(tn.ex.NoPhoto)
	if r, err := tn.e.Photo(t.Context(), p, "648x648"); err != nil || !r.NoPhoto {
		t.Fatal(err)
	}
	tn.ResetStats()
	for range 3 {
		if r, err := tn.e.Photo(t.Context(), p, "648x648"); err != nil || !r.NoPhoto {
			t.Fatal(err)
		}
	}
	if n := len(tn.Stats().Requests); n != 0 {
		t.Errorf("cached no-photo made requests: %v", tn.Stats().Requests)
	}
}

func TestSandboxPersonalAccount(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	tok, err := tn.UserToken(tn.ex.Consumer.UserPrincipalName, "User.Read")
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(Config{Client: tn.Client(tok, quickRetry)})
	me, err := e.Me(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if me.Subject != graphapi.Me() || me.UPN != tn.ex.Consumer.UserPrincipalName {
		t.Fatalf("me %+v", me)
	}
	r, err := e.Photo(t.Context(), *me, graphapi.SizeLargest)
	if err != nil {
		t.Fatal(err)
	}
	if r.NoPhoto || r.Image == nil || r.Meta != nil || !graphapi.IsPersonalAccountUnsupported(r.MetaErr) {
		t.Fatalf("personal: %+v", r)
	}
	if !strings.Contains(Friendly(r.MetaErr), "Personal Microsoft accounts") {
		t.Errorf("Friendly(%v) = %q", r.MetaErr, Friendly(r.MetaErr))
	}
}

func TestSandboxCorruptPhotoIsAnErrorNotCached(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	p := sbUser(tn.ex.FullHD)
	tn.SetFaults(sandbox.Faults{CorruptRate: 1})
	_, err := tn.e.Photo(t.Context(), p, "96x96")
	if !errors.Is(err, ErrNotImage) {
		t.Fatalf("corrupt: %v", err)
	}
	tn.SetFaults(sandbox.Faults{})
	r, err := tn.e.Photo(t.Context(), p, "96x96")
	if err != nil || r.FromCache || r.Width != 96 {
		t.Fatalf("after the fault: %v %+v", err, r)
	}
}

func TestSandboxPermissionErrorsAreFriendly(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	// Signed in without Group.Read.All.
	tok, err := tn.UserToken(tn.ex.Helpdesk.UserPrincipalName, "User.ReadBasic.All", "User.Read")
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(Config{Client: tn.Client(tok, quickRetry)})
	_, err = e.Photo(t.Context(), sbGroup(tn.ex.Sales), graphapi.SizeLargest)
	// A signed-in person is told of their permission, never of the
	// applications' known 403, which Graph answers with the same code.
	if msg := Friendly(err); !graphapi.IsForbidden(err) || !strings.Contains(msg, "signed-in account") ||
		!strings.Contains(msg, "Group.Read.All") || strings.Contains(msg, "application") {
		t.Fatalf("missing scope: %v / %q", err, msg)
	}

	// Application permissions: the known group photo 403.
	app, err := tn.AppToken(sandbox.DaemonClientID)
	if err != nil {
		t.Fatal(err)
	}
	e = NewEngine(Config{Client: tn.Client(app, quickRetry)})
	_, err = e.Photo(t.Context(), sbGroup(tn.ex.Sales), graphapi.SizeLargest)
	if !graphapi.IsAppOnlyGroupPhotoDenied(err) || !strings.Contains(FriendlyForApp(err), "refuses group photos to applications") {
		t.Fatalf("app-only group photo: %v / %q", err, FriendlyForApp(err))
	}
	// The same app reads user photos fine.
	if r, err := e.Photo(t.Context(), sbUser(tn.ex.FullHD), "48x48"); err != nil || r.Width != 48 {
		t.Fatalf("app-only user photo: %v", err)
	}

	// An expired or bad token.
	e = NewEngine(Config{Client: tn.Client("not-a-token", quickRetry)})
	_, err = e.Photo(t.Context(), sbUser(tn.ex.FullHD), "48x48")
	if !graphapi.IsUnauthorized(err) || !strings.Contains(Friendly(err), "Sign in again") {
		t.Fatalf("bad token: %v / %q", err, Friendly(err))
	}
}
