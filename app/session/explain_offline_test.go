package session

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"
)

// TestOfflineSignInNamesTheHost: on a machine without internet (or with a
// wrong Authority) MSAL cannot fetch the authority's metadata; the words
// must say which sign-in host could not be reached, and no Go error.
func TestOfflineSignInNamesTheHost(t *testing.T) {
	unreachable := func(host string, cause error) error {
		return fmt.Errorf("auth: interactive sign-in: %w", fmt.Errorf("server response error:\n %w", &url.Error{
			Op:  "Get",
			URL: "https://" + host + "/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration?",
			Err: &net.OpError{Op: "dial", Net: "tcp", Err: cause},
		}))
	}
	tests := []struct {
		name string
		err  error
		host string
	}{
		{"no DNS", unreachable("login.microsoftonline.com", &net.DNSError{Name: "login.microsoftonline.com", Err: "no such host", IsNotFound: true}), "login.microsoftonline.com"},
		{"a national cloud", unreachable("login.microsoftonline.us", &net.DNSError{Name: "login.microsoftonline.us", Err: "no such host", IsNotFound: true}), "login.microsoftonline.us"},
		{"a proxy that refuses", unreachable("login.microsoftonline.com", &net.DNSError{Name: "proxy.corp.example", Err: "no such host"}), "login.microsoftonline.com"},
		{"a DNS error alone", fmt.Errorf("auth: device code sign-in: %w", &net.DNSError{Name: "login.chinacloudapi.cn", Err: "no such host"}), "login.chinacloudapi.cn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Explain(tt.err)
			want := "Cannot reach Microsoft's sign-in service (" + tt.host + "). Check the network connection (or the proxy) and try again."
			if got != want {
				t.Errorf("Explain = %q, want %q", got, want)
			}
			for _, raw := range []string{"dial tcp", "openid-configuration", "auth:"} {
				if strings.Contains(got, raw) {
					t.Errorf("Explain = %q shows %q", got, raw)
				}
			}
		})
	}
}
