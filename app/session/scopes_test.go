package session_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/app/startup"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/internal/testkit"
)

// readyConn opens the demo on a sandbox configured by sb and returns the
// signed-in Conn and the sandbox.
func readyConn(t *testing.T, sb sandbox.Options) (*session.Conn, *sandbox.Server) {
	t.Helper()
	rec := newRecorder()
	var mu sync.Mutex
	var srv *sandbox.Server
	store := &auth.MemoryStore{}
	c := session.New(session.Config{
		Prefs: testkit.NewPrefs(nil), OnChange: rec.on,
		TokenStore: func(auth.Cloud) auth.CacheStore { return store },
		Open: func(ctx context.Context, o session.Options) (*session.Env, error) {
			e, err := startup.Open(ctx, startup.Options{Cloud: o.Cloud, Store: o.Store, ClientOptions: o.ClientOptions, Sandbox: sb})
			if err != nil {
				return nil, err
			}
			mu.Lock()
			srv = e.Sandbox
			mu.Unlock()
			return e.ForSession(), nil
		},
	})
	t.Cleanup(c.Close)
	c.Connect()
	st := rec.waitFor(t, 0, session.Ready)
	mu.Lock()
	defer mu.Unlock()
	return st.Conn, srv
}

// TestLeastPrivilegeScopes: Photo Desk reads photos with
// ProfilePhoto.Read.All and lists groups with GroupMember.Read.All; a
// token never carries Group.Read.All for that.
func TestLeastPrivilegeScopes(t *testing.T) {
	conn, srv := readyConn(t, sandbox.Options{Users: 20})
	ctx := ctxFor(t)
	if !conn.PhotoPermission(ctx) {
		t.Fatal("ProfilePhoto.Read.All refused by a tenant that allows it")
	}
	perm := conn.GroupsPermission(ctx)
	if perm != session.PermGroupMembers {
		t.Fatalf("Groups ask for %s, want %s", perm, session.PermGroupMembers)
	}
	if err := conn.EnsureScope(ctx, perm); err != nil {
		t.Fatal(err)
	}
	perms, err := conn.TokenPermissions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{session.PermSearch, session.PermPhotos, session.PermGroupMembers} {
		if !slices.Contains(perms, want) {
			t.Errorf("token holds %v, want %s", perms, want)
		}
	}
	for _, not := range []string{session.PermGroups, "User.Read.All", session.PermSharedContacts} {
		if slices.Contains(perms, not) {
			t.Errorf("token holds %s, more than Photo Desk needs: %v", not, perms)
		}
	}
	sales := srv.Directory().Examples().Sales
	g := app.PersonFromGroup(graphapi.GroupInfo{ID: sales.ID, DisplayName: sales.DisplayName})
	if r, err := conn.Engine.Photo(ctx, g, graphapi.SizeLargest); err != nil || r.NoPhoto {
		t.Errorf("group photo with ProfilePhoto.Read.All: %v", err)
	}
}

// TestPhotoScopeFallback: in a tenant that never consented to
// ProfilePhoto.Read.All, Photo Desk reads with the Get photo document's
// scopes: users' photos through User.ReadBasic.All, groups (and their
// photos) through Group.Read.All.
func TestPhotoScopeFallback(t *testing.T) {
	conn, srv := readyConn(t, sandbox.Options{Users: 20, Unconsented: []string{session.PermPhotos}})
	ctx := ctxFor(t)
	if conn.PhotoPermission(ctx) {
		t.Fatal("ProfilePhoto.Read.All granted by a tenant without consent")
	}
	if perm := conn.GroupsPermission(ctx); perm != session.PermGroups {
		t.Fatalf("Groups ask for %s, want the fallback %s", perm, session.PermGroups)
	}
	if err := conn.EnsureScope(ctx, session.PermGroups); err != nil {
		t.Fatal(err)
	}
	perms, err := conn.TokenPermissions(ctx)
	if err != nil || slices.Contains(perms, session.PermPhotos) {
		t.Fatalf("token holds %v (%v)", perms, err)
	}
	ex := srv.Directory().Examples()
	u := app.PersonFromUser(graphapi.UserInfo{ID: ex.FullHD.ID, DisplayName: ex.FullHD.DisplayName, UserPrincipalName: ex.FullHD.UserPrincipalName})
	if r, err := conn.Engine.Photo(ctx, u, "96x96"); err != nil || r.NoPhoto || r.Width != 96 {
		t.Errorf("user photo with User.ReadBasic.All: %v", err)
	}
	g := app.PersonFromGroup(graphapi.GroupInfo{ID: ex.Sales.ID, DisplayName: ex.Sales.DisplayName})
	if r, err := conn.Engine.Photo(ctx, g, graphapi.SizeLargest); err != nil || r.NoPhoto {
		t.Errorf("group photo with Group.Read.All: %v", err)
	}
}
