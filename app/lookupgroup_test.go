package app

import (
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

func TestSandboxLookupGroup(t *testing.T) {
	tn := startTenant(t, sandbox.Options{})
	sales := tn.ex.Sales
	p, err := tn.e.LookupGroup(t.Context(), "  "+strings.ToUpper(sales.ID)+" ")
	if err != nil {
		t.Fatalf("LookupGroup: %v", err)
	}
	if p.Kind != KindGroup || p.ID != sales.ID || p.DisplayName != sales.DisplayName || p.Subject != graphapi.Group(sales.ID) {
		t.Errorf("LookupGroup = %+v, want %s", p, sales.DisplayName)
	}
	if _, err := tn.e.LookupGroup(t.Context(), "00000000-0000-0000-0000-000000000000"); !graphapi.IsNotFound(err) {
		t.Errorf("unknown group: %v, want not found", err)
	}
}

func TestLooksLikeObjectID(t *testing.T) {
	for s, want := range map[string]bool{
		"02bd9fd6-8f93-4758-87c3-1fb73740a315":   true,
		" 02BD9FD6-8F93-4758-87C3-1FB73740A315 ": true,
		"sales@contoso.com":                      false,
		"02bd9fd6-8f93-4758-87c3":                false,
		"Sales":                                  false,
	} {
		if got := LooksLikeObjectID(s); got != want {
			t.Errorf("LooksLikeObjectID(%q) = %v, want %v", s, got, want)
		}
	}
}
