package graphapi

import (
	"context"
	"fmt"
	"net/http"
)

// ContactExists reports whether the contact s names is there (in its
// folder, in its mailbox): Graph answers a photo read of a contact that
// does not exist with the same 404 ErrorItemNotFound older tenants give
// for "no photo", so a caller told "no photo" for a contact it was given
// by id asks this to tell a typo from a contact without a photo.
func (c *Client) ContactExists(ctx context.Context, s Subject) (bool, error) {
	if s.Kind() != KindContact {
		return false, fmt.Errorf("contact exists: %s is not a contact", s)
	}
	p, err := s.base()
	if err != nil {
		return false, err
	}
	var v struct {
		ID string `json:"id"`
	}
	_, err = c.getJSON(ctx, p+"?$select=id", nil, 0, &v)
	switch {
	case err == nil:
		return true, nil
	case hasStatus(err, http.StatusNotFound):
		return false, nil
	}
	return false, fmt.Errorf("contact exists: %w", err)
}
