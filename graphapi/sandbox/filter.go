package sandbox

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
)

// errUnsupportedFilter is any $filter the sandbox (and, for these shapes,
// Graph) does not evaluate.
var errUnsupportedFilter = errors.New("unsupported filter")

// maxFilterClauses is how many expressions Graph takes in one $filter
// clause: an in (…) list of more is refused (learn.microsoft.com, "Use
// the $filter query parameter": requests with in are limited to 15
// expressions in the filter clause by default).
const maxFilterClauses = 15

// tooManyClauses is the 400 Graph answers a longer in (…) list with.
type tooManyClauses int

func (n tooManyClauses) Error() string {
	return "Too many child clauses specified in search filter expression containing 'OR' operators: " +
		strconv.Itoa(int(n)) + ". Max allowed: " + strconv.Itoa(maxFilterClauses) + "."
}

var (
	reStartsWith = regexp.MustCompile(`(?i)^startswith\(\s*([A-Za-z]+)\s*,\s*'((?:[^']|'')*)'\s*\)$`)
	reEq         = regexp.MustCompile(`(?i)^([A-Za-z]+)\s+eq\s+'((?:[^']|'')*)'$`)
	reIn         = regexp.MustCompile(`(?i)^([A-Za-z]+)\s+in\s+\((.*)\)$`)
	reQuoted     = regexp.MustCompile(`'((?:[^']|'')*)'`)
	reEmailAny   = regexp.MustCompile(`(?i)^emailAddresses/any\(\s*(\w+)\s*:\s*(\w+)/address\s+eq\s+'((?:[^']|'')*)'\s*\)$`)
)

// parseFilter reads the $filter shapes Photo Desk and its users send:
// startswith(prop,'x'), prop eq 'x', prop in ('x','y'), and for contacts
// emailAddresses/any(a:a/address eq 'x'), combined with and, or and
// parentheses. Comparisons ignore case, as the directory's do.
func parseFilter(expr string, types []*entityType) (func(any) bool, error) {
	return parseOr(strings.TrimSpace(expr), types)
}

func parseOr(s string, types []*entityType) (func(any) bool, error) {
	var alts []func(any) bool
	for _, part := range splitTop(s, "or") {
		m, err := parseAnd(part, types)
		if err != nil {
			return nil, err
		}
		alts = append(alts, m)
	}
	return func(item any) bool {
		for _, m := range alts {
			if m(item) {
				return true
			}
		}
		return false
	}, nil
}

func parseAnd(s string, types []*entityType) (func(any) bool, error) {
	var all []func(any) bool
	for _, part := range splitTop(s, "and") {
		m, err := parseAtom(strings.TrimSpace(part), types)
		if err != nil {
			return nil, err
		}
		all = append(all, m)
	}
	return func(item any) bool {
		for _, m := range all {
			if !m(item) {
				return false
			}
		}
		return true
	}, nil
}

func parseAtom(s string, types []*entityType) (func(any) bool, error) {
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && closes(s) == len(s)-1 {
		return parseOr(strings.TrimSpace(s[1:len(s)-1]), types)
	}
	unquote := func(v string) string { return strings.ToLower(strings.ReplaceAll(v, "''", "'")) }
	if m := reStartsWith.FindStringSubmatch(s); m != nil && filterable(types, m[1]) {
		prop, prefix := m[1], unquote(m[2])
		return func(item any) bool {
			return strings.HasPrefix(strings.ToLower(typeOf(item).str(item, prop)), prefix)
		}, nil
	}
	if m := reEq.FindStringSubmatch(s); m != nil && filterable(types, m[1]) {
		prop, want := m[1], unquote(m[2])
		return func(item any) bool { return strings.ToLower(typeOf(item).str(item, prop)) == want }, nil
	}
	if m := reIn.FindStringSubmatch(s); m != nil && filterable(types, m[1]) {
		prop := m[1]
		var set []string
		for _, q := range reQuoted.FindAllStringSubmatch(m[2], -1) {
			set = append(set, unquote(q[1]))
		}
		if len(set) > maxFilterClauses {
			return nil, tooManyClauses(len(set))
		}
		return func(item any) bool {
			v := strings.ToLower(typeOf(item).str(item, prop))
			for _, w := range set {
				if v == w {
					return true
				}
			}
			return false
		}, nil
	}
	if m := reEmailAny.FindStringSubmatch(s); m != nil && m[1] == m[2] && types[0] == contactType {
		want := unquote(m[3])
		return func(item any) bool {
			c, ok := item.(*Contact)
			return ok && strings.ToLower(c.Email) == want
		}, nil
	}
	return nil, errUnsupportedFilter
}

// filterable reports whether any of the types lets $filter use prop.
func filterable(types []*entityType, prop string) bool {
	for _, t := range types {
		if containsFold(t.filter, prop) {
			return true
		}
	}
	return false
}

// closes returns the index of the parenthesis closing the one at s[0],
// skipping quoted text, or -1.
func closes(s string) int {
	depth, quoted := 0, false
	for i, r := range s {
		switch {
		case r == '\'':
			quoted = !quoted
		case quoted:
		case r == '(':
			depth++
		case r == ')':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

// splitTop splits s at the keyword op (" or ", " and ") where it is outside
// quotes and parentheses.
func splitTop(s, op string) []string {
	var parts []string
	depth, quoted, start := 0, false, 0
	sep := " " + op + " "
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth == 0 && i+len(sep) <= len(s) && strings.EqualFold(s[i:i+len(sep)], sep):
			parts = append(parts, s[start:i])
			start = i + len(sep)
			i += len(sep) - 1
		}
	}
	return append(parts, s[start:])
}
