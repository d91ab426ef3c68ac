package graphapi

import "testing"

// A contact is found by the start of any word of its name, by its full
// name typed (the words in any order), or by part of an address.
func TestContactMatcher(t *testing.T) {
	ann := ContactInfo{DisplayName: "Ann-Marie Lee", EmailAddresses: []EmailAddress{{Address: "ann.lee@fabrikam.com"}}}
	for search, want := range map[string]bool{
		"ann": true, "lee": true, "Ann-Marie Lee": true, "lee ann": true, "ann  l": true,
		"fabrikam": true, "ann.lee@fabrikam.com": true,
		"marie": false, "ann smith": false, "arie": false, "ee": true,
	} {
		if got := contactMatcher(search, "")(ann); got != want {
			t.Errorf("search %q matched %v, want %v", search, got, want)
		}
	}
	if !contactMatcher("", "ann-m")(ann) || contactMatcher("", "lee")(ann) {
		t.Error("startsWith matches the start of the display name only")
	}
}
