package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
)

// hostileJWT is JWT-shaped, as an access token echoed back would be.
const hostileJWT = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJncmFwaCJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ"

// hostileGraph answers every request with a Graph error whose message
// echoes the caller's token and carries terminal escape sequences.
func hostileGraph(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("request-id", "11111111-2222-3333-4444-555555555555")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error":{"code":"BadRequest","message":"\u001b]0;pwned\u0007\u001b[2J` +
			`bad header ` + r.Header.Get("Authorization") + ` and ` + hostileJWT + `\r"}}`))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// checkClean fails when text holds a control character other than tab
// and newline, a token, or the URL's password.
func checkClean(t *testing.T, what, text string) {
	t.Helper()
	for _, bad := range []string{"\x1b", "\a", "\r", "eyJ", "opaque-token-value", "s3cret"} {
		if strings.Contains(text, bad) {
			t.Errorf("%s holds %q:\n%s", what, bad, text)
		}
	}
}

// Issue 14, defects 7 and 8: what a hostile server says, and a
// --graph-url with a password, reach the terminal without escape
// sequences, tokens or the password.
func TestHostileErrorIsSanitisedOnTheTerminal(t *testing.T) {
	srv := hostileGraph(t)
	url := strings.Replace(srv.URL, "http://", "http://admin:s3cret@", 1) + "/v1.0"
	env := map[string]string{EnvAccessToken: "opaque-token-value"}
	code, _, stderr := photodesk(t, cmdOpts{env: env}, "get", "--graph-url", url, "--user", "adele@contoso.com", "--meta")
	if code != ExitFailure || !strings.Contains(stderr, "400") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and the 400", code, stderr)
	}
	checkClean(t, "stderr", stderr)

	bad := strings.Replace(url, "http://", "ftp://", 1)
	code, _, stderr = photodesk(t, cmdOpts{env: env}, "get", "--graph-url", bad, "--me")
	if code != ExitUsage || !strings.Contains(stderr, "--graph-url") {
		t.Errorf("ftp --graph-url: exit %d, stderr:\n%s\nwant a usage error", code, stderr)
	}
	checkClean(t, "stderr", stderr)
}

// Issue 14, defects 7 and 8: the report's error cells are sanitised too.
func TestHostileErrorIsSanitisedInTheReport(t *testing.T) {
	srv := hostileGraph(t)
	env := map[string]string{EnvGraphURL: srv.URL + "/v1.0", EnvAccessToken: "opaque-token-value"}
	list := filepath.Join(t.TempDir(), "people.txt")
	if err := os.WriteFile(list, []byte("adele@contoso.com\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	report := filepath.Join(out, "report.csv")
	_, _, stderr := photodesk(t, cmdOpts{env: env}, "export", "--users-file", list, "--out", out, "--size", "none")
	checkClean(t, "stderr", stderr)
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatalf("no report: %v\nstderr:\n%s", err, stderr)
	}
	if !strings.Contains(string(data), "error") {
		t.Errorf("report has no error row:\n%s", data)
	}
	checkClean(t, "report", string(data))
}

// Issue 14, defect 5: a report.csv that is a symlink is replaced by the
// report (with --force), and the file it pointed to is left alone.
func TestExportReportDoesNotFollowSymlinks(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20})
	ex := tn.Dir.Examples()
	list := filepath.Join(t.TempDir(), "people.txt")
	if err := os.WriteFile(list, []byte(ex.FullHD.UserPrincipalName+"\n"+ex.NoPhoto.UserPrincipalName+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(t.TempDir(), "precious")
	if err := os.WriteFile(target, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	report := filepath.Join(out, "report.csv")
	if err := os.Symlink(target, report); err != nil {
		t.Skip("no symlinks here:", err)
	}
	// Without --force a report in the way is kept (defect 6); with it, the
	// symlink itself is replaced.
	args := []string{"export", "--users-file", list, "--out", out, "--size", "48x48"}
	if code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, args...); code != ExitUsage {
		t.Errorf("without --force: exit %d: %s", code, stderr)
	}
	code, _, stderr := photodesk(t, cmdOpts{env: tn.env}, append(args, "--force")...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if data, _ := os.ReadFile(target); string(data) != "keep me" {
		t.Errorf("the symlink's target now holds %q", data)
	}
	fi, err := os.Lstat(report)
	if err != nil || !fi.Mode().IsRegular() {
		t.Fatalf("report.csv is not a regular file: %v, %v", fi, err)
	}
	data, _ := os.ReadFile(report)
	rows := readReport(t, data)
	if len(rows) != 2 {
		t.Errorf("report rows: %+v", rows)
	}
	checkExportDir(t, out, rows)
}
