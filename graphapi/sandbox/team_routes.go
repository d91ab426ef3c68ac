package sandbox

import (
	"net/http"
	"strings"
)

// Teams: a team is a group with a team (Examples: every department group),
// and its photo is the group's own, so a change through /teams shows
// through /groups and the other way round. Only the photo routes of
// /teams are served. Permissions are the Get and Update photo documents'
// team tables: applications may read and change a team's photo, unlike a
// group's.
var (
	scopesTeamPhotos     = []string{"Team.ReadBasic.All", "TeamSettings.Read.All", "TeamSettings.ReadWrite.All"}
	scopesTeamPhotoWrite = []string{"TeamSettings.ReadWrite.All", "Group.ReadWrite.All"}
)

// routeTeam routes what follows /teams/{id}: photo and photo/$value, their
// writes, and a 400 for photos: the per-size routes exist for users and
// groups only (graph-facts "Paths"), so a team's are refused as a
// contact's are. DELETE of the photo is 405, as for contacts: the delete
// document excludes Teams photos.
func (h *Handler) routeTeam(c *call, id string, rest []string) (string, func() *reply) {
	if strings.EqualFold(rest[0], "photos") {
		return KindOther, c.unsupportedSegment
	}
	target := func(write bool) (photoTarget, *reply) { return h.teamPhotoTarget(c, id, write) }
	if kind, run, ok := h.routePhoto(c, rest, target, true); ok {
		return kind, run
	}
	return KindOther, c.badSegment(rest[0])
}

// teamPhotoTarget resolves a team's photo: 403 without a team permission
// (or for a personal account), 404 for an id that is no group's or whose
// group has no team.
func (h *Handler) teamPhotoTarget(c *call, id string, write bool) (photoTarget, *reply) {
	perms := scopesTeamPhotos
	if write {
		perms = scopesTeamPhotoWrite
	}
	if c.claims.Personal || !c.allowed(perms) {
		return photoTarget{}, c.denyMailbox()
	}
	g, ok := h.dir.Group(id)
	if !ok || !g.Team {
		// Teams' answer for a group without a team (unconfirmed for the
		// photo path).
		return photoTarget{}, c.fail(http.StatusNotFound, "NotFound", "No team found with Group Id "+id)
	}
	return photoTarget{subject: h.dir.attach(groupSubject(g)), context: "teams('" + g.ID + "')", odataID: true, team: true}, nil
}
