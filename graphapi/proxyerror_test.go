package graphapi

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/photodesk/photodesk/internal/testkit"
)

// TestProxyRefusingTheTunnelIsAProxyError: net/http reports a proxy's
// refusal of CONNECT only as its reason phrase ("Proxy Authentication
// Required"), which read as such to a person and could not be told from
// any other error. NewHTTPClient's transport makes it a *ProxyError
// naming the proxy, the target and the status, and whether a proxy
// password was sent; the change is still ErrNeverSent.
func TestProxyRefusingTheTunnelIsAProxyError(t *testing.T) {
	for _, tt := range []struct {
		name     string
		status   int
		password bool
	}{
		{"407, no password", http.StatusProxyAuthRequired, false},
		{"407, password refused", http.StatusProxyAuthRequired, true},
		{"403", http.StatusForbidden, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			proxy := testkit.RefusingProxy(t, tt.status)
			if tt.password {
				proxy.User = url.UserPassword("kim", "secret")
			}
			h := NewHTTPClient()
			tr := h.Transport.(*stallTransport).base.(*http.Transport)
			tr.Proxy = http.ProxyURL(proxy) // the environment's is read once per process
			t.Cleanup(tr.CloseIdleConnections)
			err := neverSentClient("https://graph.example.com/v1.0", h).SetPhoto(context.Background(), User("u"), jpegBytes, "image/jpeg")
			var pe *ProxyError
			if !errors.As(err, &pe) || !errors.Is(err, ErrNeverSent) {
				t.Fatalf("SetPhoto through a proxy answering %d: %v; want a *ProxyError, never sent", tt.status, err)
			}
			want := ProxyError{Proxy: proxy.Host, Target: "graph.example.com:443", Status: tt.status, Reason: http.StatusText(tt.status), SentCredentials: tt.password}
			if *pe != want {
				t.Errorf("ProxyError = %+v, want %+v", *pe, want)
			}
		})
	}
}
