package sandbox

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// onTop counts the users added after the generated ones: the four
// historic people and Frontdesk.
const onTop = 5

// TestHistoricPeople: each older answer comes from a person of its own.
func TestHistoricPeople(t *testing.T) {
	ex := shared.Directory().Examples()
	c := demo(t)

	tp := userPath(ex.TextPlainSize)
	if m := c.get(tp + "/photo").json(t); m["id"] != "240X240" {
		t.Errorf("text/plain person's largest photo %v, want 240X240", m["id"])
	}
	wantStatus(t, c.get(tp+"/photos/48x48/$value"), 200)
	for _, p := range []string{tp + "/photos/360x360", tp + "/photos/648x648/$value"} {
		r := c.get(p)
		if r.status != 404 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") || json.Valid(r.body) {
			t.Errorf("%s: %d %q %q, want a text/plain 404 with no JSON", p, r.status, r.header.Get("Content-Type"), r.body)
		}
	}

	gp := userPath(ex.GetUserPhoto)
	for _, p := range []string{gp + "/photo", gp + "/photo/$value", gp + "/photos", gp + "/photos/48x48"} {
		if msg := wantError(t, c.get(p), 404, "GetUserPhoto"); msg != msgPhotoNotFound {
			t.Errorf("%s: message %q", p, msg)
		}
	}

	np := userPath(ex.NoMailbox)
	for _, p := range []string{np + "/photo", np + "/photo/$value", np + "/photos", np + "/photos/96x96/$value"} {
		if msg := wantError(t, c.get(p), 400, "AuthenticationError"); msg != "Error authenticating with resource" {
			t.Errorf("%s: message %q", p, msg)
		}
	}
	wantError(t, c.as(userToken(t, ex.Helpdesk.UserPrincipalName, "Contacts.Read.Shared")).get(np+"/contacts"),
		404, "MailboxNotEnabledForRESTAPI")
	wantStatus(t, c.get(np), 200) // the directory knows the person all the same
}

// TestNoMailboxUploads: a user without a mailbox takes a small upload
// (200) and answers one over ~100 KB with a bare 404, no JSON
// (graph-facts "Changing photos", microsoft-graph-docs #8236), alone and
// in $batch. The photo went to Entra ID, which the photo reads of that era
// never reached: they keep answering 400 AuthenticationError, as a DELETE
// does.
func TestNoMailboxUploads(t *testing.T) {
	h, c := writer(t, helpdesk, allWriteScopes...)
	p := userPath(h.dir.Examples().NoMailbox)
	small := twoTone(t, 96, 96)
	r := c.put(p+"/photo/$value", small, "image/jpeg")
	wantStatus(t, r, 200)
	if len(r.body) != 0 {
		t.Errorf("small upload answered a body: %s", r.body)
	}
	big := noise(t, 300, 300)
	if len(big) <= maxEntraOnlyUpload {
		t.Fatalf("noise JPEG is only %d bytes", len(big))
	}
	r = c.put(p+"/photo/$value", big, "image/jpeg")
	wantStatus(t, r, 404)
	if len(r.body) != 0 || r.header.Get("Content-Type") != "" {
		t.Errorf("the large upload's 404 has a body (%q, %s); Graph's was bare", r.header.Get("Content-Type"), r.body)
	}
	wantError(t, c.put(p+"/photo/$value", []byte("not a picture"), "image/jpeg"), 400, "ErrorInvalidImage")
	for _, read := range []string{"/photo", "/photo/$value", "/photos"} {
		wantError(t, c.get(p+read), 400, "AuthenticationError")
	}
	wantError(t, c.do("DELETE", p+"/photo", nil), 400, "AuthenticationError")

	_, items, _ := batch(t, c, []map[string]any{
		{"id": "small", "method": "PUT", "url": p + "/photo/$value", "headers": map[string]string{"Content-Type": "image/jpeg"}, "body": base64.StdEncoding.EncodeToString(small)},
		{"id": "big", "method": "PUT", "url": p + "/photo/$value", "headers": map[string]string{"Content-Type": "image/jpeg"}, "body": base64.StdEncoding.EncodeToString(big)},
	})
	if it := items["small"]; it.Status != 200 {
		t.Errorf("small upload in a batch: %d %s", it.Status, it.Body)
	}
	if it := items["big"]; it.Status != 404 || len(it.Body) != 0 {
		t.Errorf("large upload in a batch: %d %s, want a bare 404", it.Status, it.Body)
	}
}

// TestEntraOnlyAnyDimension: an Entra-only photo is one photo of its own
// dimensions, generated or uploaded, listed by /photos; a size answers the
// Get photo doc's 1X1 metadata and a 404 for the bytes.
func TestEntraOnlyAnyDimension(t *testing.T) {
	h, c := writer(t, helpdesk, allWriteScopes...)
	p := userPath(h.dir.Examples().EntraOnly)
	check := func(w, hgt float64) {
		t.Helper()
		m := c.get(p + "/photo").json(t)
		if m["id"] != "default" || m["width"] != w || m["height"] != hgt {
			t.Errorf("/photo %v, want default %vx%v", m, w, hgt)
		}
		list := readPage(t, c.get(p+"/photos")).values
		if len(list) != 1 || list[0]["id"] != "default" || list[0]["width"] != w || list[0]["height"] != hgt {
			t.Errorf("/photos %v, want the one default photo", list)
		}
		for _, sz := range []string{"48x48", "240x240", "648x648"} {
			s := c.get(p + "/photos/" + sz).json(t)
			if s["id"] != "1X1" || s["width"] != 1.0 || s["height"] != 1.0 || s["@odata.mediaEtag"] != m["@odata.mediaEtag"] {
				t.Errorf("%s metadata %v, want 1X1 with the photo's ETag", sz, s)
			}
			wantError(t, c.get(p+"/photos/"+sz+"/$value"), 404, "ImageNotFound")
		}
		decodeServed(t, c.get(p+"/photo/$value"), int(w), int(hgt))
	}
	check(400, 300)
	wantStatus(t, c.put(p+"/photo/$value", twoTone(t, 150, 500), "image/jpeg"), 200) // portrait, not square
	check(150, 500)
}

// TestOtherUsersContacts: Contacts.Read reads one's own contacts only;
// someone else's need Contacts.Read.Shared and a folder they shared.
func TestOtherUsersContacts(t *testing.T) {
	ex := shared.Directory().Examples()
	hd := ex.Helpdesk.UserPrincipalName
	other := userPath(ex.FullHD)
	ct := shared.Directory().Contacts(ex.FullHD.ID)
	if len(ct) == 0 {
		t.Fatal("Adele has no contacts to read")
	}
	contact := other + "/contacts/" + ct[0].ID
	own := demo(t).as(userToken(t, hd, "Contacts.Read"))
	wantStatus(t, own.get("/me/contacts"), 200)
	wantStatus(t, own.get(userPath(ex.Helpdesk)+"/contactFolders"), 200)
	for _, p := range []string{other + "/contacts", other + "/contactFolders", contact, contact + "/photo/$value"} {
		if msg := wantError(t, own.get(p), 403, "ErrorAccessDenied"); msg != msgAccessDenied {
			t.Errorf("%s: message %q", p, msg)
		}
	}
	sharedRead := demo(t).as(userToken(t, hd, "Contacts.Read.Shared"))
	wantStatus(t, sharedRead.get(other+"/contacts"), 200)
	wantStatus(t, sharedRead.get(contact), 200)
	wantError(t, sharedRead.get(userPath(ex.ContactsNotShared)+"/contacts"), 403, "ErrorAccessDenied")
	app := demo(t).as(appToken(t, DaemonClientID))
	wantStatus(t, app.get(other+"/contacts"), 200)
	wantStatus(t, app.get(userPath(ex.ContactsNotShared)+"/contacts"), 200)
}

// TestPersonalAccountPhotos: no metadata for a personal account's photo
// or its contacts' (404 ConsumerPhotoIsNotSupported "The photo wasn't
// found."), while the bytes work.
func TestPersonalAccountPhotos(t *testing.T) {
	ex := shared.Directory().Examples()
	c := demo(t).as(userToken(t, ex.Consumer.UserPrincipalName, "User.Read", "Contacts.Read"))
	var withPhoto *Contact
	for _, ct := range shared.Directory().Contacts(ex.Consumer.ID) {
		if ct.Photo == PhotoContact {
			withPhoto = ct
			break
		}
	}
	if withPhoto == nil {
		t.Fatal("the personal account has no contact with a photo")
	}
	for _, base := range []string{"/me", "/me/contacts/" + withPhoto.ID} {
		if msg := wantError(t, c.get(base+"/photo"), 404, "ConsumerPhotoIsNotSupported"); msg != "The photo wasn't found." {
			t.Errorf("%s/photo: message %q", base, msg)
		}
		r := c.get(base + "/photo/$value")
		wantStatus(t, r, 200)
		if !strings.HasPrefix(r.header.Get("Content-Type"), "image/") {
			t.Errorf("%s/photo/$value: Content-Type %q", base, r.header.Get("Content-Type"))
		}
	}
}

// TestProfilePhotoReadAll: the least privileged photo permission reads
// user and group photos, sizes and lists, and nothing of the directory.
func TestProfilePhotoReadAll(t *testing.T) {
	ex := shared.Directory().Examples()
	for _, perm := range []string{"ProfilePhoto.Read.All", "ProfilePhoto.ReadWrite.All"} {
		tok := userToken(t, ex.Frontdesk.UserPrincipalName, perm)
		claims, err := shared.Provider().Verify(tok)
		if err != nil || !claims.HasScope(perm) {
			t.Fatalf("%s: token claims %v (%v)", perm, claims, err)
		}
		c := demo(t).as(tok)
		for _, p := range []string{
			userPath(ex.FullHD) + "/photo", userPath(ex.FullHD) + "/photo/$value", userPath(ex.FullHD) + "/photos",
			userPath(ex.UpTo504) + "/photos/96x96/$value", "/groups/" + ex.Sales.ID + "/photo/$value",
			"/groups/" + ex.Sales.ID + "/photos", "/me/photo",
		} {
			if r := c.get(p); r.status != 200 && r.status != 404 {
				t.Errorf("%s %s: %d %.200s", perm, p, r.status, r.body)
			}
		}
		wantError(t, c.get("/users"), 403, "Authorization_RequestDenied")
		wantError(t, c.get("/groups"), 403, "Authorization_RequestDenied")
	}
	// Listing groups: GroupMember.Read.All is the least privileged.
	c := demo(t).as(userToken(t, ex.Helpdesk.UserPrincipalName, "GroupMember.Read.All"))
	if ids := readPage(t, c.get("/groups")).values; len(ids) == 0 {
		t.Error("GroupMember.Read.All lists no groups")
	}
	wantStatus(t, c.get("/groups/"+ex.Sales.ID), 200)
	wantError(t, c.get("/groups/"+ex.Sales.ID+"/photo"), 403, "ErrorAccessDenied")
}

// TestDollarUPN: Graph reads a path segment that starts with "$" as one of
// its own, so a UPN that does is addressed as users('$…') — a quote in it
// doubled — and /users/$… is a bad request, not the person.
func TestDollarUPN(t *testing.T) {
	u := shared.Directory().Examples().DollarUPN
	c := demo(t)
	upn := u.UserPrincipalName
	if !strings.HasPrefix(upn, "$") {
		t.Fatalf("DollarUPN is %s", upn)
	}
	wantError(t, c.get("/users/"+url.PathEscape(upn)), 400, "BadRequest")
	wantError(t, c.get("/users/"+url.PathEscape(upn)+"/photo/$value"), 400, "BadRequest")
	key := "/users('" + url.PathEscape(upn) + "')"
	if m := c.get(key).json(t); m["id"] != u.ID {
		t.Errorf("%s found %v, want %s", key, m["id"], u.ID)
	}
	wantStatus(t, c.get(key+"/photo/$value"), 200)
	wantStatus(t, c.get("/users('"+u.ID+"')/photos/48x48/$value"), 200)
	for _, bad := range []string{"/users('" + url.PathEscape(upn), "/users(" + url.PathEscape(upn) + ")", "/users('a'b')", "/users('')"} {
		wantError(t, c.get(bad), 400, "BadRequest")
	}
	wantError(t, c.get("/users('o''brien@nowhere.example')"), 404, "Request_ResourceNotFound")
}
