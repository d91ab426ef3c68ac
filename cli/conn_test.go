package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app/export"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

func TestWithAPI(t *testing.T) {
	for _, c := range []struct{ in, api, want string }{
		{"http://127.0.0.1:8080/v1.0", "", "http://127.0.0.1:8080/v1.0"},
		{"http://127.0.0.1:8080/v1.0/", "beta", "http://127.0.0.1:8080/beta"},
		{"http://127.0.0.1:8080/BETA", "v1.0", "http://127.0.0.1:8080/v1.0"},
		{"http://127.0.0.1:8080", "", "http://127.0.0.1:8080/v1.0"},
		{"https://graph.example/proxy/", "beta", "https://graph.example/proxy/beta"},
	} {
		got, err := withAPI(c.in, c.api)
		if err != nil || got != c.want {
			t.Errorf("withAPI(%q, %q) = %q, %v; want %q", c.in, c.api, got, err, c.want)
		}
	}
	for _, bad := range []string{"ftp://x/v1.0", "127.0.0.1:8080", "http:///v1.0"} {
		if _, err := withAPI(bad, ""); !isUsage(err) {
			t.Errorf("withAPI(%q): %v, want a usage error", bad, err)
		}
	}
}

func TestProgressPrinter(t *testing.T) {
	var plain, tty strings.Builder
	clock := time.Unix(0, 0)
	now := func() time.Time { return clock }
	pp, pt := newProgressPrinter(&plain, false), newProgressPrinter(&tty, true)
	pp.now, pt.now = now, now
	pr := export.Progress{Done: 5, Total: 10, OK: 4, NoPhoto: 1, Waiting: 1500 * time.Millisecond}
	for range 3 { // same instant: drawn once
		pp.update(pr)
		pt.update(pr)
	}
	pr.Done, pr.TotalKnown = 10, true
	pp.finish(pr)
	pt.finish(pr)
	if n := strings.Count(plain.String(), "\n"); n != 2 || strings.Contains(plain.String(), "\r") {
		t.Errorf("plain output %q: want 2 plain lines", plain.String())
	}
	if !strings.Contains(plain.String(), "5/10+ people") || !strings.Contains(plain.String(), "waiting 1.5s") {
		t.Errorf("plain output %q", plain.String())
	}
	// 5 of 10 known so far is not half way: the bar fills once the total
	// is known (TestBarStaysEmptyWhileTheTotalIsUnknown).
	if !strings.Contains(tty.String(), "\r[                              ] 5/10+") ||
		!strings.Contains(tty.String(), "\r[==============================] 10/10") || !strings.HasSuffix(tty.String(), "\n") {
		t.Errorf("bar output %q", tty.String())
	}
}

// windowSettings is the environment of a command whose window was set up
// with prefs (Settings' preferences file, in a throwaway home).
func windowSettings(t *testing.T, prefs map[string]string) map[string]string {
	t.Helper()
	home := t.TempDir()
	dir := filepath.Join(home, ".config", "fyne", "io.github.photodesk.photodesk")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(prefs)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "preferences.json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	return map[string]string{"HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, ".config")}
}

// Settings the command line cannot connect with are said once, in the
// words Settings would use, never with the package's "auth:" prefix: a
// tenant and client id that are no GUIDs, an application sign-in without
// a saved secret (or a keyring to read it from).
func TestSettingsErrorsAreSaidOnceWithoutAuthPrefix(t *testing.T) {
	bad := windowSettings(t, map[string]string{"cloud": "m365", "tenant": "not a tenant!", "clientID": "xyz"})
	code, _, stderr := photodesk(t, cmdOpts{env: bad}, "get", "--me", "--meta")
	if code != ExitFailure || strings.Count(stderr, `"not a tenant!" is not a GUID`) != 1 || strings.Count(stderr, `"xyz" is not a GUID`) != 1 {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and each problem once", code, stderr)
	}
	noSecret := windowSettings(t, map[string]string{
		"cloud": "m365", "tenant": "contoso.onmicrosoft.com", "clientID": "7d6b5e3a-4c1f-4b8e-9f2a-1c0d5e6f7a8b", "authMode": "appSecret",
	})
	code, _, stderr2 := photodesk(t, cmdOpts{env: noSecret}, "get", "--me", "--meta")
	if code != ExitFailure || !strings.Contains(stderr2, "secret") && !strings.Contains(stderr2, "keyring") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and why the application cannot sign in", code, stderr2)
	}
	for _, s := range []string{stderr, stderr2} {
		if strings.Contains(s, "auth:") {
			t.Errorf("stderr shows \"auth:\":\n%s", s)
		}
		// The advice; the line under it is for support and may name the
		// keyring entry.
		if first, _, _ := strings.Cut(s, "\n"); strings.Contains(first, "client-secret:") {
			t.Errorf("the advice names the keyring entry: %s", first)
		}
	}
}

// An Authority saved with a typo (before Settings refused one) is refused
// by the command line too, naming the host and the ones it takes, rather
// than used to sign in for the global Graph.
func TestUnknownAuthorityInSettingsIsRefused(t *testing.T) {
	typo := windowSettings(t, map[string]string{
		"cloud": "m365", "tenant": "contoso.onmicrosoft.com", "clientID": "7d6b5e3a-4c1f-4b8e-9f2a-1c0d5e6f7a8b",
		"authority": "https://login.microsoftonline.uss",
	})
	code, _, stderr := photodesk(t, cmdOpts{env: typo}, "get", "--me", "--meta")
	first, _, _ := strings.Cut(stderr, "\n")
	if code != ExitFailure || !strings.Contains(first, `Authority: "login.microsoftonline.uss" is unknown; use login.microsoftonline.com`) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and the authority refused", code, stderr)
	}
}

// With --graph-url and no $PHOTODESK_ACCESS_TOKEN, Graph's 401 is answered
// with the variable to set: there was no sign-in to expire, and no token
// either. A variable set empty is said to be empty, once: it was called
// "not set", then a token that "is expired or not valid here".
func TestNoTokenSays401IsForTheVariable(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	for state, env := range map[string]map[string]string{
		"is empty":   {EnvAccessToken: ""},
		"is not set": {},
	} {
		code, _, stderr := photodesk(t, cmdOpts{env: env}, "get", "--graph-url", tn.env[EnvGraphURL], "--me", "--meta")
		if code != ExitFailure || !strings.Contains(stderr, "$"+EnvAccessToken) || strings.Contains(stderr, "ign in again") || strings.Contains(stderr, "sign-in") {
			t.Errorf("%s: exit %d, stderr:\n%s\nwant exit 1 and to set $%s, not to sign in again", state, code, stderr, EnvAccessToken)
		}
		if strings.Count(stderr, EnvAccessToken+" "+state) != 1 || strings.Count(stderr, EnvAccessToken+" is empty")+strings.Count(stderr, EnvAccessToken+" is not set") != 1 ||
			strings.Contains(stderr, "expired") || !strings.Contains(stderr, "none was sent") {
			t.Errorf("%s: stderr:\n%s\nwant %s %s said once, and no expired token", state, stderr, EnvAccessToken, state)
		}
	}
}

// A token copied with its Authorization header's "Bearer " in front is
// the same token: it was sent on as "Bearer Bearer eyJ…", and the command
// said the token was expired or not valid.
func TestAccessTokenCopiedWithBearerIsTheToken(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	for _, prefix := range []string{"Bearer ", "bearer  ", " Bearer\t"} {
		env := map[string]string{EnvAccessToken: prefix + tn.env[EnvAccessToken] + "\n"}
		code, stdout, stderr := photodesk(t, cmdOpts{env: env}, "get", "--graph-url", tn.env[EnvGraphURL], "--me", "--meta")
		if code != ExitOK || !strings.Contains(stdout, `"servedSize"`) || strings.Contains(stderr, "expired") {
			t.Errorf("token after %q: exit %d, stdout %q, stderr:\n%s\nwant the photo's metadata", prefix, code, stdout, stderr)
		}
	}
	if got := bareAccessToken("  eyJ.a.b  "); got != "eyJ.a.b" {
		t.Errorf("bareAccessToken kept %q", got)
	}
}

// A certificate file that is not there is said as the command line says
// any file it cannot read ("no such file: …"), naming it the certificate
// file: it read "read certificate: open /x.pem: no such file or
// directory", the system call's words.
func TestMissingCertificateFileIsWordedAsOtherFiles(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "photodesk.pem")
	env := windowSettings(t, map[string]string{
		"cloud": "m365", "tenant": "contoso.onmicrosoft.com", "clientID": "7d6b5e3a-4c1f-4b8e-9f2a-1c0d5e6f7a8b",
		"authMode": "appCertificate", "certificatePath": missing,
	})
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "get", "--me", "--meta")
	first, _, _ := strings.Cut(stderr, "\n")
	if want := "no such certificate file: " + missing; code != ExitFailure || !strings.Contains(first, want) ||
		strings.Contains(stderr, "open "+missing) || strings.Contains(stderr, "no such file or directory") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %q", code, stderr, want)
	}
}
