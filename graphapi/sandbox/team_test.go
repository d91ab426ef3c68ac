package sandbox

import (
	"bytes"
	"strings"
	"testing"
)

// teamWithout is a department group (a team) with no photo.
func teamWithout(t *testing.T, h *Handler) *Group {
	t.Helper()
	for _, g := range h.dir.Groups() {
		if g.Team && g.Photo == PhotoNone {
			return g
		}
	}
	t.Fatal("no team without a photo")
	return nil
}

// TestTeamPhotoReads: /teams/{id}/photo and /photo/$value serve the team's
// group's photo, described as a team's, with Team.ReadBasic.All (or
// TeamSettings.*) delegated or as an application, in v1.0 and beta; the
// per-size routes are refused as a contact's are; a group without a team
// is not a team.
func TestTeamPhotoReads(t *testing.T) {
	for _, version := range []string{"v1.0", "beta"} {
		t.Run(version, func(t *testing.T) {
			h, c := isolated(t, 30)
			c.base = strings.Replace(c.base, "/v1.0", "/"+version, 1)
			ex := h.dir.Examples()
			team := "/teams/" + ex.Sales.ID
			reader := c.as(userToken(t, helpdesk, "Team.ReadBasic.All"))

			m := reader.get(team + "/photo").json(t)
			group := c.as(userToken(t, helpdesk, "Group.Read.All")).get("/groups/" + ex.Sales.ID + "/photo").json(t)
			if m["@odata.context"] != c.base+"/$metadata#teams('"+ex.Sales.ID+"')/photo/$entity" ||
				m["@odata.id"] != c.base+"/teams('"+ex.Sales.ID+"')/photo" {
				t.Errorf("team photo metadata: %v", m)
			}
			for _, k := range []string{"id", "width", "height", "@odata.mediaContentType", "@odata.mediaEtag"} {
				if m[k] != group[k] {
					t.Errorf("%s: team %v, group %v; want the group's photo", k, m[k], group[k])
				}
			}
			b := reader.get(team + "/photo/$value")
			wantStatus(t, b, 200)
			if g := c.get("/groups/" + ex.Sales.ID + "/photo/$value"); !bytes.Equal(b.body, g.body) || b.header.Get("Content-Type") != "image/jpeg" || b.header.Get("ETag") != g.header.Get("ETag") {
				t.Errorf("team photo bytes %d (%s, %s), group's %d (%s)", len(b.body), b.header.Get("Content-Type"), b.header.Get("ETag"), len(g.body), g.header.Get("ETag"))
			}
			wantStatus(t, c.as(userToken(t, helpdesk, "TeamSettings.Read.All")).get(team+"/photo"), 200)

			// Applications read a team's photo (not a group's: the known issue).
			app := c.as(appToken(t, teamsAppID))
			wantStatus(t, app.get(team+"/photo/$value"), 200)
			wantError(t, app.get("/groups/"+ex.Sales.ID+"/photo"), 403, "ErrorAccessDenied")

			// Group permissions are not team permissions.
			wantError(t, c.as(userToken(t, helpdesk, "Group.Read.All", "ProfilePhoto.Read.All")).get(team+"/photo"), 403, "ErrorAccessDenied")
			wantError(t, reader.get("/teams/"+teamWithout(t, h).ID+"/photo/$value"), 404, "ImageNotFound")
			for _, id := range []string{ex.AllCompany.ID, ex.NewHires.ID, "00000000-0000-4000-8000-00000000dead"} {
				if msg := wantError(t, reader.get("/teams/"+id+"/photo"), 404, "NotFound"); !strings.Contains(msg, id) {
					t.Errorf("no team %s: %q", id, msg)
				}
			}
			for _, p := range []string{"/photos", "/photos/48x48", "/photos/48x48/$value"} {
				if msg := wantError(t, reader.get(team+p), 400, "BadRequest"); !strings.HasPrefix(msg, "Unsupported segment type. ODataQuery: ") {
					t.Errorf("%s: %q", p, msg)
				}
			}
			wantError(t, reader.get(team+"/owners"), 400, "BadRequest")
		})
	}
}

// TestTeamPhotoWrites: PUT and PATCH of /teams/{id}/photo/$value answer 204
// (the update document's answer for a team) and change the group's photo;
// they need TeamSettings.ReadWrite.All or Group.ReadWrite.All, delegated
// or as an application. DELETE is 405, as for a contact: Graph deletes
// user and group photos only.
func TestTeamPhotoWrites(t *testing.T) {
	h, c := writer(t, helpdesk, "TeamSettings.ReadWrite.All")
	ex := h.dir.Examples()
	team := teamWithout(t, h)
	path := "/teams/" + team.ID + "/photo"
	r := c.put(path+"/$value", twoTone(t, 300, 300), "image/jpeg")
	wantStatus(t, r, 204)
	if len(r.body) != 0 {
		t.Errorf("upload answered a body: %s", r.body)
	}
	if m := c.get(path).json(t); m["id"] != "240X240" || m["width"] != 240.0 {
		t.Errorf("team photo after a 300x300 upload: %v", m)
	}
	group := c.as(userToken(t, helpdesk, "Group.Read.All"))
	decodeServed(t, group.get("/groups/"+team.ID+"/photo/$value"), 240, 240)

	wantStatus(t, c.as(userToken(t, helpdesk, "Group.ReadWrite.All")).do("PATCH", path+"/$value", twoTone(t, 96, 96), "Content-Type: image/png"), 204)
	wantStatus(t, c.as(appToken(t, teamsAppID)).put("/teams/"+ex.Sales.ID+"/photo/$value", twoTone(t, 64, 64), "image/jpeg"), 204)
	for _, scopes := range [][]string{{"Team.ReadBasic.All"}, {"ProfilePhoto.ReadWrite.All"}} {
		wantError(t, c.as(userToken(t, helpdesk, scopes...)).put(path+"/$value", twoTone(t, 64, 64), "image/jpeg"), 403, "ErrorAccessDenied")
	}
	wantError(t, c.put("/teams/"+ex.AllCompany.ID+"/photo/$value", twoTone(t, 64, 64), "image/jpeg"), 404, "NotFound")

	wantError(t, c.do("DELETE", path, nil), 405, "Request_BadRequest")
	if m := c.get(path).json(t); m["id"] != "96X96" {
		t.Errorf("team photo after a refused DELETE: %v", m)
	}
	for _, bad := range []struct{ method, path string }{{"PUT", path}, {"DELETE", path + "/$value"}, {"PUT", "/teams/" + team.ID + "/photos/48x48/$value"}} {
		wantError(t, c.do(bad.method, bad.path, twoTone(t, 64, 64), "Content-Type: image/jpeg"), 405, "Request_BadRequest")
	}
	if n := h.Stats().Requests[KindPhotoWrite]; n != 6 {
		t.Errorf("%d photo writes counted, want 6", n)
	}
}

// TestTeamPhotoIsTheGroupsMailbox: a team's photo lives in its group's
// mailbox, so the two paths share Outlook's per-mailbox budget.
func TestTeamPhotoIsTheGroupsMailbox(t *testing.T) {
	h, c, _ := limitedHandler(t, Faults{MailboxRequests: 1}, helpdesk, "Team.ReadBasic.All", "Group.Read.All")
	sales := h.dir.Examples().Sales.ID
	wantStatus(t, c.get("/groups/"+sales+"/photo"), 200)
	wantLimited(t, c.get("/teams/"+sales+"/photo"), msgMailboxRequests, "600")
}
