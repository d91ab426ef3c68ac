package app

import (
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
	"github.com/photodesk/photodesk/internal/testkit"
)

// tenant is a sandbox tenant with an engine signed in as the demo
// helpdesk account, on a fake clock.
type tenant struct {
	*sandboxtest.Tenant
	ex    sandbox.Examples
	e     *Engine
	clock *testkit.Clock
}

func startTenant(t *testing.T, opts sandbox.Options) *tenant {
	t.Helper()
	tn := sandboxtest.Start(t, opts)
	clock := testkit.NewClock()
	return &tenant{
		Tenant: tn, ex: tn.Dir.Examples(), clock: clock,
		e: NewEngine(Config{Client: tn.Client(tn.Token, quickRetry), Now: clock.Now}),
	}
}

// quickRetry retries quickly, so fault tests do not wait whole seconds.
var quickRetry = graphapi.WithRetry(graphapi.RetryPolicy{MaxAttempts: 20, BaseDelay: time.Millisecond, MaxDelay: 20 * time.Millisecond, MaxWait: time.Minute})

func sbUser(u *sandbox.User) Person {
	return PersonFromUser(graphapi.UserInfo{ID: u.ID, DisplayName: u.DisplayName, UserPrincipalName: u.UserPrincipalName, Mail: u.Mail, JobTitle: u.JobTitle})
}

func sbGroup(g *sandbox.Group) Person {
	return PersonFromGroup(graphapi.GroupInfo{ID: g.ID, DisplayName: g.DisplayName, Mail: g.Mail})
}

func sbContact(c *sandbox.Contact, folder string) Person {
	return PersonFromContact(graphapi.ContactInfo{ID: c.ID, DisplayName: c.DisplayName}, folder)
}
