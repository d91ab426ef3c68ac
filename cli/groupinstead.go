package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/graphapi"
)

// groupNotUser is Graph's "no such user" for a --user id that is a
// group's object id: the person gave the right id to the wrong flag.
type groupNotUser struct {
	id, name string
	err      error
}

func (g groupNotUser) Error() string { return g.err.Error() }
func (g groupNotUser) Unwrap() error { return g.err }

// advice is the first line a person reads.
func (g groupNotUser) advice() string {
	return fmt.Sprintf("no user has the id %s: that id is a group's (%s): use --group %s", g.id, g.name, g.id)
}

// groupInstead is err, Graph's answer about the user p, as a groupNotUser
// when Graph said no user has p's id and that id is a group's. It costs
// one small request (GET /groups/{id}?$select=id,displayName), made only
// on this failure path and only for an id shaped as an object id; any
// other answer leaves err as it is, so Graph's own words stand.
func (s *session) groupInstead(ctx context.Context, p app.Person, err error) error {
	if p.Kind != app.KindUser || p.Subject.Kind() != graphapi.KindUser || !unknownUser(err) {
		return err
	}
	id := p.Subject.ID() // spaces already dropped: --user is read through subject
	if !app.LooksLikeObjectID(id) {
		return err
	}
	g, gerr := s.client().GetGroup(ctx, id, "id", "displayName")
	if gerr != nil || g.DisplayName == "" {
		return err
	}
	return groupNotUser{id: id, name: g.DisplayName, err: err}
}

// groupAdvice is the advice of err's groupNotUser, if it holds one.
func groupAdvice(err error) (string, bool) {
	var g groupNotUser
	if !errors.As(err, &g) {
		return "", false
	}
	return g.advice(), true
}
