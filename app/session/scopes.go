package session

import (
	"context"

	"github.com/photodesk/photodesk/app/auth"
)

// The least privileged permissions Photo Desk reads with (Graph's current
// permission tables, shared/graph-facts.md).
const (
	// PermPhotos reads user and group photos, and nothing else.
	PermPhotos = "ProfilePhoto.Read.All"
	// PermSearch lists and searches users (and, in the Get photo
	// document's table, reads their photos: the fallback).
	PermSearch = "User.ReadBasic.All"
	// PermGroupMembers lists groups and their members.
	PermGroupMembers = "GroupMember.Read.All"
	// PermGroups lists groups and reads their photos: what the Get photo
	// document asks for group photos where PermPhotos is not consented.
	PermGroups = "Group.Read.All"
	// PermContacts reads the signed-in user's own contacts.
	PermContacts = "Contacts.Read"
	// PermSharedContacts reads contacts other users shared.
	PermSharedContacts = "Contacts.Read.Shared"
)

// PhotoPermission gets a token with ProfilePhoto.Read.All silently, once
// per Conn, and reports whether the tenant allowed it. Where it has not
// been consented (and the person may not consent), Photo Desk falls back
// to the Get photo document's scopes: User.ReadBasic.All reads users'
// photos and Group.Read.All groups'. Nothing is asked of the person.
func (c *Conn) PhotoPermission(ctx context.Context) bool {
	if c.IsApp() {
		return true
	}
	c.mu.Lock()
	probed, ok := c.photoProbed, c.granted[PermPhotos]
	c.mu.Unlock()
	if probed {
		return ok
	}
	err := c.EnsureScope(ctx, PermPhotos)
	if err == nil || auth.IsConsentRequired(err) {
		// A refusal is the tenant's answer; remember it. Other errors
		// (a revoked sign-in, offline, cancelled) are asked again next
		// time, and until then the fallback scopes are used.
		c.mu.Lock()
		c.photoProbed = true
		c.mu.Unlock()
	}
	return err == nil
}

// GroupsPermission is what to ask for the first time Groups are opened:
// GroupMember.Read.All when group photos come with ProfilePhoto.Read.All,
// else Group.Read.All, which reads both groups and their photos.
func (c *Conn) GroupsPermission(ctx context.Context) string {
	if c.Granted(PermGroups) {
		return PermGroups
	}
	if c.PhotoPermission(ctx) {
		return PermGroupMembers
	}
	return PermGroups
}

// TokenPermissions lists the Graph permissions the account's current
// access token holds (its scp claim, or roles for an application), for
// Settings. Getting the token may refresh it silently.
func (c *Conn) TokenPermissions(ctx context.Context) ([]string, error) {
	tok, err := pinnedTokens{conn: c, id: c.Account.ID}.Token(ctx)
	if err != nil {
		return nil, err
	}
	return auth.TokenPermissions(tok)
}
