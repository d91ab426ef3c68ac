package cli

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// refusingScopes is the window's account whose silent request for a new
// permission fails with err, as MSAL reports Entra ID's answer.
type refusingScopes struct {
	graphapi.TokenSource
	err error
}

func (r refusingScopes) EnsureScopes(context.Context, ...string) error { return r.err }

// Entra ID's two answers to a silent request for a permission, as the auth
// package wraps them: consent never given (AADSTS65001), and a sign-in an
// admin revoked or that expired (AADSTS50173 / 700082).
var (
	errConsentNeeded = fmt.Errorf("auth: %w: invalid_grant: AADSTS65001: The user or administrator has not consented to use the application", auth.ErrSignInRequired)
	errSignInExpired = fmt.Errorf("auth: %w: invalid_grant: AADSTS50173: The provided grant has expired due to it being revoked", auth.ErrSignInRequired)
)

// A write permission (or Contacts.Read.Shared) the window's account lacks
// is granted in the window: the command line's first line says so, not
// "sign in again", which asks for no new permission. A sign-in that
// expired or was revoked says sign in again, and does not claim a
// permission is missing.
func TestMissingPermissionOrExpiredSignInSaysWhatToDo(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 20})
	tok, err := tn.UserToken(identity.DemoUPN)
	if err != nil {
		t.Fatal(err)
	}
	ex := tn.Dir.Examples()
	pic := picture(t, 300, 300)
	commands := map[string][]string{
		"set":    {"set", "--user", ex.FullHD.UserPrincipalName, "--file", pic, "--backup", t.TempDir()},
		"remove": {"remove", "--user", ex.FullHD.UserPrincipalName, "--backup", t.TempDir(), "--yes"},
		"get":    {"get", "--contact", ex.ContactWithPhoto.ID, "--user", identity.DemoUPN, "--meta"},
	}
	for name, args := range commands {
		for _, c := range []struct {
			why       string
			err       error
			want, not string
		}{
			{"consent", errConsentNeeded, "in the Photo Desk window once", "has expired"},
			{"expired", errSignInExpired, "Your sign-in has expired", "to grant it"},
		} {
			SignedIn = func(context.Context, string) (graphapi.TokenSource, string, error) {
				return refusingScopes{TokenSource: graphapi.StaticToken(tok), err: c.err}, tn.GraphURL("v1.0"), nil
			}
			var stdout, stderr bytes.Buffer
			e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
			code := run(t.Context(), args, e)
			first, _, _ := strings.Cut(stderr.String(), "\n")
			if code != ExitFailure || !strings.Contains(first, c.want) || strings.Contains(stderr.String(), c.not) {
				t.Errorf("%s, %s: exit %d, stderr:\n%s\nwant exit 1, a first line with %q and no %q", name, c.why, code, stderr.String(), c.want, c.not)
			}
		}
	}
	SignedIn = nil
}
