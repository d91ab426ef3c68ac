package app

import (
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// tenant is a running sandbox tenant with an engine signed in as the demo
// helpdesk account.
type tenant struct {
	srv   *sandbox.Server
	ex    sandbox.Examples
	e     *Engine
	clock *fakeClock
}

func startTenant(t *testing.T, opts sandbox.Options) *tenant {
	t.Helper()
	srv, err := sandbox.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	tok, err := srv.DemoToken()
	if err != nil {
		t.Fatal(err)
	}
	clock := newFakeClock()
	return &tenant{
		srv: srv, ex: srv.Directory().Examples(), clock: clock,
		e: NewEngine(Config{Client: sandboxClient(srv, tok), Now: clock.Now}),
	}
}

// sandboxClient talks to srv with token, retrying quickly so fault tests
// do not wait whole seconds.
func sandboxClient(srv *sandbox.Server, token string) *graphapi.Client {
	return graphapi.New(
		graphapi.WithBaseURL(srv.GraphURL("v1.0")),
		graphapi.WithHTTPClient(srv.GraphHTTPClient()),
		graphapi.WithTokenSource(graphapi.StaticToken(token)),
		graphapi.WithRetry(graphapi.RetryPolicy{MaxAttempts: 20, BaseDelay: time.Millisecond, MaxDelay: 20 * time.Millisecond, MaxWait: time.Minute}),
	)
}

func sbUser(u *sandbox.User) Person {
	return PersonFromUser(graphapi.UserInfo{ID: u.ID, DisplayName: u.DisplayName, UserPrincipalName: u.UserPrincipalName, Mail: u.Mail, JobTitle: u.JobTitle})
}

func sbGroup(g *sandbox.Group) Person {
	return PersonFromGroup(graphapi.GroupInfo{ID: g.ID, DisplayName: g.DisplayName, Mail: g.Mail})
}

func sbContact(c *sandbox.Contact, folder string) Person {
	return PersonFromContact(graphapi.ContactInfo{ID: c.ID, DisplayName: c.DisplayName}, folder)
}
