package session

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// TestAppTokenWithoutTheSignInServiceNamesIt: an application session
// (client credentials) whose token endpoint answered 503, or was not
// reached, failed with MSAL's text ("auth: application token: http
// call(https://…/token)(POST) error: reply status code was 503: {…}"),
// never auth.ErrSignInUnavailable, so neither the window nor the command
// line worded it. Now it is worded as a person's refresh is: the sign-in
// service, its host, and that it is not answering; a captive portal's
// page as the network's sign-in to finish.
func TestAppTokenWithoutTheSignInServiceNamesIt(t *testing.T) {
	srv, cloud := startSandboxCloud(t, sandbox.Options{Users: 10}, daemonClient)
	tests := []struct {
		outage identity.Outage
		want   string
	}{
		{identity.Down, "Microsoft's sign-in service (127.0.0.1) is not answering right now (503 Service Unavailable). You are still signed in: try again in a few minutes."},
		{identity.CutMidAnswer, "Cannot reach Microsoft's sign-in service. Check the network connection (or the proxy) and try again."},
		{identity.CaptivePortal, "Something other than Microsoft's sign-in service answered: a web page came where its answer should have been, as when a hotel's or an airport's Wi-Fi wants you to sign in to it first, or a proxy answers in its place. " +
			"Open a web browser and finish the network's sign-in (or ask your IT department), then try again. You are still signed in."},
	}
	for _, tt := range tests {
		ctx := t.Context()
		secret := &auth.MemoryStore{}
		if err := auth.SaveClientSecret(ctx, secret, sandbox.DaemonClientSecret); err != nil {
			t.Fatal(err)
		}
		sess, err := auth.NewApp(ctx, cloud, auth.AppCredential{Secret: secret}, auth.WithHTTPClient(srv.IdentityHTTPClient()))
		if err != nil {
			t.Fatal(err)
		}
		srv.Provider().SetOutage(tt.outage)
		_, tokenErr := sess.Token(ctx)
		g := graphapi.New(graphapi.WithBaseURL(srv.GraphURL("v1.0")), graphapi.WithHTTPClient(srv.GraphHTTPClient()), graphapi.WithTokenSource(sess),
			graphapi.WithRetry(graphapi.RetryPolicy{Sleep: func(context.Context, time.Duration) error { return nil }}))
		_, readErr := g.GetUser(ctx, identity.DemoUPN)
		for what, err := range map[string]error{"token": tokenErr, "request": readErr} {
			if !errors.Is(err, auth.ErrSignInUnavailable) {
				t.Errorf("outage %d, %s: %v is not ErrSignInUnavailable", tt.outage, what, err)
			}
			if got := Explain(err); got != tt.want {
				t.Errorf("outage %d, %s: Explain(%v)\n = %q\nwant %q", tt.outage, what, err, got, tt.want)
			}
			if got := app.FriendlyForApp(err); got != tt.want {
				t.Errorf("outage %d, %s: app.FriendlyForApp = %q\nwant %q", tt.outage, what, got, tt.want)
			}
		}
		srv.Provider().SetOutage(identity.Serving)
		if _, err := sess.Token(ctx); err != nil {
			t.Errorf("outage %d: token with the sign-in service back: %v", tt.outage, err)
		}
	}
}
