package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// appSignIn is the window's application sign-in as the command line gets
// it: a token source that says it is an application's.
type appSignIn struct{ graphapi.TokenSource }

func (appSignIn) IsApp() bool { return true }

// TestGroupPhotoRefusalIsWordedForTheKindOfSignIn: the command line worded
// Graph's 403 on a group photo as for a signed-in person whoever asked,
// while the window tells an application of Graph's known refusal
// (app.FriendlyForApp). An application — its own token, or the window's
// application sign-in — is told that, for a read and for a change; a
// person is told of their permission. The facts for scripts stay as they
// were.
func TestGroupPhotoRefusalIsWordedForTheKindOfSignIn(t *testing.T) {
	tn := newTenant(t, sandbox.Options{Users: 10})
	sales := tn.Dir.Examples().Sales.ID
	appTok, err := tn.AppToken(sandbox.DaemonClientID)
	if err != nil {
		t.Fatal(err)
	}
	userTok, err := tn.UserToken(identity.DemoUPN, "User.ReadBasic.All", "GroupMember.Read.All")
	if err != nil {
		t.Fatal(err)
	}
	asApp := map[string]string{EnvGraphURL: tn.env[EnvGraphURL], EnvAccessToken: appTok}
	asPerson := map[string]string{EnvGraphURL: tn.env[EnvGraphURL], EnvAccessToken: userTok}
	const facts = "HTTP status 403, Graph code ErrorAccessDenied, request-id "
	const appWords = "Microsoft Graph refuses group photos to applications"

	check := func(what string, code int, stderr, want, not string) {
		t.Helper()
		if code != ExitFailure || !strings.Contains(stderr, want) || strings.Contains(stderr, not) || !strings.Contains(stderr, facts) {
			t.Errorf("%s: exit %d, stderr:\n%s\nwant %q and the facts, not %q", what, code, stderr, want, not)
		}
	}
	code, _, stderr := photodesk(t, cmdOpts{env: asApp}, "get", "--group", sales, "--meta")
	check("get as an application", code, stderr, "photodesk get: "+appWords, "signed-in account")
	code, _, stderr = photodesk(t, cmdOpts{env: asApp}, "remove", "--group", sales, "--yes", "--backup", t.TempDir())
	check("remove as an application", code, stderr, "photodesk remove: Nothing was changed: "+appWords, "signed-in account")
	code, _, stderr = photodesk(t, cmdOpts{env: asPerson}, "get", "--group", sales, "--meta")
	check("get as a person", code, stderr, "signed-in account", "application")

	// The window's application sign-in, known by its session rather than
	// by the token's claims.
	SignedIn = func(context.Context, string) (graphapi.TokenSource, string, error) {
		return appSignIn{graphapi.StaticToken(appTok)}, tn.GraphURL("v1.0"), nil
	}
	t.Cleanup(func() { SignedIn = nil })
	var stdout, errs bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &errs, getenv: func(string) string { return "" }}
	code = run(t.Context(), []string{"get", "--group", sales, "--meta"}, e)
	check("get with the window's application sign-in", code, errs.String(), appWords, "signed-in account")
}
