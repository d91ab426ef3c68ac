package session

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// TestRefreshWithoutTheSignInServiceKeepsTheSignIn: a helpdesk laptop
// that wakes up offline (or while Microsoft's sign-in service is down)
// must refresh its access token before the next request. MSAL's failure
// to reach the service was wrapped as auth.ErrSignInRequired, as if the
// refresh token had stopped working: the command line and the window
// said "Your sign-in has expired …", and the window offered a browser
// sign-in for a new permission, which cannot work offline either. Now it
// is auth.ErrSignInUnavailable, worded as the sign-in service not
// reached, the account and its tokens stay, and once the service can be
// reached the next request (and permission) is had with the same refresh
// token: no sign-in. Only the service's own word that the refresh token
// no longer serves (revoked: invalid_grant) still means a sign-in.
func TestRefreshWithoutTheSignInServiceKeepsTheSignIn(t *testing.T) {
	srv, cloud := startSandboxCloud(t, sandbox.Options{Users: 10, TokenTTL: time.Minute}, publicClient) // always refreshed: MSAL renews 5 minutes ahead
	trusted := srv.IdentityHTTPClient().Transport.(*http.Transport)
	refused := refusedDials(t, trusted)
	tests := []struct {
		name      string
		cut, mend func(*switchedTransport)
		want      string
	}{
		{
			"offline", func(v *switchedTransport) { v.current.Store(refused) }, func(v *switchedTransport) { v.current.Store(trusted) },
			"Cannot reach Microsoft's sign-in service (127.0.0.1). Check the network connection (or the proxy) and try again.",
		},
		{
			"the service down", func(*switchedTransport) { srv.Provider().SetUnavailable(true) }, func(*switchedTransport) { srv.Provider().SetUnavailable(false) },
			"Microsoft's sign-in service (127.0.0.1) is not answering right now (503 Service Unavailable). You are still signed in: try again in a few minutes.",
		},
		{
			"the connection cut mid-answer", func(*switchedTransport) { srv.Provider().SetOutage(identity.CutMidAnswer) }, func(*switchedTransport) { srv.Provider().SetOutage(identity.Serving) },
			"Cannot reach Microsoft's sign-in service. Check the network connection (or the proxy) and try again.",
		},
		{
			"a captive portal", func(*switchedTransport) { srv.Provider().SetOutage(identity.CaptivePortal) }, func(*switchedTransport) { srv.Provider().SetOutage(identity.Serving) },
			"Something other than Microsoft's sign-in service answered: a web page came where its answer should have been, as when a hotel's or an airport's Wi-Fi wants you to sign in to it first, or a proxy answers in its place. " +
				"Open a web browser and finish the network's sign-in (or ask your IT department), then try again. You are still signed in.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := t.Context()
			sess, via, acct, g := signedInVia(t, srv, cloud, trusted)
			if _, err := g.GetUser(ctx, identity.DemoUPN); err != nil {
				t.Fatalf("signed in: %v", err)
			}
			before := srv.Provider().Stats()

			tt.cut(via)
			_, readErr := g.GetUser(ctx, identity.DemoUPN)
			scopeErr := sess.EnsureScopes(ctx, "Group.Read.All") // the window's and the command line's permissions
			for what, err := range map[string]error{"request": readErr, "permission": scopeErr} {
				switch {
				case err == nil:
					t.Fatalf("%s: no error without the sign-in service", what)
				case errors.Is(err, auth.ErrSignInRequired):
					t.Errorf("%s: %v is ErrSignInRequired: a network failure read as a sign-in to renew", what, err)
				case !errors.Is(err, auth.ErrSignInUnavailable):
					t.Errorf("%s: %v is not ErrSignInUnavailable", what, err)
				}
				if got := Explain(err); got != tt.want {
					t.Errorf("%s: Explain(%v)\n = %q\nwant %q", what, err, got, tt.want)
				}
				if got := app.Friendly(err); got != tt.want {
					t.Errorf("%s: app.Friendly = %q\nwant %q", what, got, tt.want)
				}
			}
			if accts, err := sess.Accounts(ctx); err != nil || len(accts) != 1 || accts[0].ID != acct.ID {
				t.Errorf("accounts without the sign-in service = %v, %v; want %s kept", accts, err, acct.Username)
			}

			tt.mend(via)
			if _, err := g.GetUser(ctx, identity.DemoUPN); err != nil {
				t.Errorf("request with the sign-in service back: %v", err)
			}
			if err := sess.EnsureScopes(ctx, "Group.Read.All"); err != nil {
				t.Errorf("permission with the sign-in service back: %v", err)
			}
			after := srv.Provider().Stats()
			if after.DeviceCodes != before.DeviceCodes || after.Authorize != before.Authorize || after.AuthCode != before.AuthCode {
				t.Errorf("signed in again: stats %+v, then %+v", before, after)
			}
			if after.Refresh <= before.Refresh {
				t.Errorf("no refresh once back: stats %+v, then %+v", before, after)
			}

			// The service's word that the refresh token is no good is
			// still a sign-in to renew.
			srv.Provider().RevokeSignIns(identity.DemoUPN)
			_, err := g.GetUser(ctx, identity.DemoUPN)
			if !errors.Is(err, auth.ErrSignInRequired) || errors.Is(err, auth.ErrSignInUnavailable) {
				t.Errorf("after revocation: %v, want ErrSignInRequired only", err)
			}
			if got := Explain(err); got != SignInAgain {
				t.Errorf("after revocation: Explain = %q, want SignInAgain", got)
			}
		})
	}
}
