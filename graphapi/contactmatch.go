package graphapi

import "strings"

// contactMatcher filters contacts locally because Graph's only documented
// contact filter is an exact e-mail address. Search mimics Graph's $search
// (a word of the name starting with the text) and also accepts a substring
// of an e-mail address; startsWith matches the start of the display name.
func contactMatcher(search, startsWith string) func(ContactInfo) bool {
	search = strings.ToLower(strings.TrimSpace(search))
	startsWith = strings.ToLower(strings.TrimSpace(startsWith))
	return func(ct ContactInfo) bool {
		name := strings.ToLower(ct.DisplayName)
		if startsWith != "" && !strings.HasPrefix(name, startsWith) {
			return false
		}
		if search == "" {
			return true
		}
		for _, w := range strings.Fields(name) {
			if strings.HasPrefix(w, search) {
				return true
			}
		}
		for _, e := range ct.EmailAddresses {
			if strings.Contains(strings.ToLower(e.Address), search) {
				return true
			}
		}
		return false
	}
}
