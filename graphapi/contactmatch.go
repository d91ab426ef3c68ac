package graphapi

import (
	"slices"
	"strings"
)

// contactMatcher filters contacts locally because Graph's only documented
// contact filter is an exact e-mail address. Search mimics Graph's $search
// (each word typed starts a word of the name, so a full name typed finds
// its contact) and also accepts a substring of an e-mail address;
// startsWith matches the start of the display name.
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
		if wordsStartWords(strings.Fields(search), strings.Fields(name)) {
			return true
		}
		for _, e := range ct.EmailAddresses {
			if strings.Contains(strings.ToLower(e.Address), search) {
				return true
			}
		}
		return false
	}
}

// wordsStartWords reports whether every one of typed starts some word of
// words ("ann lee" and "lee a" both find "Ann Lee").
func wordsStartWords(typed, words []string) bool {
	for _, t := range typed {
		if !slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, t) }) {
			return false
		}
	}
	return len(typed) > 0
}
