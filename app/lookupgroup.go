package app

import (
	"context"
	"strings"
)

// LooksLikeObjectID reports text that is an Entra object id (a GUID), the
// only exact key a group can be looked up by: Graph reads groups by id, not
// by mail.
func LooksLikeObjectID(s string) bool { return guidPattern.MatchString(strings.TrimSpace(s)) }

// LookupGroup jumps straight to a group by object id, for when the search
// box holds one in Groups mode (see LooksLikeObjectID).
func (e *Engine) LookupGroup(ctx context.Context, id string) (*Person, error) {
	g, err := e.client.GetGroup(ctx, strings.TrimSpace(id))
	if err != nil {
		return nil, err
	}
	p := PersonFromGroup(*g)
	return &p, nil
}
