package cli

import (
	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// groupTarget is the group --group names, for get, set and remove alike,
// or a usage error found before any request: Graph reads a group by
// object id only, so a name or mail typed there would come back as
// Graph's "no such group" (or, for set, as a backup that could not be
// read).
func groupTarget(id string) (app.Person, error) {
	if id == "" {
		return app.Person{}, usagef("--group needs an id")
	}
	if !app.LooksLikeObjectID(id) {
		return app.Person{}, usagef("--group takes the group's object id (a GUID such as 59ee1e9b-e3a3-459c-931d-3dd411f1cfc6), not %q; "+
			"the window's Groups search shows it (Copy object id)", id)
	}
	return app.Person{Subject: graphapi.Group(id), Kind: app.KindGroup, ID: id}, nil
}
