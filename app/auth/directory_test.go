package auth

import (
	"encoding/base64"
	"errors"
	"net/http"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// offline is an HTTP client that reaches nothing, as a laptop on a train.
var offline = &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
	return nil, errors.New("offline")
})}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// A tenant named in Settings by a domain is signed in to all the same:
// the account knows the tenant's directory id from its tokens, as Entra ID
// issues them (tid is the GUID whatever the authority names), also after
// a restart with no network, before any token is asked for; and with
// tokens in memory only.
func TestAccountKnowsTheDirectoryIDOfATenantNamedByDomain(t *testing.T) {
	sb := startSandbox(t, nil)
	byDomain := sb.cloud
	byDomain.TenantID = identity.TenantDomain
	store := &MemoryStore{}
	ctx := testContext(t)
	s, err := New(ctx, byDomain, WithHTTPClient(sb.HTTPClient()), WithCacheStore(store))
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.SignInInteractive(ctx, sb.browser(ctx))
	if err != nil {
		t.Fatal(err)
	}
	if a.DirectoryID != testTenant {
		t.Errorf("signed in through %s: DirectoryID %q, want the tenant's id %s", identity.TenantDomain, a.DirectoryID, testTenant)
	}
	if c := sb.claims(t, s); c.TenantID != testTenant {
		t.Errorf("the sandbox issued tid %q through %s, want %s as Entra ID does", c.TenantID, identity.TenantDomain, testTenant)
	}
	if cur, _ := s.Current(); cur.DirectoryID != testTenant {
		t.Errorf("Current's DirectoryID %q", cur.DirectoryID)
	}

	restarted, err := New(ctx, byDomain, WithHTTPClient(offline), WithCacheStore(store))
	if err != nil {
		t.Fatal(err)
	}
	cur, ok := restarted.Current()
	accts, err := restarted.Accounts(ctx)
	if !ok || err != nil || len(accts) != 1 || cur.DirectoryID != testTenant || accts[0].DirectoryID != testTenant {
		t.Errorf("offline after a restart: Current %+v %v, Accounts %+v %v; want DirectoryID %s", cur, ok, accts, err, testTenant)
	}

	memoryOnly, err := New(ctx, byDomain, WithHTTPClient(sb.HTTPClient()))
	if err != nil {
		t.Fatal(err)
	}
	if a := signInDevice(t, memoryOnly); a.DirectoryID != testTenant {
		t.Errorf("tokens in memory only: DirectoryID %q", a.DirectoryID)
	}
}

// A guest's tokens come from the tenant it signed in to, not its home
// tenant (the one its home account id names): the id token's tid is
// what is kept, and no token is.
func TestIDTokenTenantsKeepsTheTenantSignedInTo(t *testing.T) {
	const (
		home     = "11111111-1111-1111-1111-111111111111"
		resource = "22222222-2222-2222-2222-222222222222"
	)
	idToken := "eyJhbGciOiJub25lIn0." + b64(`{"tid":"`+resource+`","oid":"x"}`) + ".sig"
	cache := `{"IdToken":{"k":{"home_account_id":"oid.` + home + `","environment":"login.microsoftonline.com",` +
		`"realm":"Contoso.onmicrosoft.com","client_id":"C","credential_type":"IdToken","secret":"` + idToken + `"}}}`
	got := idTokenTenants([]byte(cache))
	key := idTokenKey("oid."+home, "login.microsoftonline.com", "contoso.onmicrosoft.com", "c")
	if len(got) != 1 || got[key] != resource {
		t.Errorf("idTokenTenants = %v, want %s under %q", got, resource, key)
	}
	for _, bad := range []string{`{`, `{"IdToken":{"k":{"secret":"not a jwt"}}}`, `{"IdToken":{"k":{"secret":"a.` + b64(`{"tid":"organizations"}`) + `.c"}}}`} {
		if got := idTokenTenants([]byte(bad)); len(got) != 0 {
			t.Errorf("idTokenTenants(%s) = %v, want none", bad, got)
		}
	}
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
