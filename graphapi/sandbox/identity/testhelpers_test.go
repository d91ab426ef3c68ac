package identity

import (
	"testing"

	"github.com/photodesk/photodesk/internal/testkit"
)

const testTenant = "4a2f6c1e-8b3d-4e5f-9a1b-2c3d4e5f6a7b"

var (
	testDemo  = Account{ObjectID: "6e1f0a3b-1c2d-4e5f-8a9b-0c1d2e3f4a5b", UPN: DemoUPN, DisplayName: DemoDisplayName}
	testAlex  = Account{ObjectID: "00000000-0000-0000-1a2b-3c4d5e6f7a8b", UPN: ConsumerUPN, DisplayName: "Alex Consumer", Personal: true}
	testAdele = Account{ObjectID: "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", UPN: "adele@contoso.onmicrosoft.com", DisplayName: "Adele Vance"}
)

func testConfig(clk *testkit.Clock) Config {
	cfg := Config{
		TenantID: testTenant,
		Demo:     testDemo,
		Lookup: func(s string) (Account, bool) {
			for _, a := range []Account{testAlex, testAdele} {
				if s == a.UPN || s == a.ObjectID {
					return a, true
				}
			}
			return Account{}, false
		},
		Apps: map[string]App{
			"11111111-2222-3333-4444-555555555555": {Secret: "s3cret~value", Roles: []string{"User.Read.All", "Contacts.Read"}, DisplayName: "Photo Desk daemon"},
		},
		PublicClientID: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
	}
	if clk != nil {
		cfg.Now = clk.Now
	}
	return cfg
}

func newTestProvider(t *testing.T, clk *testkit.Clock) *Provider {
	t.Helper()
	p, err := NewProvider(testConfig(clk))
	if err != nil {
		t.Fatal(err)
	}
	return p
}
