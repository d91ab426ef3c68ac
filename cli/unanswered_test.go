package cli

import (
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// putsThrough puts a server in front of tn's Graph that hands every PUT
// (a photo upload) to put and every other request on to the tenant. It
// returns the CLI's environment through that server, and one straight to
// the tenant.
func putsThrough(t *testing.T, tn *tenant, put func(tenant http.Handler, w http.ResponseWriter, r *http.Request)) (env, direct map[string]string) {
	t.Helper()
	env = writeEnv(t, tn, identity.DemoUPN)
	graphURL, err := url.Parse(env[EnvGraphURL])
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: graphURL.Scheme, Host: graphURL.Host})
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPut {
			proxy.ServeHTTP(w, r)
			return
		}
		put(proxy, w, r)
	}))
	t.Cleanup(front.Close)
	direct = maps.Clone(env)
	env[EnvGraphURL] = front.URL + graphURL.Path
	return env, direct
}

// A change Graph takes but whose answer never arrives (the connection is
// cut once the upload was applied) is not reported as if nothing changed:
// set says it may have gone through and how to look, beside the backup; an
// undo says so too, and that undoing again tells which, which it does.
func TestChangeWithNoAnswerSaysItMayHaveGoneThrough(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env, direct := putsThrough(t, tn, func(tenant http.Handler, w http.ResponseWriter, r *http.Request) {
		// Applied by the tenant, then the connection drops before the
		// answer: what a proxy or Wi-Fi cut does to a real upload.
		tenant.ServeHTTP(httptest.NewRecorder(), r)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	})

	who := tn.Dir.Examples().FullHD.UserPrincipalName
	backups := t.TempDir()
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "set", "--user", who, "--file", picture(t, 300, 300), "--backup", backups)
	if code != ExitFailure {
		t.Fatalf("set: exit %d, want %d; stderr %q", code, ExitFailure, stderr)
	}
	if !strings.Contains(stderr, "backup: "+backups) || !strings.Contains(stderr, "may have gone through") ||
		!strings.Contains(stderr, "photodesk undo") {
		t.Errorf("set with no answer says %q; want the backup and that the change may have gone through", stderr)
	}

	// The undo of it, answered again by no one: the undo says so, and the
	// next undo names it as why the photo is not the one the change left.
	if code, _, stderr := photodesk(t, cmdOpts{env: direct}, "set", "--user", who, "--file", picture(t, 200, 200), "--backup", backups); code != ExitOK {
		t.Fatalf("set: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = photodesk(t, cmdOpts{env: env}, "undo", "--backup", backups)
	if code != ExitFailure || !strings.Contains(stderr, "may have gone through") || !strings.Contains(stderr, "photodesk undo again") {
		t.Errorf("undo with no answer: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = photodesk(t, cmdOpts{env: direct}, "undo", "--backup", backups)
	if code != ExitFailure || !strings.Contains(stderr, "got no answer") {
		t.Errorf("undo after an undo with no answer: exit %d, stderr %q", code, stderr)
	}
}

// TestGatewayTimeoutToAChangeSaysLookBeforeTryingAgain: a gateway's 502
// or 504 to set read "Microsoft Graph is unavailable right now (504 Gateway
// Timeout). Try again in a moment. No answer came for the change, which
// may have gone through all the same: look with photodesk get; …": the
// advice to try again came before the look, and a blind retry may
// change the photo twice.
func TestGatewayTimeoutToAChangeSaysLookBeforeTryingAgain(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env, _ := putsThrough(t, tn, func(_ http.Handler, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("request-id", "b8a2983e-0000-4000-8000-000000000000")
		w.WriteHeader(http.StatusBadGateway) // not retried, unlike a 504: the test stays fast
		_, _ = w.Write([]byte(`{"error":{"code":"BadGateway","message":"Bad Gateway"}}`))
	})

	who := tn.Dir.Examples().FullHD.UserPrincipalName
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "set", "--user", who, "--file", picture(t, 300, 300), "--backup", t.TempDir())
	_, said, _ := strings.Cut(stderr, "\nphotodesk set: ") // the line after the backup's
	said, _, _ = strings.Cut(said, "\n  HTTP status")
	look, again := strings.Index(said, "look with photodesk get"), strings.Index(strings.ToLower(said), "try again")
	if code != ExitFailure || look < 0 || again >= 0 && again < look || strings.Contains(said, "..") {
		t.Errorf("set answered 502: exit %d, stderr %q; want it to say to look before trying again", code, stderr)
	}
}

// TestConnectionCutToAChangeSaysLookBeforeTryingAgain: a set whose
// connection was cut with no answer (a reset, as the sandbox's
// --faults reset= does) read "Cannot reach Microsoft Graph. Check the
// network connection (or the proxy) and try again. No answer came for the
// change, which may have gone through all the same: look with photodesk
// get …": try again came before the look, as a gateway's 504 did.
func TestConnectionCutToAChangeSaysLookBeforeTryingAgain(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 30})
	env, _ := putsThrough(t, tn, func(_ http.Handler, w http.ResponseWriter, _ *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		if tcp, ok := conn.(*net.TCPConn); ok {
			_ = tcp.SetLinger(0) // a reset, not a clean close
		}
		_ = conn.Close()
	})

	who := tn.Dir.Examples().FullHD.UserPrincipalName
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "set", "--user", who, "--file", picture(t, 300, 300), "--backup", t.TempDir())
	_, said, _ := strings.Cut(stderr, "\nphotodesk set: ") // the line after the backup's
	said, _, _ = strings.Cut(said, "\n  ")                 // the error's own words, for support
	look, again := strings.Index(said, "look with photodesk get"), strings.Index(strings.ToLower(said), "try again")
	if code != ExitFailure || look < 0 || again >= 0 && again < look || strings.Contains(said, "Cannot reach") {
		t.Errorf("set cut off: exit %d, stderr %q; want it to say to look before trying again", code, stderr)
	}
}
