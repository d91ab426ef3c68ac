package graphapi

import (
	"context"
	"fmt"
	"net/url"
)

// GetGroup reads one group by object id, with only selectFields if given
// (GET /groups/{id}). Graph has no lookup by mail here: a group's mail is
// found by searching.
// https://learn.microsoft.com/graph/api/group-get
func (c *Client) GetGroup(ctx context.Context, id string, selectFields ...string) (*GroupInfo, error) {
	if id == "" {
		return nil, fmt.Errorf("get group: empty id")
	}
	q, err := pageQuery(selectFields, groupFields, 0)
	if err != nil {
		return nil, err
	}
	var g GroupInfo
	if _, err := c.getJSON(ctx, "/groups/"+url.PathEscape(id)+q.encode(), nil, 0, &g); err != nil {
		return nil, fmt.Errorf("get group %s: %w", id, err)
	}
	return &g, nil
}
