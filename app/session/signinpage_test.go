package session_test

import (
	"context"
	"testing"

	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/internal/testkit"
)

// SignInBrowser tells the window when the sign-in page opens — once
// Entra ID has answered — so the window says it is connecting until then,
// not that the browser shows a page it has not opened. Without the hook,
// a sign-in goes on as before.
func TestSignInTellsWhenThePageOpens(t *testing.T) {
	c, rec, env := newController(t, testkit.NewPrefs(nil))
	rec.waitFor(t, 0, session.Ready)
	other := env().Sandbox.Directory().Examples().FullHD.UserPrincipalName
	shown := 0
	ctx := session.WithSignInPageShown(ctxFor(t), func() { shown++ })
	if _, err := c.SignInBrowser(ctx, other); err != nil {
		t.Fatal(err)
	}
	if shown != 1 {
		t.Errorf("the page-shown hook ran %d times for one sign-in, want once", shown)
	}
	if _, err := c.SignInBrowser(context.WithoutCancel(ctxFor(t)), other); err != nil {
		t.Fatalf("a sign-in without the hook: %v", err)
	}
}
