package app

import (
	"regexp"
	"strings"
)

// redacted replaces a secret in anything Photo Desk prints or writes.
const redacted = "[redacted]"

var (
	// bearerToken is an Authorization value a server echoed back, also
	// URL- or form-encoded ("%20Bearer%20…", "=Bearer+…": a percent escape
	// puts a digit right before the word, where \b found no boundary); it
	// does not end in a full stop, which is the sentence's. Group 1 is
	// what came before the word, kept.
	bearerToken = regexp.MustCompile(`(?i)(^|[^a-z0-9]|%[0-9a-f]{2})(bearer)(?:\s+|%20|\+)[A-Za-z0-9._~+/=-]*[A-Za-z0-9_~+/=-]`)
	// jwtToken is a JSON Web Token: three base64url parts joined by dots.
	// A JWT's header is a JSON object, so its first part starts "eyJ";
	// requiring that keeps long host names and UPN domains
	// ("x@subdomain1.contosoltd.onmicrosoft.com") from being blotted out.
	// No word boundary before it: an escape ("%3D", "\u0020") ends in a
	// letter or digit, and the token after it is still a token.
	jwtToken = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{7,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*`)
	// namedSecret is a secret a token request or answer names, echoed
	// back form-, URL- or JSON-encoded ("refresh_token=…",
	// "\"client_secret\":\"…\""): refresh tokens and client secrets are not
	// JWT-shaped, so only their names give them away. Groups 1 and 2 (the
	// name and what joins it to the value) are kept.
	namedSecret = regexp.MustCompile(`(?i)(access_token|refresh_token|id_token|client_secret|client_assertion|code_verifier|device_code)("\s*:\s*"|=|%3D)[^\s&"',;%]+`)
	// secrets are what Sanitize redacts as a secret, in its order, each
	// with its replacement; HoldsSecret looks for the same, so what one
	// hides the other finds.
	secrets = []struct {
		re   *regexp.Regexp
		with string
	}{
		{bearerToken, "${1}${2} " + redacted},
		{jwtToken, redacted},
		{namedSecret, "${1}${2}" + redacted},
	}
	// urlUserInfo is the "user:password@" of a URL; greedy up to the last
	// '@' of the authority, as net/url reads it.
	urlUserInfo = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s]*@`)
)

// Sanitize makes text from outside Photo Desk — a server's error message,
// an error wrapping one, a URL someone typed — safe to print in a
// terminal, show in the window, log or write into a report. Control
// characters other than tab and newline go (an escape sequence in an error
// body could otherwise recolour, retitle or rewrite the user's terminal),
// and so do secrets: bearer tokens, JWT-shaped strings, the values of
// token parameters (refresh_token=…, client_secret=…) and the user-info
// of URLs become "[redacted]". Use it at the edges, on the final text.
func Sanitize(s string) string {
	s = stripControls(s)
	for _, secret := range secrets {
		s = secret.re.ReplaceAllString(s, secret.with)
	}
	return urlUserInfo.ReplaceAllString(s, "${1}"+redacted+"@")
}

// stripControls drops C0 controls but tab and newline, DEL and the C1
// controls (0x9b is a one-byte CSI on some terminals), after turning
// invalid UTF-8 into U+FFFD so no stray byte reaches the terminal raw.
func stripControls(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' {
			return r
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}

// HoldsSecret reports whether s holds what Sanitize redacts as a secret:
// a bearer token, a JWT-shaped string or a token parameter's value
// (refresh_token=…, client_secret=…); URL user-info aside, which an entry
// typed by a person may hold for other reasons.
func HoldsSecret(s string) bool {
	s = stripControls(s) // as Sanitize does first: "Bea\arer …" is a bearer token to it
	for _, secret := range secrets {
		if secret.re.MatchString(s) {
			return true
		}
	}
	return false
}
