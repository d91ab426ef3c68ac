package graphapi_test

import (
	"errors"
	"testing"
	"time"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
	"github.com/photodesk/photodesk/internal/testkit"
)

// TestMailboxRequestLimitEndsAtOnce: past Outlook's request limit for one
// mailbox, Graph asks for a wait of minutes (the rest of its 10-minute
// window). The client does not hold the request that long: it reports
// the 429 with the wait asked for, alone or in a $batch, and the other
// mailboxes' photos still come.
func TestMailboxRequestLimitEndsAtOnce(t *testing.T) {
	clock := testkit.NewClock()
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20, Faults: sandbox.Faults{MailboxRequests: 2}, Now: clock.Now})
	ex := tn.Dir.Examples()
	c := tn.Client(tn.Token)
	ctx := t.Context()
	adele := graphapi.User(ex.FullHD.UserPrincipalName)
	for range 2 {
		if _, err := c.PhotoBytes(ctx, adele, "48x48"); err != nil {
			t.Fatalf("under the limit: %v", err)
		}
	}
	clock.Advance(4 * time.Minute)
	_, err := c.PhotoBytes(ctx, adele, "48x48")
	if !graphapi.IsThrottled(err) {
		t.Fatalf("over the limit: %v, want a 429", err)
	}
	var ge *graphapi.Error
	if !errors.As(err, &ge) || ge.RetryAfter != 6*time.Minute {
		t.Errorf("over the limit 4 minutes in: %+v, want the rest of the window (6m) as RetryAfter", ge)
	}
	res := c.PhotosBatch(ctx, []graphapi.Subject{adele, graphapi.User(ex.UpTo504.UserPrincipalName)}, "48x48")
	if len(res) != 2 || !graphapi.IsThrottled(res[0].Err) || res[1].Err != nil {
		t.Errorf("batch: %+v, want Adele's 429 and Diego's photo", res)
	}
}
