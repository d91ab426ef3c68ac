package sandbox

import (
	"fmt"
	"strings"
	"unicode"
)

// searchTerm is one "property:words" clause of $search.
type searchTerm struct {
	prop  string // "" searches displayName, mail and userPrincipalName
	words []string
}

// parseSearch reads Graph's directory $search syntax, e.g.
// `"displayName:ann" OR "mail:ann"`: quoted property:value clauses joined by
// OR and AND (AND binds tighter). It returns a matcher: a clause matches when
// every word of its value starts a word of the property (token match, not
// substring), as the directory's index does.
func parseSearch(expr string, types []*entityType) (func(any) bool, error) {
	var groups [][]searchTerm // OR of ANDs
	var cur []searchTerm
	rest := strings.TrimSpace(expr)
	for rest != "" {
		var tok string
		quoted := rest[0] == '"'
		if quoted {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("unterminated quote in $search %q", expr)
			}
			tok, rest = rest[1:end+1], rest[end+2:]
		} else {
			end := strings.IndexFunc(rest, unicode.IsSpace)
			if end < 0 {
				end = len(rest)
			}
			tok, rest = rest[:end], rest[end:]
		}
		rest = strings.TrimSpace(rest)
		switch {
		case !quoted && tok == "OR":
			if len(cur) == 0 {
				return nil, fmt.Errorf("OR without a term in $search %q", expr)
			}
			groups, cur = append(groups, cur), nil
			continue
		case !quoted && tok == "AND":
			continue
		case !quoted && strings.Contains(tok, ":"):
			// Graph wants property clauses quoted: `"displayName:ann"`.
			return nil, fmt.Errorf("syntax error: the $search clause %q is not in double quotes", tok)
		}
		term, err := parseSearchTerm(tok, types)
		if err != nil {
			return nil, err
		}
		cur = append(cur, term)
	}
	if len(cur) == 0 {
		return nil, fmt.Errorf("empty $search %q", expr)
	}
	groups = append(groups, cur)
	return func(item any) bool {
		for _, and := range groups {
			if allTermsMatch(item, and) {
				return true
			}
		}
		return false
	}, nil
}

func parseSearchTerm(tok string, types []*entityType) (searchTerm, error) {
	prop, value, ok := strings.Cut(tok, ":")
	if !ok {
		return searchTerm{words: words(tok)}, nil
	}
	for _, t := range types {
		for _, p := range t.search {
			if strings.EqualFold(p, prop) {
				return searchTerm{prop: p, words: words(value)}, nil
			}
		}
	}
	return searchTerm{}, fmt.Errorf("property '%s' is not supported in $search", prop)
}

func allTermsMatch(item any, terms []searchTerm) bool {
	t := typeOf(item)
	for _, term := range terms {
		props := []string{term.prop}
		if term.prop == "" {
			props = []string{"displayName", "mail", "userPrincipalName"}
		}
		hit := false
		for _, p := range props {
			hit = hit || tokensMatch(t.str(item, p), term.words)
		}
		if !hit {
			return false
		}
	}
	return true
}

// tokensMatch reports whether every query word starts some word of value.
func tokensMatch(value string, query []string) bool {
	have := words(value)
	for _, q := range query {
		found := false
		for _, h := range have {
			if strings.HasPrefix(h, q) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// words splits text into lowercase letter-and-digit runs: "ann.lee@contoso"
// is ann, lee, contoso.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
