package export

import (
	"errors"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
)

// TestSameTenant: a resume is refused only when the last report names
// another tenant than the token's; a report from before the tenant column,
// or a token that does not say, resumes as before.
func TestSameTenant(t *testing.T) {
	a, b := "05b9158e-0b19-4d29-a577-fa15853cb2b6", "7a1b2c3d-0000-4000-8000-000000000001"
	self := graphapi.Identity{TenantID: a, Name: "helpdesk@contoso.onmicrosoft.com"}
	if err := sameTenant([]Row{{ID: "1"}, {ID: "2", Tenant: "05B9158E-0B19-4D29-A577-FA15853CB2B6"}}, self); err != nil {
		t.Errorf("own tenant (any case), and a row without one: %v", err)
	}
	if err := sameTenant([]Row{{ID: "1", Tenant: b}}, graphapi.Identity{}); err != nil {
		t.Errorf("a token that does not say its tenant: %v", err)
	}
	err := sameTenant([]Row{{ID: "1"}, {ID: "2", Tenant: b}}, self)
	var other *OtherTenantError
	if !errors.As(err, &other) || other.Previous != b || other.Current != a || other.Account != self.Name {
		t.Errorf("another tenant's report: %v, want an OtherTenantError naming both", err)
	}
}
