package cli

import (
	"context"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// byMailInstead finds the user whose mail is the address given to --user
// when Graph says no one has it as UPN (err is the photo request's): a
// guest's own address (jane@fabrikam.com, whose UPN is the #EXT# one the
// tenant made) or anyone whose mail differs from their UPN, as the
// window's search box does. ok is false when --user was no address, the
// answer was not "no such user", or nobody has that mail.
func byMailInstead(ctx context.Context, eng *app.Engine, p app.Person, err error) (_ app.Person, ok bool) {
	if p.Kind != app.KindUser || p.Subject.Kind() != graphapi.KindUser || !unknownUser(err) {
		return p, false
	}
	addr := p.Subject.ID()
	if !strings.Contains(addr, "@") || !app.LooksLikeUPNOrID(addr) {
		return p, false
	}
	found, lerr := eng.LookupByMail(ctx, addr)
	if lerr != nil {
		return p, false // the 404 about the UPN says it best
	}
	return *found, true
}

// unknownUser reports Graph's answer that the user named is no one, as
// opposed to someone without a photo.
func unknownUser(err error) bool {
	return graphapi.IsNotFound(err) && !graphapi.IsNoPhoto(err)
}
