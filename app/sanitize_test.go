package app

import (
	"strings"
	"testing"
)

// Issue 14, defects 7 and 8: secrets and terminal escapes from a server
// never reach the output.
func TestSanitize(t *testing.T) {
	jwt := "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ"
	tests := []struct {
		name, in, want string
	}{
		{"bearer", "bad header Authorization: Bearer EwA4A8l6BAAUabc+/=def.", "bad header Authorization: Bearer [redacted]."},
		{"bearer lowercase", "got bearer abc.def-ghi", "got bearer [redacted]"},
		{"jwt", "token " + jwt + " is invalid", "token [redacted] is invalid"},
		{"url user-info", "GET https://user:p%40ss@graph.example/v1.0/me: 401", "GET https://[redacted]@graph.example/v1.0/me: 401"},
		{"escape sequences", "boom\x1b]0;pwned\x07\x1b[2J\r\u009b31m!", "boom]0;pwned[2J31m!"},
		{"keeps tab and newline", "a\tb\nc", "a\tb\nc"},
		{"invalid utf-8", "a\x9bb", "a\uFFFDb"},
		{"upn domain kept", "no photo for ann@subdomain1.contosoltd.onmicrosoft.com", "no photo for ann@subdomain1.contosoltd.onmicrosoft.com"},
		{"plain url kept", "see https://graph.microsoft.com/v1.0/me", "see https://graph.microsoft.com/v1.0/me"},
		// A gateway that echoes the request URL-encoded (or JSON-escaped)
		// puts a letter or digit right before the token: "%20eyJ…".
		{"url-encoded bearer", "echo Authorization%3A%20Bearer%20EwA4opaque-token", "echo Authorization%3A%20Bearer [redacted]"},
		{"form-encoded bearer", "authorization=Bearer+EwA4opaque", "authorization=Bearer [redacted]"},
		{"url-encoded jwt", "echo token%3D" + jwt + "%26x", "echo token%3D[redacted]%26x"},
		{"json-escaped jwt", `{"h":"Bearer\u0020` + jwt + `"}`, `{"h":"Bearer\u0020[redacted]"}`},
		{"bearer inside a word kept", "forbearer of", "forbearer of"},
		// A token request echoed back (form body or JSON answer) names
		// its secrets; a refresh token or client secret is not JWT-shaped.
		{"form refresh token", "grant_type=refresh_token&refresh_token=0.AQoA-x_y.z&client_id=c", "grant_type=refresh_token&refresh_token=[redacted]&client_id=c"},
		{"form client secret", "client_secret=Abc8Q~secret-value&scope=x", "client_secret=[redacted]&scope=x"},
		{"json refresh token", `{"refresh_token":"0.AQoA-opaque","expires_in":3599}`, `{"refresh_token":"[redacted]","expires_in":3599}`},
		{"url-encoded access token", "access_token%3DEwA4opaque%26x", "access_token%3D[redacted]%26x"},
		{"parameter named only kept", "the refresh_token grant failed", "the refresh_token grant failed"},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("%s: Sanitize(%+q) = %+q, want %+q", tt.name, tt.in, got, tt.want)
		}
	}
	if got := Sanitize("Bearer " + jwt); strings.Contains(got, "eyJ") {
		t.Errorf("Sanitize left part of the token: %q", got)
	}
}

// HoldsSecret finds exactly what Sanitize redacts as a secret (URL
// user-info aside), so no kind of secret is hidden by one and missed by
// the other.
func TestHoldsSecretIsWhatSanitizeRedacts(t *testing.T) {
	for _, s := range []string{
		"refresh_token=0.AQoA-x", "grant_type=refresh_token&client_secret=Abc8Q~x", `"id_token" : "abc"`,
		"code_verifier%3Dxyz", "device_code=GMMhmHCXhWEzkobqIHGG_EnNYYsAkukHspeYUk9E8",
		"Bearer abc", "authorization=Bearer+EwA4", "%20eyJ0eXAiOiJKV1QiLCJ.eyJhdWQiOiJodHRw.sig",
		"Bea\x07rer abc", "ann@contoso.com", "the refresh_token grant failed", "forbearer of",
		"https://user:pw@graph.example/", "8d2a0c61-5b2e-4b7e-9c1f-0a1b2c3d4e5f",
	} {
		redacts := strings.Contains(Sanitize(s), redacted) && !urlUserInfo.MatchString(s)
		if got := HoldsSecret(s); got != redacts {
			t.Errorf("HoldsSecret(%+q) = %v, but Sanitize gives %+q", s, got, Sanitize(s))
		}
	}
}
