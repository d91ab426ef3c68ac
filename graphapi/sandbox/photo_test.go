package sandbox

import (
	"bytes"
	"image"
	_ "image/gif"
	_ "image/jpeg"
	"image/png"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var reMediaEtag = regexp.MustCompile(`^"[0-9A-F]{8}"$`)

// userPath is /users/{upn} with the UPN escaped as a path segment.
func userPath(u *User) string { return "/users/" + url.PathEscape(u.UserPrincipalName) }

// TestPhotoMetadataShape checks the metadata against the JSON in
// graph-facts.md: the keys in order, a quoted mediaEtag and the ETag header
// of the bytes carrying the same value.
func TestPhotoMetadataShape(t *testing.T) {
	c := demo(t)
	ex := shared.Directory().Examples()
	r := c.get(userPath(ex.FullHD) + "/photo")
	wantStatus(t, r, 200)
	want := []string{"@odata.context", "@odata.id", "@odata.mediaContentType", "@odata.mediaEtag", "id", "width", "height"}
	if got := keys(t, r.body); !slices.Equal(got, want) {
		t.Fatalf("keys %v, want %v", got, want)
	}
	m := r.json(t)
	if !strings.HasSuffix(m["@odata.context"].(string), "/v1.0/$metadata#users('"+ex.FullHD.ID+"')/photo/$entity") {
		t.Errorf("@odata.context %v", m["@odata.context"])
	}
	etag := m["@odata.mediaEtag"].(string)
	if !reMediaEtag.MatchString(etag) {
		t.Errorf("mediaEtag %q lacks the inner quotes", etag)
	}
	if m["id"] != "648X648" || m["width"] != 648.0 || m["height"] != 648.0 || m["@odata.mediaContentType"] != "image/jpeg" {
		t.Errorf("largest photo metadata %v", m)
	}
	if cc := r.header.Get("Cache-Control"); cc != "private" {
		t.Errorf("Cache-Control %q", cc)
	}
	b := c.get(userPath(ex.FullHD) + "/photo/$value")
	wantStatus(t, b, 200)
	if b.header.Get("ETag") != etag {
		t.Errorf("ETag header %q, mediaEtag %q", b.header.Get("ETag"), etag)
	}
	if b.header.Get("Cache-Control") != "private" || b.header.Get("Content-Type") != "image/jpeg" {
		t.Errorf("photo headers %v", b.header)
	}
	if !bytes.Equal(b.body, mustBytes(t, ex.FullHD.ID, 0)) {
		t.Error("served bytes differ from the directory's")
	}
}

func mustBytes(t *testing.T, id string, size int) []byte {
	t.Helper()
	b, ok := shared.Directory().PhotoBytes(id, size)
	if !ok {
		t.Fatalf("no photo for %s at %d", id, size)
	}
	return b
}

// sizeCase is what one subject answers at one size.
type sizeCase struct {
	size   int // 0 = /photo
	status int
	code   string // error code when status is not 200
	id     string
	w, h   int
	ctype  string // Content-Type of the bytes
	format string // image.DecodeConfig's format name
}

func TestPhotoVariants(t *testing.T) {
	ex := shared.Directory().Examples()
	hd := func(upTo int, png bool) []sizeCase {
		var out []sizeCase
		for _, s := range append([]int{0}, HDSizes...) {
			eff := s
			if s == 0 {
				eff = upTo
			}
			c := sizeCase{size: s, status: 200, id: itoa(eff) + "X" + itoa(eff), w: eff, h: eff, ctype: "image/jpeg", format: "jpeg"}
			if png {
				c.id, c.ctype, c.format = strings.ToLower(c.id), "image/png", "png"
			}
			if s > upTo {
				c = sizeCase{size: s, status: 404, code: "ImageNotFound"}
			}
			out = append(out, c)
		}
		return out
	}
	missing := func(code string) []sizeCase {
		return []sizeCase{{size: 0, status: 404, code: code}, {size: 48, status: 404, code: code}, {size: 648, status: 404, code: code}}
	}
	cases := []struct {
		name  string
		path  string
		sizes []sizeCase
	}{
		{"all nine HD sizes", userPath(ex.FullHD), hd(648, false)},
		{"uploaded up to 240", userPath(ex.UpTo240), hd(240, false)},
		{"uploaded up to 504", userPath(ex.UpTo504), hd(504, false)},
		{"PNG", userPath(ex.PNG), hd(648, true)},
		{"guest with #EXT# UPN", userPath(ex.Guest), hd(648, false)},
		{"guest by id", "/users/" + ex.Guest.ID, hd(648, false)[:1]},
		{"Entra-only 400x300", userPath(ex.EntraOnly), []sizeCase{
			{size: 0, status: 200, id: "default", w: 400, h: 300, ctype: "image/Jpeg", format: "jpeg"},
		}}, // sizes: TestEntraOnlyAnyDimension

		{"no photo", userPath(ex.NoPhoto), missing("ImageNotFound")},
		{"legacy no photo", userPath(ex.LegacyNoPhoto), missing("ErrorItemNotFound")},
		{"1x1 gif placeholder", userPath(ex.GIF1x1), []sizeCase{
			{size: 0, status: 200, id: "1x1", w: 1, h: 1, ctype: "image/gif", format: "gif"},
		}},
		{"me", "/me", hd(648, false)[:2]},
		{"group with photo", "/groups/" + ex.Sales.ID, hd(648, false)},
		{"group up to 240", "/groups/" + ex.Interns.ID, hd(240, false)},
		{"group without photo", "/groups/" + ex.NewHires.ID, missing("ImageNotFound")},
	}
	c := demo(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, sc := range tc.sizes {
				meta, value := tc.path+"/photo", tc.path+"/photo/$value"
				if sc.size != 0 {
					meta = tc.path + "/photos/" + itoa(sc.size) + "x" + itoa(sc.size)
					value = meta + "/$value"
				}
				checkPhoto(t, c, meta, value, sc)
			}
		})
	}
}

// checkPhoto checks one metadata path and its bytes against a case.
func checkPhoto(t *testing.T, c *client, meta, value string, sc sizeCase) {
	t.Helper()
	m := c.get(meta)
	v := c.get(value)
	if sc.status != 200 {
		wantError(t, m, sc.status, sc.code)
		wantError(t, v, sc.status, sc.code)
		return
	}
	wantStatus(t, m, 200)
	wantStatus(t, v, 200)
	got := m.json(t)
	if got["id"] != sc.id || got["width"] != float64(sc.w) || got["height"] != float64(sc.h) || got["@odata.mediaContentType"] != sc.ctype {
		t.Errorf("%s: metadata %v, want id %s %dx%d %s", meta, got, sc.id, sc.w, sc.h, sc.ctype)
	}
	etag, _ := got["@odata.mediaEtag"].(string)
	if sc.format == "gif" {
		if etag != "" || v.header.Get("ETag") != "" {
			t.Errorf("%s: placeholder etag %q / %q, want empty", meta, etag, v.header.Get("ETag"))
		}
	} else if !reMediaEtag.MatchString(etag) || v.header.Get("ETag") != etag {
		t.Errorf("%s: mediaEtag %q, ETag %q", meta, etag, v.header.Get("ETag"))
	}
	if ct := v.header.Get("Content-Type"); ct != sc.ctype {
		t.Errorf("%s: Content-Type %q, want %q", value, ct, sc.ctype)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(v.body))
	if err != nil || format != sc.format || cfg.Width != sc.w || cfg.Height != sc.h {
		t.Errorf("%s: image %s %dx%d (%v), want %s %dx%d", value, format, cfg.Width, cfg.Height, err, sc.format, sc.w, sc.h)
	}
}

func TestPhotoSizesList(t *testing.T) {
	c := demo(t)
	ex := shared.Directory().Examples()
	ids := func(r result) []string {
		var out []string
		for _, v := range r.json(t)["value"].([]any) {
			out = append(out, v.(map[string]any)["id"].(string))
		}
		return out
	}
	r := c.get(userPath(ex.UpTo240) + "/photos")
	wantStatus(t, r, 200)
	if got, want := ids(r), []string{"48X48", "64X64", "96X96", "120X120", "240X240"}; !slices.Equal(got, want) {
		t.Errorf("up-to-240 sizes %v, want %v", got, want)
	}
	if ctx := r.json(t)["@odata.context"].(string); !strings.HasSuffix(ctx, "#users('"+ex.UpTo240.ID+"')/photos") {
		t.Errorf("context %s", ctx)
	}
	if got := ids(c.get("/me/photos")); len(got) != 9 || got[8] != "648X648" {
		t.Errorf("me sizes %v", got)
	}
	if got := ids(c.get(userPath(ex.EntraOnly) + "/photos")); !slices.Equal(got, []string{"default"}) {
		t.Errorf("entra-only sizes %v, want its one default photo", got)
	}
	wantError(t, c.get(userPath(ex.NoPhoto)+"/photos"), 404, "ImageNotFound")
	wantError(t, c.get(userPath(ex.LegacyNoPhoto)+"/photos"), 404, "ErrorItemNotFound")
	if got := ids(c.get("/groups/" + ex.Sales.ID + "/photos")); len(got) != 9 {
		t.Errorf("group sizes %v", got)
	}
}

func TestPhotoSizeSegments(t *testing.T) {
	c := demo(t)
	ex := shared.Directory().Examples()
	wantStatus(t, c.get(userPath(ex.FullHD)+"/photos/48X48/$value"), 200) // either case of x
	wantError(t, c.get(userPath(ex.FullHD)+"/photos/50x50"), 404, "ImageNotFound")
	wantError(t, c.get(userPath(ex.FullHD)+"/photos/48x64"), 404, "ImageNotFound")
	wantError(t, c.get(userPath(ex.FullHD)+"/photos/big"), 400, "BadRequest")
	wantError(t, c.get(userPath(ex.FullHD)+"/photo/raw"), 400, "BadRequest")
}

// TestPNGHasTransparency checks the PNG variant really is transparent
// outside its badge and opaque in the middle.
func TestPNGHasTransparency(t *testing.T) {
	ex := shared.Directory().Examples()
	img, err := png.Decode(bytes.NewReader(mustBytes(t, ex.PNG.ID, 240)))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
		t.Errorf("corner alpha %d, want transparent", a)
	}
	if _, _, _, a := img.At(120, 120).RGBA(); a != 0xffff {
		t.Errorf("centre alpha %d, want opaque", a)
	}
}

// TestPhotosLookLikePortraits checks photos are drawn, not noise: the
// figure's colour differs from the backdrop, two people differ, and the
// same person looks the same at two sizes.
func TestPhotosLookLikePortraits(t *testing.T) {
	ex := shared.Directory().Examples()
	decode := func(id string, size int) image.Image {
		img, _, err := image.Decode(bytes.NewReader(mustBytes(t, id, size)))
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	dist := func(a, b image.Image, ax, ay, bx, by int) int {
		r1, g1, b1, _ := a.At(ax, ay).RGBA()
		r2, g2, b2, _ := b.At(bx, by).RGBA()
		d := func(x, y uint32) int { return max(int(x)-int(y), int(y)-int(x)) >> 8 }
		return d(r1, r2) + d(g1, g2) + d(b1, b2)
	}
	a := decode(ex.FullHD.ID, 240)
	if d := dist(a, a, 120, 90, 5, 5); d < 60 {
		t.Errorf("head and backdrop differ by only %d", d)
	}
	b := decode(ex.UpTo240.ID, 240)
	if d := dist(a, b, 120, 90, 120, 90); d < 30 {
		t.Errorf("two people's figures differ by only %d", d)
	}
	small := decode(ex.FullHD.ID, 48)
	if d := dist(a, small, 120, 90, 24, 18); d > 40 {
		t.Errorf("same person at 240 and 48 differs by %d", d)
	}
	// smooth backdrop: neighbouring pixels are close (noise would not be)
	if d := dist(a, a, 10, 10, 11, 10); d > 12 {
		t.Errorf("neighbouring backdrop pixels differ by %d", d)
	}
}

func TestTouchPhotoChangesETagAndBytes(t *testing.T) {
	h, c2 := isolated(t, 50)
	id := h.dir.Examples().FullHD.ID
	before := c2.get("/users/" + id + "/photo").json(t)["@odata.mediaEtag"]
	bytesBefore := c2.get("/users/" + id + "/photo/$value").body
	h.dir.TouchPhoto(id)
	after := c2.get("/users/" + id + "/photo").json(t)["@odata.mediaEtag"]
	v := c2.get("/users/" + id + "/photo/$value")
	if before == after {
		t.Errorf("mediaEtag %v unchanged after TouchPhoto", before)
	}
	if v.header.Get("ETag") != after {
		t.Errorf("ETag %q, mediaEtag %v", v.header.Get("ETag"), after)
	}
	if bytes.Equal(bytesBefore, v.body) {
		t.Error("photo bytes unchanged after TouchPhoto")
	}
	other := h.dir.Examples().UpTo240.ID
	if shared.Directory().etag(other) != h.dir.etag(other) {
		t.Error("touching one photo changed another's ETag")
	}
}

func TestConsumerAccount(t *testing.T) {
	ex := shared.Directory().Examples()
	c := demo(t).as(userToken(t, ex.Consumer.UserPrincipalName, "User.Read"))
	wantError(t, c.get("/me/photo"), 404, "ConsumerPhotoIsNotSupported")
	wantError(t, c.get("/me/photos"), 404, "ConsumerPhotoIsNotSupported")
	v := c.get("/me/photo/$value")
	wantStatus(t, v, 200)
	if cfg, format, err := image.DecodeConfig(bytes.NewReader(v.body)); err != nil || format != "jpeg" || cfg.Width != 648 {
		t.Errorf("consumer photo %s %d (%v)", format, cfg.Width, err)
	}
	me := c.get("/me")
	wantStatus(t, me, 200)
	if me.json(t)["userPrincipalName"] != "alex.consumer@outlook.com" {
		t.Errorf("consumer /me %s", me.body)
	}
	wantError(t, c.get(userPath(ex.FullHD)+"/photo/$value"), 403, "ErrorAccessDenied")
	wantError(t, c.get("/users"), 403, "Authorization_RequestDenied")
	// the tenant does not list or resolve the personal account
	wantError(t, demo(t).get("/users/alex.consumer@outlook.com"), 404, "Request_ResourceNotFound")
}

func TestContactPhotos(t *testing.T) {
	c := demo(t)
	ex := shared.Directory().Examples()
	helpdesk := userPath(ex.Helpdesk)
	jpeg240 := sizeCase{status: 200, id: "240X240", w: 240, h: 240, ctype: "image/jpeg", format: "jpeg"}
	for _, base := range []string{
		"/me/contacts/" + ex.ContactWithPhoto.ID,
		helpdesk + "/contacts/" + ex.ContactWithPhoto.ID,
		"/me/contactFolders/" + ex.Folder.ID + "/contacts/" + ex.FolderContact.ID,
		"/me/contactfolders/" + ex.Folder.ID + "/contacts/" + ex.FolderContact.ID,
		helpdesk + "/contactFolders/" + ex.Folder.ID + "/contacts/" + ex.FolderContact.ID,
	} {
		checkPhoto(t, c, base+"/photo", base+"/photo/$value", jpeg240)
	}
	m := c.get("/me/contacts/" + ex.ContactWithPhoto.ID + "/photo")
	if slices.Contains(keys(t, m.body), "@odata.id") {
		t.Error("contact photo metadata has @odata.id")
	}
	no := "/me/contacts/" + ex.ContactNoPhoto.ID
	checkPhoto(t, c, no+"/photo", no+"/photo/$value", sizeCase{status: 404, code: "ImageNotFound"})

	// Contacts have no sizes: Graph refuses the segment (DC #7371).
	r := c.get("/me/contacts/" + ex.ContactWithPhoto.ID + "/photos/48x48/$value")
	msg := wantError(t, r, 400, "BadRequest")
	if !strings.HasPrefix(msg, "Unsupported segment type. ODataQuery: ") || !strings.Contains(msg, "photos/48x48") {
		t.Errorf("message %q", msg)
	}
	// a contact in another folder is not in this one
	wantError(t, c.get("/me/contactFolders/"+ex.Folder.ID+"/contacts/"+ex.ContactWithPhoto.ID+"/photo"), 404, "ErrorItemNotFound")
	wantError(t, c.get("/me/contacts/AAMkAunknown/photo"), 404, "ErrorItemNotFound")
}
