package sandbox

import (
	"fmt"
	"image/color"
	"net/url"
	"strings"
	"testing"
)

// TestPhotoWriteEveryPath: PUT and PATCH of photo/$value answer 200 with no
// body on every subject path of the GET routes, in v1.0 and beta; DELETE of
// photo answers 204 for users and groups and 405 for contacts.
func TestPhotoWriteEveryPath(t *testing.T) {
	for _, version := range []string{"v1.0", "beta"} {
		t.Run(version, func(t *testing.T) {
			h, c := writer(t, helpdesk, allWriteScopes...)
			c.base = strings.Replace(c.base, "/v1.0", "/"+version, 1)
			ex := h.dir.Examples()
			hd := userPath(ex.Helpdesk)
			folder := ex.Folder.ID
			upload := twoTone(t, 240, 240)
			subjects := []struct {
				base    string
				contact bool
			}{
				{"/me", false},
				{"/users/" + ex.FullHD.ID, false},
				{userPath(ex.UpTo240), false},
				{"/users/" + url.PathEscape(ex.Guest.UserPrincipalName), false},
				{"/groups/" + ex.Sales.ID, false},
				{"/me/contacts/" + ex.ContactNoPhoto.ID, true},
				{hd + "/contacts/" + ex.ContactWithPhoto.ID, true},
				{"/me/contactfolders/" + folder + "/contacts/" + ex.FolderContact.ID, true},
				{"/users/" + ex.Helpdesk.ID + "/contactFolders/" + folder + "/contacts/" + ex.FolderContact.ID, true},
			}
			for i, s := range subjects {
				method := []string{"PUT", "PATCH"}[i%2]
				r := c.do(method, s.base+"/photo/$value", upload, "Content-Type: image/jpeg")
				wantStatus(t, r, 200)
				if len(r.body) != 0 {
					t.Errorf("%s %s answered a body: %s", method, s.base, r.body)
				}
				m := c.get(s.base + "/photo").json(t)
				if m["id"] != "240X240" || m["width"] != 240.0 || m["@odata.mediaContentType"] != "image/jpeg" {
					t.Errorf("%s after the upload: %v", s.base, m)
				}
				decodeServed(t, c.get(s.base+"/photo/$value"), 240, 240)

				r = c.do("DELETE", s.base+"/photo", nil)
				if s.contact {
					wantError(t, r, 405, "Request_BadRequest")
					wantStatus(t, c.get(s.base+"/photo"), 200)
					continue
				}
				wantStatus(t, r, 204)
				wantError(t, c.get(s.base+"/photo"), 404, "ImageNotFound")
			}
			// Only photo/$value takes an upload and only photo a DELETE.
			for _, bad := range []struct{ method, path string }{
				{"PUT", "/me/photo"},
				{"PUT", "/me/photos/48x48/$value"},
				{"DELETE", "/me/photo/$value"},
				{"DELETE", "/me/photos/48x48"},
				{"PATCH", "/me"},
				{"PUT", "/users"},
				{"DELETE", "/groups/" + ex.Sales.ID},
			} {
				wantError(t, c.do(bad.method, bad.path, twoTone(t, 64, 64), "Content-Type: image/jpeg"), 405, "Request_BadRequest")
			}
		})
	}
}

// TestUploadDerivesSizes: Exchange's sizes come from the upload, each one
// the upload scaled and re-encoded as JPEG.
func TestUploadDerivesSizes(t *testing.T) {
	h, c := writer(t, helpdesk, allWriteScopes...)
	ex := h.dir.Examples()
	tests := []struct {
		name    string
		user    *User
		w, h    int
		largest int
	}{
		{"504 upload of a user without a photo", ex.NoPhoto, 504, 504, 504},
		{"larger upload", ex.UpTo240, 700, 700, 648},
		{"non-square upload: sizes up to its shorter side", ex.FullHD, 800, 600, 504},
		{"PNG user gets JPEG sizes", ex.PNG, 360, 360, 360},
		{"tiny upload still has 48x48", ex.GIF1x1, 30, 30, 48},
		{"legacy no-photo user", ex.LegacyNoPhoto, 240, 240, 240},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := userPath(tt.user)
			wantStatus(t, c.put(p+"/photo/$value", twoTone(t, tt.w, tt.h), "image/jpeg"), 200)
			var want []int
			for _, s := range HDSizes {
				if s <= tt.largest {
					want = append(want, s)
				}
			}
			list := readPage(t, c.get(p+"/photos")).values
			if len(list) != len(want) {
				t.Fatalf("/photos lists %d sizes, want %v", len(list), want)
			}
			for i, s := range want {
				id := fmt.Sprintf("%dX%d", s, s)
				if list[i]["id"] != id || list[i]["@odata.mediaContentType"] != "image/jpeg" {
					t.Errorf("size %d listed as %v", s, list[i])
				}
				if s != 48 && s != 240 && s != tt.largest {
					continue // decoding every size only slows the test
				}
				img := decodeServed(t, c.get(p+"/photos/"+id+"/$value"), s, s)
				if s >= 96 && (!near(img, s/8, s/2, red) || !near(img, s-s/8, s/2, blue)) {
					t.Errorf("%s is not the upload scaled (left %v, right %v)", id, img.At(s/8, s/2), img.At(s-s/8, s/2))
				}
			}
			if tt.largest < 648 {
				next := HDSizes[len(want)]
				wantError(t, c.get(fmt.Sprintf("%s/photos/%dx%d", p, next, next)), 404, "ImageNotFound")
			}
			m := c.get(p + "/photo").json(t)
			if m["width"] != float64(tt.largest) || m["height"] != float64(tt.largest) {
				t.Errorf("/photo describes %vx%v, want the largest size %d", m["width"], m["height"], tt.largest)
			}
		})
	}
	// A non-square upload is cropped to its centre square: the green
	// strips outside it are gone.
	framed := encodeJPEG(t, 800, 600, func(x, y int) color.RGBA {
		switch {
		case x < 100 || x >= 700:
			return green
		case x < 400:
			return red
		}
		return blue
	})
	wantStatus(t, c.put("/me/photo/$value", framed, "image/jpeg"), 200)
	if img := decodeServed(t, c.get("/me/photo/$value"), 504, 504); !near(img, 3, 252, red) || !near(img, 500, 252, blue) {
		t.Errorf("edges of the cropped photo are %v and %v, want red and blue", img.At(3, 252), img.At(500, 252))
	}
	// A transparent PNG is stored as a JPEG on white.
	wantStatus(t, c.put("/me/photo/$value", transparentPNG(t, 120), "image/png"), 200)
	if img := decodeServed(t, c.get("/me/photos/96x96/$value"), 96, 96); !near(img, 48, 48, white) {
		t.Errorf("transparent upload served as %v, want white", img.At(48, 48))
	}
}

// TestUploadToEntraOnly: a person without a mailbox keeps the uploaded
// dimensions and no HD sizes, and uploads over 100 KB get a bare 404.
func TestUploadToEntraOnly(t *testing.T) {
	h, c := writer(t, helpdesk, allWriteScopes...)
	p := userPath(h.dir.Examples().EntraOnly)
	big := noise(t, 300, 300)
	if len(big) <= maxEntraOnlyUpload {
		t.Fatalf("noise JPEG is only %d bytes", len(big))
	}
	before := c.get(p + "/photo").json(t)["@odata.mediaEtag"]
	r := c.put(p+"/photo/$value", big, "image/jpeg")
	wantStatus(t, r, 404)
	if len(r.body) != 0 || r.header.Get("Content-Type") != "" {
		t.Errorf("the Entra-only 404 has a body (%q, %s); Graph's was bare", r.header.Get("Content-Type"), r.body)
	}
	if after := c.get(p + "/photo").json(t)["@odata.mediaEtag"]; after != before {
		t.Error("a refused upload changed the photo")
	}
	small := twoTone(t, 320, 200)
	if len(small) > maxEntraOnlyUpload {
		t.Fatalf("small JPEG is %d bytes", len(small))
	}
	wantStatus(t, c.put(p+"/photo/$value", small, "image/jpeg"), 200)
	m := c.get(p + "/photo").json(t)
	if m["id"] != "default" || m["width"] != 320.0 || m["height"] != 200.0 || m["@odata.mediaContentType"] != "image/Jpeg" {
		t.Errorf("Entra-only metadata after the upload: %v", m)
	}
	if list := readPage(t, c.get(p+"/photos")).values; len(list) != 1 || list[0]["id"] != "default" || list[0]["width"] != 320.0 {
		t.Errorf("Entra-only /photos lists %v, want the one upload", list)
	}
	if m := c.get(p + "/photos/48x48").json(t); m["id"] != "1X1" || m["width"] != 1.0 {
		t.Errorf("a size of an Entra-only photo: %v, want the doc's 1X1 fallback", m)
	}
	wantError(t, c.get(p+"/photos/48x48/$value"), 404, "ImageNotFound")
	img := decodeServed(t, c.get(p+"/photo/$value"), 320, 200)
	if !near(img, 20, 100, red) || !near(img, 300, 100, blue) {
		t.Error("Entra-only bytes are not the upload")
	}
	// the 100 KB rule is Entra-only: the same bytes are fine for a mailbox user
	wantStatus(t, c.put(userPath(h.dir.Examples().NoPhoto)+"/photo/$value", big, "image/jpeg"), 200)
}

// TestUploadRefused: what Graph refuses, and that a refusal changes nothing.
func TestUploadRefused(t *testing.T) {
	h, c := writer(t, helpdesk, allWriteScopes...)
	before := c.get("/me/photo").json(t)["@odata.mediaEtag"]
	bomb := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x75\x30\x00\x00\x75\x30\x08\x06\x00\x00\x00\x00\x00\x00\x00")
	for _, tc := range []struct {
		name string
		body []byte
		ct   string
	}{
		{"not an image", []byte("this is a text file, not a photo"), "image/jpeg"},
		{"empty", []byte{}, "image/jpeg"},
		{"truncated jpeg", twoTone(t, 200, 200)[:300], "image/jpeg"},
		{"30000x30000 png header", bomb, "image/png"},
	} {
		msg := wantError(t, c.put("/me/photo/$value", tc.body, tc.ct), 400, "ErrorInvalidImage")
		if msg != msgProfileBadRequest {
			t.Errorf("%s: message %q", tc.name, msg)
		}
	}
	wantError(t, c.put("/me/photo/$value", twoTone(t, 64, 64), "application/octet-stream"), 500, "ErrorInternalServerError")
	r := c.put("/me/photo/$value", make([]byte, 4<<20+1), "image/jpeg")
	if msg := wantError(t, r, 413, "BadRequest"); msg != "The maximum request length supported is 4MB." {
		t.Errorf("413 message %q", msg)
	}
	if after := c.get("/me/photo").json(t)["@odata.mediaEtag"]; after != before {
		t.Error("a refused upload changed the photo")
	}
	st := h.Stats()
	if st.Requests[KindPhotoWrite] != 6 || st.Statuses[413] != 1 || st.Statuses[400] != 4 {
		t.Errorf("stats %v %v: want 6 photo writes, one 413 and four 400s", st.Requests, st.Statuses)
	}
}

// TestUploadChangesETag: every upload has a new ETag, even of the same
// bytes, shared by all its sizes; no one else's ETag moves.
func TestUploadChangesETag(t *testing.T) {
	h, c := writer(t, helpdesk, allWriteScopes...)
	ex := h.dir.Examples()
	p := userPath(ex.FullHD)
	other := h.dir.etag(ex.UpTo504.ID)
	img := twoTone(t, 504, 504)
	seen := map[any]bool{c.get(p + "/photo").json(t)["@odata.mediaEtag"]: true}
	for range 3 {
		wantStatus(t, c.put(p+"/photo/$value", img, "image/jpeg"), 200)
		etag := c.get(p + "/photo").json(t)["@odata.mediaEtag"]
		if seen[etag] || !reMediaEtag.MatchString(etag.(string)) {
			t.Fatalf("mediaEtag %v after an upload of the same bytes: want a new one", etag)
		}
		seen[etag] = true
		if v := c.get(p + "/photos/96x96/$value"); v.header.Get("ETag") != etag {
			t.Errorf("96x96 ETag %q, mediaEtag %v", v.header.Get("ETag"), etag)
		}
		for _, item := range readPage(t, c.get(p+"/photos")).values {
			if item["@odata.mediaEtag"] != etag {
				t.Errorf("listed %v with %v, want %v", item["id"], item["@odata.mediaEtag"], etag)
			}
		}
	}
	if h.dir.etag(ex.UpTo504.ID) != other {
		t.Error("an upload changed another person's ETag")
	}
	// TouchPhoto still moves an uploaded photo's ETag.
	etag := h.dir.etag(ex.FullHD.ID)
	h.dir.TouchPhoto(ex.FullHD.ID)
	if h.dir.etag(ex.FullHD.ID) == etag {
		t.Error("TouchPhoto left an uploaded photo's ETag")
	}
}

// TestDeleteThenNoPhoto: after DELETE every photo route answers 404
// ImageNotFound, whatever the person's photo was before; a second DELETE
// is 204 again and an upload brings a photo back.
func TestDeleteThenNoPhoto(t *testing.T) {
	h, c := writer(t, helpdesk, allWriteScopes...)
	ex := h.dir.Examples()
	for _, u := range []*User{ex.FullHD, ex.LegacyNoPhoto, ex.GIF1x1, ex.EntraOnly, ex.NoPhoto} {
		p := userPath(u)
		wantStatus(t, c.do("DELETE", p+"/photo", nil), 204)
		for _, path := range []string{"/photo", "/photo/$value", "/photos", "/photos/48x48", "/photos/48x48/$value"} {
			wantError(t, c.get(p+path), 404, "ImageNotFound")
		}
		if _, ok := h.dir.PhotoInfo(u.ID, 0); ok {
			t.Errorf("%s: PhotoInfo after delete", u.UserPrincipalName)
		}
		wantStatus(t, c.do("DELETE", p+"/photo", nil), 204)
	}
	p := userPath(ex.FullHD)
	wantStatus(t, c.put(p+"/photo/$value", twoTone(t, 240, 240), "image/jpeg"), 200)
	if m := c.get(p + "/photo").json(t); m["id"] != "240X240" {
		t.Errorf("upload after delete: %v", m)
	}
	// Groups too.
	g := "/groups/" + ex.Sales.ID
	wantStatus(t, c.do("DELETE", g+"/photo", nil), 204)
	wantError(t, c.get(g+"/photo/$value"), 404, "ImageNotFound")
}

// TestResetPhotos: a reset gives back the generated photos, and a later
// upload still gets an ETag never seen before.
func TestResetPhotos(t *testing.T) {
	h, c := writer(t, helpdesk, allWriteScopes...)
	id := h.dir.Examples().FullHD.ID
	original := h.dir.etag(id)
	wantStatus(t, c.put("/users/"+id+"/photo/$value", twoTone(t, 64, 64), "image/jpeg"), 200)
	uploaded := h.dir.etag(id)
	wantStatus(t, c.do("DELETE", "/me/photo", nil), 204)
	h.dir.ResetPhotos()
	if h.dir.etag(id) != original {
		t.Error("reset did not restore the generated ETag")
	}
	if m := c.get("/users/" + id + "/photo").json(t); m["id"] != "648X648" {
		t.Errorf("after reset: %v", m)
	}
	wantStatus(t, c.get("/me/photo"), 200)
	wantStatus(t, c.put("/users/"+id+"/photo/$value", twoTone(t, 64, 64), "image/jpeg"), 200)
	if e := h.dir.etag(id); e == uploaded || e == original {
		t.Error("an upload after a reset reused an ETag")
	}
}
