package graphapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// authLog records the Authorization header of every request a server sees.
type authLog struct {
	mu   sync.Mutex
	seen []string
}

func (l *authLog) record(r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seen = append(l.seen, r.Header.Get("Authorization"))
}

func (l *authLog) get() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.seen...)
}

// otherPort starts a second server on the same host as setup's, so only
// the port tells them apart: net/http alone keeps the token for it.
func otherPort(t *testing.T, log *authLog, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.record(r)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRedirectToAnotherPortDropsToken(t *testing.T) {
	c, mux, _, _ := setup(t)
	var other authLog
	elsewhere := otherPort(t, &other, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"id":"1"}`))
	})
	mux.HandleFunc("/v1.0/me", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+"/v1.0/me", http.StatusFound)
	})
	if _, err := c.get(context.Background(), "/me", nil, 0); err != nil {
		t.Fatal(err)
	}
	if seen := other.get(); len(seen) != 1 || seen[0] != "" {
		t.Errorf("other port saw Authorization %q, want one request without it", seen)
	}
}

// A server that sent us off the origin chose where we land back on it, so
// the token stays off for the rest of the chain.
func TestRedirectBackToOriginStaysWithoutToken(t *testing.T) {
	c, mux, serverURL, _ := setup(t)
	var other, back authLog
	elsewhere := otherPort(t, &other, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, serverURL+"/v1.0/back", http.StatusFound)
	})
	mux.HandleFunc("/v1.0/me", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+"/v1.0/me", http.StatusTemporaryRedirect)
	})
	mux.HandleFunc("/v1.0/back", func(w http.ResponseWriter, r *http.Request) {
		back.record(r)
		_, _ = w.Write([]byte(`{}`))
	})
	if _, err := c.get(context.Background(), "/me", nil, 0); err != nil {
		t.Fatal(err)
	}
	if seen := append(other.get(), back.get()...); len(seen) != 2 || seen[0] != "" || seen[1] != "" {
		t.Errorf("Authorization after leaving the origin = %q, want two requests without it", seen)
	}
}

func TestRedirectOnOriginKeepsToken(t *testing.T) {
	c, mux, _, _ := setup(t)
	mux.HandleFunc("/v1.0/me", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/v1.0/users/1", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/v1.0/users/1", func(w http.ResponseWriter, r *http.Request) {
		checkRequest(t, r, http.MethodGet)
		_, _ = w.Write([]byte(`{}`))
	})
	if _, err := c.get(context.Background(), "/me", nil, 0); err != nil {
		t.Fatal(err)
	}
}

func TestRedirectHTTPSToHTTPRefused(t *testing.T) {
	var plainLog authLog
	plain := otherPort(t, &plainLog, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{}`))
	})
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+r.URL.Path, http.StatusFound)
	}))
	t.Cleanup(tlsSrv.Close)
	c := New(
		WithBaseURL(tlsSrv.URL+"/v1.0"),
		WithHTTPClient(tlsSrv.Client()),
		WithTokenSource(StaticToken(testToken)),
		WithRetry(fakePolicy(newFakeClock())),
	)
	_, err := c.get(context.Background(), "/me", nil, 0)
	if err == nil || !strings.Contains(err.Error(), "refusing to leave https for http") {
		t.Errorf("err = %v, want the downgrade refused", err)
	}
	if seen := plainLog.get(); len(seen) != 0 {
		t.Errorf("plain http server was reached (Authorization %q)", seen)
	}
}

func TestNextLinkToAnotherPortRefused(t *testing.T) {
	c, mux, _, _ := setup(t)
	var other authLog
	elsewhere := otherPort(t, &other, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"value":[]}`))
	})
	mux.HandleFunc("/v1.0/users", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"value":[{"id":"1"}],"@odata.nextLink":"` + elsewhere.URL + `/v1.0/users?$skiptoken=1"}`))
	})
	p := c.Users(ListOptions{})
	if _, err := p.Next(context.Background()); err == nil || !p.Done() {
		t.Errorf("err = %v, done %v; want the nextLink refused", err, p.Done())
	}
	if len(other.get()) != 0 {
		t.Error("the other port was asked for a page")
	}
}

func TestCheckOrigin(t *testing.T) {
	c := New(WithBaseURL("https://graph.microsoft.com/v1.0"))
	tests := []struct {
		target string
		ok     bool
	}{
		{"https://graph.microsoft.com/v1.0/users", true},
		{"https://GRAPH.microsoft.com:443/beta/me", true},
		{"https://graph.microsoft.com:8443/v1.0/me", false},
		{"http://graph.microsoft.com/v1.0/me", false},
		{"https://evil.graph.microsoft.com/v1.0/me", false},
		{"https://evil.example/v1.0/me", false},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.target)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.checkOrigin(u); (err == nil) != tt.ok {
			t.Errorf("checkOrigin(%s) = %v, want ok %v", tt.target, err, tt.ok)
		}
	}
}
