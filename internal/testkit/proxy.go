package testkit

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// RefusingProxy starts an HTTP proxy that answers every request, CONNECT
// included, with status (407 Proxy Authentication Required, 403
// Forbidden), as a company proxy refusing the tunnel does, and returns
// its URL for http.ProxyURL. It is closed when t ends.
func RefusingProxy(t testing.TB, status int) *url.URL {
	t.Helper()
	proxy := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if status == http.StatusProxyAuthRequired {
			w.Header().Set("Proxy-Authenticate", `Negotiate`)
		}
		http.Error(w, "CONNECT refused", status)
	}))
	proxy.Config.ErrorLog = log.New(io.Discard, "", 0)
	proxy.Start()
	t.Cleanup(proxy.Close)
	u, err := url.Parse(proxy.URL)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
