package graphapi_test

import (
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// TestUPNStartingWithDollar: Graph reads /users/$… as a segment of its own
// and answers 400, so a UPN that starts with "$" goes as users('$…') — for
// the person, their photo, their contacts' owner and inside a $batch.
func TestUPNStartingWithDollar(t *testing.T) {
	tn := sandboxtest.Start(t, sandbox.Options{Users: 20})
	u := tn.Dir.Examples().DollarUPN
	c := tn.Client(tn.Token)
	ctx := t.Context()
	got, err := c.GetUser(ctx, u.UserPrincipalName)
	if err != nil || got.ID != u.ID {
		t.Fatalf("GetUser(%s) = %+v, %v; want %s", u.UserPrincipalName, got, err, u.ID)
	}
	subj := graphapi.User(u.UserPrincipalName)
	if _, err := c.PhotoBytes(ctx, subj, "48x48"); err != nil {
		t.Errorf("PhotoBytes: %v", err)
	}
	if _, err := c.PhotoMeta(ctx, subj, graphapi.SizeLargest); err != nil {
		t.Errorf("PhotoMeta: %v", err)
	}
	res := c.PhotosBatch(ctx, []graphapi.Subject{subj}, "96x96")
	if len(res) != 1 || res[0].Err != nil {
		t.Errorf("PhotosBatch: %+v", res)
	}
}

// TestUserPath: the key form only where the plain one cannot work, a quote
// doubled inside it.
func TestUserPath(t *testing.T) {
	for in, want := range map[string]string{
		"adele@contoso.com":              "/users/adele@contoso.com",
		"jane_x.com#EXT#@t.com":          "/users/jane_x.com%23EXT%23@t.com",
		"o'brien@contoso.com":            "/users/o%27brien@contoso.com",
		"$kiosk@contoso.com":             "/users('$kiosk@contoso.com')",
		"$o'brien@contoso.com":           "/users('$o%27%27brien@contoso.com')",
		"3f2504e0-4f89-11d3-9a0c-0305e8": "/users/3f2504e0-4f89-11d3-9a0c-0305e8",
	} {
		if got := graphapi.UserPath(in); got != want {
			t.Errorf("UserPath(%q) = %q, want %q", in, got, want)
		}
	}
}
