package app

import "testing"

// Only a UPN whose escapes undo to one UPN is changed; search words, ids
// and broken or path-like escapes are left as typed.
func TestUnescapedUPN(t *testing.T) {
	for in, want := range map[string]string{
		"jane_fabrikam.com%23EXT%23@contoso.onmicrosoft.com": "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com",
		"jane_fabrikam.com%23ext%23@contoso.onmicrosoft.com": "jane_fabrikam.com#ext#@contoso.onmicrosoft.com",
		"jane_fabrikam.com#EXT#@contoso.onmicrosoft.com":     "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com",
		"ann%40contoso.com":    "ann@contoso.com",
		"50% off":              "50% off",
		"ann%zz@contoso.com":   "ann%zz@contoso.com",
		"ann%2Fx@contoso.com":  "ann%2Fx@contoso.com",
		"ann%2520@contoso.com": "ann%2520@contoso.com",
		"ann%20smith":          "ann%20smith",
		"%FF@contoso.com":      "%FF@contoso.com",
	} {
		if got := UnescapedUPN(in); got != want {
			t.Errorf("UnescapedUPN(%q) = %q, want %q", in, got, want)
		}
	}
}
