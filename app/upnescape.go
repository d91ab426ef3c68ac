package app

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// UnescapedUPN is s with its percent-escapes undone when s is a UPN
// copied out of a URL: Graph Explorer and the admin centers show a
// guest's as "jane_fabrikam.com%23EXT%23@contoso.onmicrosoft.com". No
// UPN holds a '%', so an escape in one is never meant, and looked up as
// typed it names no one. Anything else — a search word, an id, text that
// does not unescape to one UPN — comes back as it was.
func UnescapedUPN(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	u, err := url.PathUnescape(s)
	if err != nil || !utf8.ValidString(u) || strings.ContainsAny(u, "%/?") || !strings.Contains(u, "@") || !LooksLikeUPNOrID(u) {
		return s
	}
	return u
}
