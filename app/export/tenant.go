package export

import (
	"fmt"
	"strings"

	"github.com/photodesk/photodesk/graphapi"
)

// OtherTenantError refuses to resume an export made in another tenant:
// its people are not this tenant's, and resuming would put both tenants'
// photos in one folder and both tenants' rows in one report.
type OtherTenantError struct {
	// Previous is the tenant the last report records; Current the one
	// this run is signed in to, and Account who signed in ("" when the
	// token did not say).
	Previous, Current, Account string
}

func (e *OtherTenantError) Error() string {
	who := ""
	if e.Account != "" {
		who = " as " + e.Account
	}
	return fmt.Sprintf("the last report is of an export in tenant %s, and this one is signed in to tenant %s%s: "+
		"resuming would mix both tenants' photos and rows", e.Previous, e.Current, who)
}

// sameTenant checks that the last report's rows were written in the
// tenant self is signed in to. A report from before the tenant column,
// or a token that does not say its tenant, cannot tell, and is resumed
// as it always was.
func sameTenant(prev []Row, self graphapi.Identity) error {
	if self.TenantID == "" {
		return nil
	}
	for _, r := range prev {
		if r.Tenant != "" && !strings.EqualFold(r.Tenant, self.TenantID) {
			return &OtherTenantError{Previous: r.Tenant, Current: self.TenantID, Account: self.Name}
		}
	}
	return nil
}
