package importer

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/photodesk/photodesk/app"
)

// Rule is one way a file name can name a person.
type Rule string

// The rules, in the order they are tried: the first that finds anyone
// decides, so an exact id or address is never outvoted by a name.
const (
	RuleID    Rule = "id"    // the object id
	RuleUPN   Rule = "upn"   // userPrincipalName
	RuleMail  Rule = "mail"  // primary SMTP address
	RuleAlias Rule = "alias" // mailNickname
	RuleName  Rule = "name"  // display name written First Last, First.Last or Last, First
)

// AllRules is every rule, in matching order; the default.
var AllRules = []Rule{RuleID, RuleUPN, RuleMail, RuleAlias, RuleName}

// ParseRules reads a comma-separated list such as "upn,mail,name". The
// rules are tried in AllRules' order whatever order they are given in.
func ParseRules(s string) ([]Rule, error) {
	want := map[Rule]bool{}
	for part := range strings.SplitSeq(s, ",") {
		r := Rule(strings.ToLower(strings.TrimSpace(part)))
		if r == "" {
			continue
		}
		known := false
		for _, k := range AllRules {
			known = known || k == r
		}
		if !known {
			return nil, fmt.Errorf("unknown match rule %q (use id, upn, mail, alias, name)", part)
		}
		want[r] = true
	}
	var out []Rule
	for _, r := range AllRules {
		if want[r] {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no match rule given (use id, upn, mail, alias, name)")
	}
	return out, nil
}

// field is the directory property a rule compares with.
func (r Rule) field() string {
	switch r {
	case RuleID:
		return "id"
	case RuleUPN:
		return "userPrincipalName"
	case RuleMail:
		return "mail"
	case RuleAlias:
		return "mailNickname"
	}
	return "displayName"
}

// value is what a person's record holds for the rule.
func (r Rule) value(u User) string {
	switch r {
	case RuleID:
		return u.ID
	case RuleUPN:
		return u.UPN
	case RuleMail:
		return u.Mail
	case RuleAlias:
		return u.Alias
	}
	return u.DisplayName
}

// candidate is the value a file name stands for under the rule, "" when
// it cannot (an address rule for a name without "@", say), so no lookup
// is wasted on it.
func (r Rule) candidate(key string) string {
	if nameProblem(key) != "" {
		return ""
	}
	key = strings.TrimSpace(key)
	switch r {
	case RuleID:
		if app.LooksLikeObjectID(key) {
			return key
		}
		return ""
	case RuleUPN, RuleMail:
		if strings.Count(key, "@") == 1 && !strings.ContainsAny(key, " ,") {
			return key
		}
		return ""
	case RuleAlias:
		if key != "" && !strings.ContainsAny(key, "@ ,") {
			return key
		}
		return ""
	}
	return displayName(key)
}

// displayName turns "Last, First" and "First.Last" into "First Last";
// anything else is taken as it is. Accents and case are kept: the
// directory compares case-insensitively, and "José" is not "Jose".
func displayName(key string) string {
	if last, first, ok := strings.Cut(key, ","); ok {
		first, last = strings.TrimSpace(first), strings.TrimSpace(last)
		if first == "" || last == "" || strings.Contains(first, ",") {
			return ""
		}
		return first + " " + last
	}
	if strings.Contains(key, "@") {
		return ""
	}
	if !strings.Contains(key, " ") && strings.Contains(key, ".") {
		key = strings.Join(strings.FieldsFunc(key, func(r rune) bool { return r == '.' }), " ")
	}
	return strings.Join(strings.Fields(key), " ")
}

// nameProblem is why a file name cannot be looked up at all, "" when it
// can. A name that is not UTF-8 text, or holds a control character (a
// line break, a tab…), is nobody's UPN, mail, alias or display name, and
// Graph refuses such a character inside a $filter string (400
// Request_UnsupportedQuery): asking would only fail the lookup. Every
// other character goes: the quote is doubled and the rest
// percent-escaped (GraphDirectory.FindUsers).
func nameProblem(key string) string {
	if !utf8.ValidString(key) {
		return "the name is not valid text (UTF-8)"
	}
	for _, c := range key {
		if !unicode.IsControl(c) {
			continue
		}
		what := "a control character"
		switch c {
		case '\n', '\r':
			what = "a line break"
		case '\t':
			what = "a tab"
		}
		return fmt.Sprintf("the name holds %s (%U)", what, c)
	}
	return ""
}
