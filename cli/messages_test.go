package cli

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// A usage mistake is answered in one line and a pointer to -h, not with
// the whole usage text burying the line that matters.
func TestUsageErrorIsOneLine(t *testing.T) {
	env := map[string]string{EnvGraphURL: "http://127.0.0.1:1/v1.0", EnvAccessToken: "x"}
	for _, args := range [][]string{
		{"get", "--me", "--size", "47x47"},
		{"get", "--me", "--size"},
		{"get", "--me", "--user", "a@b.c"},
		{"get", "--me", "stray"},
		{"export", "--all-users"},
		{"export", "--all-users", "--out", "x", "--size", "huge"},
		{"sandbox", "--faults", "garbage"},
		{"sandbox", "--users", "-5"},
		{"get", "--me", "-o", ""}, // an unset $OUT must not mean "here"
		{"get", "--me", "--graph-url", " "},
		{"export", "--all-users", "--out", "x", "--size", ""},
	} {
		code, _, stderr := photodesk(t, cmdOpts{env: env}, args...)
		lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
		want := "Run photodesk " + args[0] + " -h for help."
		if code != ExitUsage || len(lines) != 2 || !strings.HasPrefix(lines[0], "photodesk "+args[0]+": ") || lines[1] != want {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit 2, the mistake in one line and %q", args, code, stderr, want)
		}
	}
}

// fail prints the detail line only when it says more than the first line.
func TestErrorsDoNotRepeatThemselves(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "people.txt")
	code, _, stderr := photodesk(t, cmdOpts{}, "export", "--users-file", missing, "--out", t.TempDir())
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if code != ExitFailure || len(lines) != 1 || !strings.Contains(lines[0], "people.txt") {
		t.Errorf("missing --users-file: exit %d, stderr:\n%s\nwant exit 1 and one line naming the file", code, stderr)
	}
}

// A --graph-url that is some other web server (a typo'd port, a proxy's
// page) is not "no such user": say the server is not answering like Graph.
func TestGetFromAServerThatIsNotGraph(t *testing.T) {
	web := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(web.Close)
	env := map[string]string{EnvGraphURL: web.URL + "/v1.0", EnvAccessToken: "x"}
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "get", "--user", "adele.vance@contoso.onmicrosoft.com", "--meta")
	if code != ExitFailure || strings.Contains(stderr, "no such user") || !strings.Contains(stderr, "not answer like Microsoft Graph") || !strings.Contains(stderr, "404") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1, the 404, and that the server is not Graph", code, stderr)
	}
}

// A sign-in refusal reads as the window words it, with Entra ID's advice.
func TestSignInErrorsGiveTheWindowsAdvice(t *testing.T) {
	var stderr strings.Builder
	err := fmt.Errorf("auth: %w", errors.New(`http call(https://login.microsoftonline.com/contoso.com/oauth2/v2.0/token)(POST) error: reply status code was 400: {"error":"unauthorized_client","error_description":"AADSTS700016: Application with identifier 'x' was not found."}`))
	if code := fail(&env{stderr: &stderr}, "get", err); code != ExitFailure {
		t.Errorf("exit code = %d", code)
	}
	if first, _, _ := strings.Cut(stderr.String(), "\n"); !strings.Contains(first, "client ID in Settings") || !strings.Contains(first, "AADSTS700016") {
		t.Errorf("first line = %q, want the AADSTS advice", first)
	}
}

// A command stopped with Ctrl+C says so, not "Sign-in cancelled." (the
// words the window gives a cancelled sign-in).
func TestStoppedSaysStopped(t *testing.T) {
	var stderr strings.Builder
	e := &env{stderr: &stderr}
	code := fail(e, "get", fmt.Errorf("photo of me: %w", context.Canceled))
	if code != ExitFailure || !strings.Contains(stderr.String(), "stopped (Ctrl+C)") || strings.Contains(stderr.String(), "Sign-in") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

// A bad token from $PHOTODESK_ACCESS_TOKEN is answered with what to do
// about it (a new token), not "sign in again", which would not change it.
func TestBadBareTokenSaysSetANewOne(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20})
	env := map[string]string{EnvGraphURL: tn.env[EnvGraphURL], EnvAccessToken: "not-a-token"}
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "get", "--me", "--meta")
	if code != ExitFailure || !strings.Contains(stderr, "$"+EnvAccessToken) || strings.Contains(stderr, "ign in again") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
